package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PrimitiveIterator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * {@code POST /crm/v3/objects/{type}/search}: filters (groups OR'ed, filters within a group
 * AND'ed), one sort, integer offset paging, {@code total}, and the 10,000-result cap. Scans only
 * the ids the {@code hs_object_id} bounds allow, in the sort's direction (id order, or creation
 * order when sorted by create date or not at all), and keeps only the requested window (or a
 * bounded heap when sorting by a value that is in neither order), so a big portal is never
 * materialized and a keyset page on the id does not scan the whole object. A search for records
 * last modified after the generated ones were (a sync's search for changes) looks only at the
 * records changed or created since start ({@link ObjectStore#modifiedFrom}).
 *
 * <p>Search trails writes: it shows each record as it was {@code searchLag} ago (see {@link
 * ObjectStore#searchView}). The {@code search-hole} fault leaves records out of a page while its
 * cursor counts them.
 */
final class SearchEndpoint {
  static final int MAX_LIMIT = 200;
  static final int MAX_RESULTS = 10_000;
  static final int MAX_GROUPS = 5;
  static final int MAX_FILTERS_PER_GROUP = 6;
  static final int MAX_FILTERS = 18;

  private final Portal portal;
  private final RecordWriter writer;
  private final Clock clock;

  /** Records generated to answer searches so far (tests check that keyset pages stay cheap). */
  private final LongAdder recordsViewed = new LongAdder();

  SearchEndpoint(Portal portal, RecordWriter writer, Clock clock) {
    this.portal = portal;
    this.writer = writer;
    this.clock = clock;
  }

  long recordsViewed() {
    return recordsViewed.sum();
  }

  /** One entry of a bounded heap: the sort key, the record id (ties) and index. */
  private record Keyed(Comparable<Object> key, long id, long index) {}

  /** The order a search walks records in. */
  private enum Order {
    ID,
    CREATION,
    /** By a value in neither order: through a bounded heap. */
    VALUE
  }

  Response search(Request r, ObjectDef def, FaultKind fault) {
    JsonNode body = r.json();
    int limit = body.path("limit").isMissingNode() ? 10 : integer(body.path("limit"), "limit");
    if (limit < 0 || limit > MAX_LIMIT) {
      throw ApiException.validation("limit must be between 0 and " + MAX_LIMIT + ", got " + limit);
    }
    int after =
        body.path("after").isMissingNode() || body.path("after").isNull()
            ? 0
            : integer(body.path("after"), "after");
    if (after < 0) {
      throw ApiException.validation("after must not be negative, got " + after);
    }
    if ((long) after + limit > MAX_RESULTS) {
      throw ApiException.validation(
          "Search can page through at most "
              + MAX_RESULTS
              + " results (after="
              + after
              + ", limit="
              + limit
              + "): narrow the query, e.g. by "
              + def.modifiedProperty
              + ", and start again from after=0");
    }
    String query = body.path("query").asText("");
    if (query.length() > 3000) {
      throw ApiException.validation("query is longer than 3000 characters");
    }
    Predicate<RecordView> filter =
        SearchFilters.parse(def, body).and(SearchFilters.query(def, query));
    Sort sort = sort(def, body.path("sorts"));
    PropertyDef[] props = writer.resolve(def, ObjectsEndpoint.strings(body.path("properties")));

    ObjectStore store = portal.store(def);
    long horizon = store.searchHorizon(clock.millis());
    IdRanges ranges = IdRanges.of(def, body);
    Order order = sort == null ? Order.CREATION : sort.order();
    boolean descending = order != Order.VALUE && sort != null && sort.descending;
    int wanted = after + limit;
    // When the id bounds are the only filters, the total is a count, not a scan, so a scan in
    // id or creation order can stop at the window's last record: a keyset page costs O(after +
    // limit).
    boolean counted = order != Order.VALUE && query.isBlank() && ranges.onlyIdBounds();
    long total = counted ? ranges.searchableCount(store, horizon) : 0;
    long matched = 0;
    long viewed = 0;
    List<RecordView> window = new ArrayList<>();
    PriorityQueue<Keyed> heap =
        order != Order.VALUE
            ? null
            : new PriorityQueue<>(
                Comparator.comparing((Keyed k) -> k, sort.comparator().reversed()));
    // a search for records modified since the portal was generated (a sync's) looks only at those
    // changed or created since start; the filter still tests each, id bounds included
    long[] changed = store.modifiedFrom(SearchFilters.modifiedFloor(def, body));
    PrimitiveIterator.OfLong indices =
        changed != null
            ? inOrder(store, changed, order, descending)
            : order == Order.CREATION
                ? ranges.byCreation(store, descending)
                : ranges.byId(store, descending);
    while (indices.hasNext() && !(counted && matched >= wanted)) {
      long i = indices.nextLong();
      RecordView v = store.searchView(i, horizon);
      viewed++;
      if (v == null || v.archived || !filter.test(v)) {
        continue;
      }
      if (order != Order.VALUE) {
        if (matched >= after && matched < wanted) {
          window.add(v);
        }
      } else if (wanted > 0) {
        heap.add(new Keyed(sort.key(v), v.id, i));
        if (heap.size() > wanted) {
          heap.poll();
        }
      }
      matched++;
    }
    if (!counted) {
      total = matched;
    }
    if (order == Order.VALUE) {
      List<Keyed> sorted = new ArrayList<>(heap);
      sorted.sort(sort.comparator());
      for (int k = after; k < sorted.size(); k++) {
        window.add(store.searchView(sorted.get(k).index(), horizon));
        viewed++;
      }
    }
    recordsViewed.add(viewed);
    int served = window.size();
    if (fault == FaultKind.SHORT_PAGE && window.size() > 1) {
      window.subList(window.size() / 2, window.size()).clear();
      served = window.size(); // the cursor follows what was sent: nothing is lost
    } else if (fault == FaultKind.SEARCH_HOLE && !window.isEmpty()) {
      window = withHoles(window); // the cursor still counts what was left out: it is lost
    }
    long next = after + served;
    long totalFinal = total;
    List<RecordView> results = window;
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeNumberField("total", totalFinal);
          g.writeArrayFieldStart("results");
          for (RecordView v : results) {
            writer.write(g, v, props, null, null);
          }
          g.writeEndArray();
          if (next < totalFinal && limit > 0) {
            g.writeObjectFieldStart("paging");
            g.writeObjectFieldStart("next");
            g.writeStringField("after", Long.toString(next));
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndObject();
        });
  }

  /**
   * The indices (ascending) in the order the search walks: by id, or by creation (index); a walk by
   * value may take any order, its heap sorts.
   */
  private static PrimitiveIterator.OfLong inOrder(
      ObjectStore store, long[] indices, Order order, boolean descending) {
    long[] walk = indices;
    if (order == Order.ID) {
      walk =
          Arrays.stream(indices)
              .boxed()
              .sorted(Comparator.comparingLong(store::idAt))
              .mapToLong(Long::longValue)
              .toArray();
    }
    long[] ordered = walk;
    return descending
        ? IntStream.range(0, ordered.length)
            .mapToLong(k -> ordered[ordered.length - 1 - k])
            .iterator()
        : Arrays.stream(ordered).iterator();
  }

  /**
   * The page less about one record in four (at least one), chosen by a hash of the seed and the
   * record id.
   */
  private List<RecordView> withHoles(List<RecordView> window) {
    List<RecordView> kept = new ArrayList<>(window.size());
    for (RecordView v : window) {
      if (Hashing.below(Hashing.hash(portal.seed(), 9000, v.id), 4) != 0) {
        kept.add(v);
      }
    }
    if (kept.size() == window.size()) {
      kept.remove(kept.size() / 2);
    }
    return kept;
  }

  private static int integer(JsonNode node, String name) {
    if (node.isInt()) {
      return node.asInt();
    }
    if (node.isTextual()) {
      try {
        return Integer.parseInt(node.asText().trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw ApiException.validation(
        "Cannot deserialize value of type `int` from "
            + node
            + " ("
            + name
            + "): search paging uses integer offsets, not list cursors");
  }

  /** The one sort HubSpot applies: by a property, ascending or descending. */
  private record Sort(PropertyDef property, boolean descending) {
    Order order() {
      return switch (property.kind) {
        case ID -> Order.ID;
        case CREATED -> Order.CREATION; // creation times ascend with the index
        default -> Order.VALUE;
      };
    }

    @SuppressWarnings("unchecked")
    Comparable<Object> key(RecordView v) {
      Comparable<?> key =
          switch (property.kind) {
            case MODIFIED -> v.updatedAt;
            default -> SearchFilters.sortKey(property, v.value(property));
          };
      return (Comparable<Object>) key;
    }

    Comparator<Keyed> comparator() {
      Comparator<Keyed> byKey =
          Comparator.comparing(Keyed::key, Comparator.nullsLast(Comparator.naturalOrder()));
      if (descending) {
        byKey =
            Comparator.comparing(
                Keyed::key,
                Comparator.nullsLast(Comparator.<Comparable<Object>>naturalOrder().reversed()));
      }
      return byKey.thenComparingLong(Keyed::id);
    }
  }

  private static Sort sort(ObjectDef def, JsonNode sorts) {
    if (sorts == null || !sorts.isArray() || sorts.isEmpty()) {
      return null;
    }
    JsonNode first = sorts.get(0); // HubSpot applies only one sort
    String name;
    boolean descending;
    if (first.isTextual()) {
      String text = first.asText().trim();
      descending = text.startsWith("-");
      name = descending ? text.substring(1) : text;
    } else {
      name = first.path("propertyName").asText("");
      descending =
          first.path("direction").asText("ASCENDING").toUpperCase(Locale.ROOT).startsWith("DESC");
    }
    PropertyDef p = def.property(name);
    if (p == null) {
      throw ApiException.validation(
          "Cannot sort by '" + name + "': no such property on " + def.name);
    }
    return new Sort(p, descending);
  }
}
