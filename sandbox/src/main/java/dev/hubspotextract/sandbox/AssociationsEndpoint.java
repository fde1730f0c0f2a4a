package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Associations v4: {@code POST /crm/v4/associations/{from}/{to}/batch/read} (≤1,000 inputs,
 * per-input paging), {@code GET /crm/v4/objects/{from}/{id}/associations/{to}} (≤500 per page) and
 * {@code GET …/labels}. Paging cursors are opaque and percent-encoded ({@link AssociationCursor}).
 */
final class AssociationsEndpoint {
  static final int MAX_INPUTS = 1000;
  static final int MAX_SINGLE_LIMIT = 500;

  private final Portal portal;
  private final int pageSize;

  AssociationsEndpoint(Portal portal, int pageSize) {
    this.portal = portal;
    this.pageSize = pageSize;
  }

  /** One input's slice of links and the cursor to the rest ({@code null} when none). */
  private record Slice(String fromId, List<Associations.Link> links, String next) {}

  /**
   * @param stuckCursor the {@code stuck-cursor} fault: every input's {@code after} is ignored
   */
  Response batchRead(Request r, ObjectDef from, ObjectDef to, boolean stuckCursor) {
    String startedAt = Instant.now().toString();
    JsonNode inputs = r.json().path("inputs");
    if (!inputs.isArray()) {
      throw ApiException.validation("'inputs' is required: send {\"inputs\":[{\"id\":\"…\"}]}");
    }
    if (inputs.size() > MAX_INPUTS) {
      throw ApiException.validation(
          "The maximum number of inputs is "
              + MAX_INPUTS
              + ", got "
              + inputs.size()
              + ". Please reduce the number of items and try again");
    }
    List<Slice> slices = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode input : inputs) {
      String id = input.path("id").asText("");
      String after =
          stuckCursor || input.path("after").isMissingNode()
              ? null
              : input.path("after").asText(null);
      if (!seen.add(id + "|" + after)) {
        continue;
      }
      Slice slice = slice(from, to, id, after, pageSize);
      if (slice.links().isEmpty()) {
        empty.add(id);
      } else {
        slices.add(slice);
      }
    }
    String completedAt = Instant.now().toString();
    return Response.json(
        empty.isEmpty() ? 200 : 207,
        g -> {
          g.writeStartObject();
          g.writeStringField("status", "COMPLETE");
          g.writeArrayFieldStart("results");
          for (Slice s : slices) {
            g.writeStartObject();
            g.writeObjectFieldStart("from");
            g.writeStringField("id", s.fromId());
            g.writeEndObject();
            g.writeArrayFieldStart("to");
            for (Associations.Link link : s.links()) {
              writeLink(g, link);
            }
            g.writeEndArray();
            writePaging(g, s.next(), null);
            g.writeEndObject();
          }
          g.writeEndArray();
          if (!empty.isEmpty()) {
            g.writeNumberField("numErrors", empty.size());
            g.writeArrayFieldStart("errors");
            for (String id : empty) {
              g.writeStartObject();
              g.writeStringField("status", "error");
              g.writeStringField("category", "OBJECT_NOT_FOUND");
              g.writeStringField("subCategory", "crm.associations.NO_ASSOCIATIONS_FOUND");
              g.writeStringField(
                  "message",
                  "No " + to.singular + " is associated with " + from.singular + " " + id + ".");
              ErrorBodies.writeContext(
                  g,
                  Map.of(
                      "fromObjectId", List.of(id),
                      "fromObjectType", List.of(from.singular),
                      "toObjectType", List.of(to.singular)));
              ErrorBodies.writeEmptyDetails(g);
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          g.writeStringField("startedAt", startedAt);
          g.writeStringField("completedAt", completedAt);
          g.writeEndObject();
        });
  }

  Response single(Request r, ObjectDef from, String id, ObjectDef to) {
    int limit = r.intParam("limit", MAX_SINGLE_LIMIT);
    if (limit < 1 || limit > MAX_SINGLE_LIMIT) {
      throw ApiException.validation(
          "limit must be between 1 and " + MAX_SINGLE_LIMIT + ", got " + limit);
    }
    Slice slice = slice(from, to, id, r.param("after"), limit);
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          for (Associations.Link link : slice.links()) {
            writeLink(g, link);
          }
          g.writeEndArray();
          writePaging(g, slice.next(), r.path + "?limit=" + limit + "&after=" + slice.next());
          g.writeEndObject();
        });
  }

  Response labels(ObjectDef from, ObjectDef to) {
    Associations.Direction d = portal.associationModel().direction(from, to);
    List<AssociationPair.Type> types = new ArrayList<>();
    if (d != null) {
      AssociationPair p = d.pair();
      if (d.fromChild()) {
        types.add(p.childToParent);
        addIfPresent(types, p.childToParentPrimary);
        addIfPresent(types, p.labelChildToParent);
      } else {
        types.add(p.parentToChild);
        addIfPresent(types, p.parentToChildPrimary);
        addIfPresent(types, p.labelParentToChild);
      }
    }
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          for (AssociationPair.Type t : types) {
            g.writeStartObject();
            g.writeStringField("category", t.category());
            g.writeNumberField("typeId", t.typeId());
            g.writeStringField("label", t.label());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static void addIfPresent(List<AssociationPair.Type> types, AssociationPair.Type t) {
    if (t != null) {
      types.add(t);
    }
  }

  /**
   * Links of one record from {@code after} (an {@link AssociationCursor} to a target id,
   * inclusive), at most {@code size}.
   */
  private Slice slice(ObjectDef from, ObjectDef to, String id, String after, int size) {
    long index;
    try {
      index = portal.store(from).indexOf(Long.parseLong(id.trim()));
    } catch (NumberFormatException e) {
      return new Slice(id, List.of(), null);
    }
    long start =
        after == null || after.isEmpty()
            ? 0
            : AssociationCursor.decode(to, after, from.singular + " " + id);
    List<Associations.Link> all = portal.associationModel().links(from, to, index);
    List<Associations.Link> page = new ArrayList<>(Math.min(size, all.size()));
    String next = null;
    for (Associations.Link link : all) {
      if (link.toId() < start) {
        continue;
      }
      if (page.size() == size) {
        next = AssociationCursor.encode(to, link.toId());
        break;
      }
      page.add(link);
    }
    return new Slice(id, page, next);
  }

  private static void writeLink(JsonGenerator g, Associations.Link link) throws IOException {
    g.writeStartObject();
    g.writeNumberField("toObjectId", link.toId()); // a JSON number, as HubSpot sends it
    g.writeArrayFieldStart("associationTypes");
    for (AssociationPair.Type t : link.types()) {
      g.writeStartObject();
      g.writeStringField("category", t.category());
      g.writeNumberField("typeId", t.typeId());
      g.writeStringField("label", t.label());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writePaging(JsonGenerator g, String next, String link) throws IOException {
    if (next == null) {
      return;
    }
    g.writeObjectFieldStart("paging");
    g.writeObjectFieldStart("next");
    g.writeStringField("after", next);
    if (link != null) {
      g.writeStringField("link", link);
    }
    g.writeEndObject();
    g.writeEndObject();
  }
}
