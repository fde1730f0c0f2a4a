package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * {@code POST /crm/v3/objects/{type}/search}: filters (groups OR'ed, filters within a group
 * AND'ed), one sort, integer offset paging, {@code total}, and the 10,000-result cap. Scans the
 * generated indices and keeps only the requested window (or a bounded heap when sorting by a value
 * that is not in id order), so a big portal is never materialized.
 */
final class SearchEndpoint {
  static final int MAX_LIMIT = 200;
  static final int MAX_RESULTS = 10_000;
  static final int MAX_GROUPS = 5;
  static final int MAX_FILTERS_PER_GROUP = 6;
  static final int MAX_FILTERS = 18;

  private final Portal portal;
  private final RecordWriter writer;

  SearchEndpoint(Portal portal, RecordWriter writer) {
    this.portal = portal;
    this.writer = writer;
  }

  /** One entry of a bounded heap: the sort key and the record index. */
  private record Keyed(Comparable<Object> key, long index) {}

  Response search(Request r, ObjectDef def, boolean shortPage) {
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
    long size = store.size();
    long total = 0;
    List<Long> window = new ArrayList<>();
    int wanted = after + limit;
    boolean indexOrder = sort == null || sort.indexOrdered();
    boolean descending = sort != null && sort.descending;
    long[] all = indexOrder && descending ? new long[16] : null;
    PriorityQueue<Keyed> heap =
        indexOrder
            ? null
            : new PriorityQueue<>(
                Comparator.comparing((Keyed k) -> k, sort.comparator().reversed()));
    for (long i = 0; i < size; i++) {
      RecordView v = store.view(i);
      if (v.archived || !filter.test(v)) {
        continue;
      }
      if (indexOrder && !descending) {
        if (total >= after && total < wanted) {
          window.add(i);
        }
      } else if (indexOrder) {
        if (total == all.length) {
          all = java.util.Arrays.copyOf(all, all.length * 2);
        }
        all[(int) total] = i;
      } else if (wanted > 0) {
        heap.add(new Keyed(sort.key(v), i));
        if (heap.size() > wanted) {
          heap.poll();
        }
      }
      total++;
    }
    if (indexOrder && descending) {
      for (long k = total - 1 - after; k >= 0 && k > total - 1 - wanted; k--) {
        window.add(all[(int) k]);
      }
    } else if (!indexOrder) {
      List<Keyed> sorted = new ArrayList<>(heap);
      sorted.sort(sort.comparator());
      for (int k = after; k < sorted.size(); k++) {
        window.add(sorted.get(k).index());
      }
    }
    if (shortPage && window.size() > 1) {
      window.subList(window.size() / 2, window.size()).clear();
    }
    long next = after + window.size();
    long totalFinal = total;
    List<RecordView> page = window.stream().map(store::view).toList();
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeNumberField("total", totalFinal);
          g.writeArrayFieldStart("results");
          for (RecordView v : page) {
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
    boolean indexOrdered() {
      return property.kind == PropertyDef.Kind.ID || property.kind == PropertyDef.Kind.CREATED;
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
      return byKey.thenComparingLong(Keyed::index);
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
