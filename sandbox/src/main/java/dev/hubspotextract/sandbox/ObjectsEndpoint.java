package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PrimitiveIterator;

/** {@code GET /crm/v3/objects/{type}}, {@code GET …/{id}} and {@code POST …/batch/read}. */
final class ObjectsEndpoint {
  static final int MAX_LIMIT = 100;
  static final int MAX_HISTORY_LIMIT = 50;
  static final int MAX_BATCH = 100;
  static final int MAX_BATCH_HISTORY = 50;

  private final Portal portal;
  private final RecordWriter writer;
  private final String baseUrl;
  private final UnorderedPages unordered;

  ObjectsEndpoint(Portal portal, RecordWriter writer, String baseUrl) {
    this.portal = portal;
    this.writer = writer;
    this.baseUrl = baseUrl;
    this.unordered = new UnorderedPages(portal.seed());
  }

  /**
   * A list page: up to {@code limit} records from the id its {@code after} names, in id order,
   * unless the fault injected into it says otherwise; then any records an earlier page owes it.
   */
  Response list(Request r, ObjectDef def, FaultKind fault) {
    int limit = r.intParam("limit", 10);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.validation(
          "limit must be between 1 and "
              + MAX_LIMIT
              + ", got "
              + limit
              + ": page with 'after' instead");
    }
    PropertyDef[] props = writer.resolve(def, r.list("properties"));
    PropertyDef[] history = writer.resolveHistory(def, r.list("propertiesWithHistory"));
    if (history != null) {
      limit = Math.min(limit, MAX_HISTORY_LIMIT);
    }
    List<ObjectDef> associated = associated(r);
    boolean archived = r.boolParam("archived");
    ObjectStore store = portal.store(def);
    long from = startId(r.param("after"));
    PrimitiveIterator.OfLong indices = store.byId(from, Long.MAX_VALUE, false);
    List<RecordView> page = new ArrayList<>(limit);
    long next = -1;
    while (indices.hasNext()) {
      RecordView v = store.view(indices.nextLong());
      if (v == null || v.archived != archived) {
        continue;
      }
      if (page.size() == limit) {
        next = v.id; // HubSpot's after: the id of the next record
        break;
      }
      page.add(v);
    }
    if (fault == FaultKind.SHORT_PAGE && page.size() > 1) {
      int keep = page.size() / 2;
      next = page.get(keep).id;
      page.subList(keep, page.size()).clear();
    } else if (fault == FaultKind.UNORDERED_PAGE) {
      unordered.scramble(def, archived, page, next);
    }
    for (long id : unordered.owedTo(def, archived, from)) {
      RecordView v = store.view(store.indexOf(id));
      if (v != null && v.archived == archived) {
        page.add(v); // held back or repeated by the page before: late, after higher ids
      }
    }
    long nextId = next;
    if (history == null && (associated == null || associated.isEmpty())) {
      RawJson out = Response.rawBuffer();
      out.ascii("{\"results\":[");
      for (int k = 0; k < page.size(); k++) {
        if (k > 0) {
          out.raw(',');
        }
        RecordWriter.writeRaw(out, page.get(k), props);
      }
      out.raw(']');
      if (nextId >= 0) {
        out.ascii(",\"paging\":{\"next\":{\"after\":").quotedLong(nextId).ascii(",\"link\":");
        out.string(link(r, Long.toString(nextId))).ascii("}}");
      }
      return Response.raw(200, out.raw('}'));
    }
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          for (RecordView v : page) {
            writer.write(g, v, props, history, associated);
          }
          g.writeEndArray();
          if (nextId >= 0) {
            g.writeObjectFieldStart("paging");
            g.writeObjectFieldStart("next");
            g.writeStringField("after", Long.toString(nextId));
            g.writeStringField("link", link(r, Long.toString(nextId)));
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndObject();
        });
  }

  /** The first id a list page holds: its {@code after}, the id of the record it starts at. */
  private static long startId(String after) {
    if (after == null || after.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(after.trim());
    } catch (NumberFormatException e) {
      throw ApiException.validation(
          "Invalid 'after' cursor '"
              + after
              + "': use the paging.next.after value of the previous page");
    }
  }

  private String link(Request r, String after) {
    StringBuilder b = new StringBuilder(baseUrl).append(r.path).append('?');
    if (r.rawQuery != null) {
      for (String part : r.rawQuery.split("&")) {
        if (!part.isEmpty() && !part.startsWith("after=")) {
          b.append(part).append('&');
        }
      }
    }
    return b.append("after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8)).toString();
  }

  private List<ObjectDef> associated(Request r) {
    List<String> names = r.list("associations");
    if (names == null) {
      return null;
    }
    List<ObjectDef> defs = new ArrayList<>();
    for (String name : names) {
      ObjectDef to = portal.catalog().resolve(name);
      if (to != null && !defs.contains(to)) {
        defs.add(to); // unknown types are ignored, as HubSpot does
      }
    }
    return defs;
  }

  Response get(Request r, ObjectDef def, String idText) {
    PropertyDef[] props = writer.resolve(def, r.list("properties"));
    PropertyDef[] history = writer.resolveHistory(def, r.list("propertiesWithHistory"));
    List<ObjectDef> associated = associated(r);
    RecordView v = lookup(def, idText, r.param("idProperty"));
    if (v == null || v.archived != r.boolParam("archived")) {
      throw new ApiException(
          404,
          "OBJECT_NOT_FOUND",
          null,
          "Object not found.  objectId are usually numeric.",
          Map.of("id", List.of(idText)),
          List.of());
    }
    return Response.json(200, g -> writer.write(g, v, props, history, associated));
  }

  /**
   * Finds a record by id or by a unique property ({@code email} on contacts); {@code null} when
   * none. The id of a record merged into another finds that one, which answers under its own id
   * (HubSpot's batch read does so, community.hubspot.com m-p/1101616).
   */
  RecordView lookup(ObjectDef def, String key, String idProperty) {
    if (idProperty == null || idProperty.isEmpty() || idProperty.equals("hs_object_id")) {
      try {
        return portal.store(def).resolve(Long.parseLong(key.trim())); // a merged id: its survivor
      } catch (NumberFormatException e) {
        return null;
      }
    }
    PropertyDef p = def.property(idProperty);
    if (p == null || p.kind != PropertyDef.Kind.EMAIL) {
      throw ApiException.validation(
          "Property '"
              + idProperty
              + "' is not a unique identifier of "
              + def.name
              + ": use hs_object_id"
              + (def.name.equals("contacts") ? " or email" : ""));
    }
    // generated e-mails embed the record id: name.<id>@domain
    int at = key.lastIndexOf('@');
    int dot = at < 0 ? -1 : key.lastIndexOf('.', at);
    if (dot < 0) {
      return null;
    }
    try {
      ObjectStore store = portal.store(def);
      RecordView v = store.view(store.indexOf(Long.parseLong(key.substring(dot + 1, at))));
      return v != null && key.toLowerCase(Locale.ROOT).equals(lower(v.value(p))) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  /**
   * A batch read: the records asked for, each once, under its own id (a merged id's survivor), 207
   * with {@code OBJECT_NOT_FOUND} listing the ids that have none; with the {@code batch-error}
   * fault, the second half of the records found (at least one) left out and listed in an {@code
   * INTERNAL_ERROR}.
   */
  Response batchRead(Request r, ObjectDef def, FaultKind fault) {
    String requestedAt = Timestamps.iso(System.currentTimeMillis());
    JsonNode body = r.json();
    JsonNode inputs = body.path("inputs");
    if (!inputs.isArray()) {
      throw ApiException.validation("'inputs' is required: send {\"inputs\":[{\"id\":\"…\"}]}");
    }
    List<String> historyNames = strings(body.path("propertiesWithHistory"));
    PropertyDef[] history = writer.resolveHistory(def, historyNames);
    if (history != null && inputs.size() > MAX_BATCH_HISTORY) {
      throw ApiException.validation(
          "The maximum number of inputs supported in a batch request for property histories is 50. Please"
              + " reduce the number of items and try again");
    }
    if (inputs.size() > MAX_BATCH) {
      throw ApiException.validation(
          "The maximum number of inputs supported in a batch request is "
              + MAX_BATCH
              + ", got "
              + inputs.size()
              + ". Please reduce the number of items and try again");
    }
    PropertyDef[] props = writer.resolve(def, strings(body.path("properties")));
    String idProperty =
        body.path("idProperty").isTextual() ? body.path("idProperty").asText() : null;
    boolean archived = r.boolParam("archived");
    Map<Long, RecordView> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode input : inputs) {
      String key = input.path("id").asText("");
      RecordView v = key.isEmpty() ? null : lookup(def, key, idProperty);
      if (v == null || v.archived != archived) {
        missing.add(key);
      } else {
        found.putIfAbsent(v.id, v);
      }
    }
    List<String> failed = new ArrayList<>();
    if (fault == FaultKind.BATCH_ERROR && !found.isEmpty()) {
      List<Long> ids = new ArrayList<>(found.keySet());
      for (Long id : ids.subList(ids.size() / 2, ids.size())) {
        found.remove(id);
        failed.add(Long.toString(id));
      }
    }
    String completedAt = Instant.now().toString();
    String objects = def.singular.toUpperCase(Locale.ROOT) + " objects";
    int errors = (missing.isEmpty() ? 0 : 1) + (failed.isEmpty() ? 0 : 1);
    return Response.json(
        errors == 0 ? 200 : 207,
        g -> {
          g.writeStartObject();
          g.writeStringField("status", "COMPLETE");
          g.writeArrayFieldStart("results");
          // HubSpot's results are not in input order (contract §5): newest id first, so a client
          // that matches them to its inputs by place is caught
          List<RecordView> answered = new ArrayList<>(found.values());
          answered.sort(Comparator.comparingLong((RecordView v) -> v.id).reversed());
          for (RecordView v : answered) {
            writer.write(g, v, props, history, null);
          }
          g.writeEndArray();
          if (errors > 0) {
            g.writeNumberField("numErrors", errors);
            g.writeArrayFieldStart("errors");
            if (!missing.isEmpty()) {
              writeError(
                  g,
                  "OBJECT_NOT_FOUND",
                  "Could not get some "
                      + objects
                      + ", they may be deleted or not exist. Check that ids are valid.",
                  missing);
            }
            if (!failed.isEmpty()) {
              writeError(
                  g,
                  "INTERNAL_ERROR",
                  "Could not get some " + objects + " because of an internal error. Try again.",
                  failed);
            }
            g.writeEndArray();
          }
          g.writeStringField("requestedAt", requestedAt);
          g.writeStringField("startedAt", requestedAt);
          g.writeStringField("completedAt", completedAt);
          g.writeEndObject();
        });
  }

  /** One of a 207's errors ({@code StandardError}), about the records {@code ids}. */
  private static void writeError(JsonGenerator g, String category, String message, List<String> ids)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("status", "error");
    g.writeStringField("category", category);
    g.writeStringField("message", message);
    ErrorBodies.writeContext(g, Map.of("ids", ids));
    ErrorBodies.writeEmptyDetails(g);
    g.writeEndObject();
  }

  static List<String> strings(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else if (node.isTextual()) {
      for (String s : node.asText().split(",")) {
        if (!s.isBlank()) {
          values.add(s.trim());
        }
      }
    }
    return values;
  }
}
