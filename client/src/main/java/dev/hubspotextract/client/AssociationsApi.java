package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Associations v4: {@code POST /crm/v4/associations/{from}/{to}/batch/read} with up to 1,000 ids,
 * sending each id back with its own {@code after} until HubSpot sends no {@code paging} for it. A
 * 207 (some ids without associations) is a success. Rows come out once per (from, to, type id).
 */
public final class AssociationsApi {
  /** HubSpot's largest batch of input ids (since 2025-02-10). */
  public static final int MAX_INPUTS = 1_000;

  private final Transport transport;

  AssociationsApi(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
  }

  /** One input of a batch read: an id and, for its later pages, the cursor. */
  private record Input(String id, String after) {}

  /** Reads every association of the given ids (at most {@link #MAX_INPUTS}) to {@code toType}. */
  public void read(
      String fromType, String toType, List<String> fromIds, Consumer<AssociationRow> sink) {
    if (fromIds.size() > MAX_INPUTS) {
      throw new IllegalArgumentException("at most " + MAX_INPUTS + " ids, got " + fromIds.size());
    }
    Deque<Input> pending = new ArrayDeque<>();
    fromIds.forEach(id -> pending.add(new Input(id, null)));
    // rows already written for ids that still have pages to come, so a repeat across pages is
    // dropped
    Map<String, Set<String>> seenForOpenIds = new HashMap<>();
    String path =
        "/crm/v4/associations/"
            + Paths.segment(fromType)
            + "/"
            + Paths.segment(toType)
            + "/batch/read";
    String doing = "reading " + fromType + " → " + toType + " associations";
    while (!pending.isEmpty()) {
      List<Input> batch = new ArrayList<>();
      while (!pending.isEmpty() && batch.size() < MAX_INPUTS) {
        batch.add(pending.poll());
      }
      ApiResponse response =
          Responses.requireSuccess(
              transport.send(ApiRequest.postJson(path, body(batch))),
              doing,
              fromType + "_" + toType + " (" + fromType + " → " + toType + ")");
      Map<String, Set<String>> seenThisRound = new HashMap<>();
      try (JsonParser parser = Json.parser(response.body())) {
        Results.forEachResult(
            parser,
            () -> {
              Result result = readResult(parser);
              Set<String> seen =
                  seenThisRound.computeIfAbsent(
                      result.fromId(),
                      id -> {
                        Set<String> carried = seenForOpenIds.remove(id);
                        return carried == null ? new HashSet<>() : carried;
                      });
              for (AssociationRow row : result.rows()) {
                if (seen.add(row.toId() + "|" + row.typeId())) {
                  sink.accept(row);
                }
              }
              if (result.after() != null) {
                pending.add(new Input(result.fromId(), result.after()));
                seenForOpenIds.put(result.fromId(), seen);
              }
            });
      } catch (IOException | RuntimeException e) {
        if (e instanceof HubSpotException hubSpotException) {
          throw hubSpotException;
        }
        throw Responses.badBody(doing, e);
      }
    }
  }

  private static byte[] body(List<Input> batch) {
    return Json.write(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("inputs");
          for (Input input : batch) {
            json.writeStartObject();
            json.writeStringField("id", input.id());
            if (input.after() != null) {
              json.writeStringField("after", input.after());
            }
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /** One result: a from id, its links on this page, and the cursor to its next page. */
  private record Result(String fromId, List<AssociationRow> rows, String after) {}

  private static Result readResult(JsonParser parser) throws IOException {
    String fromId = null;
    String after = null;
    // (toId, typeId, category, label) until the from id is known: JSON fields may come in any order
    List<String[]> links = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if (field.equals("from") && token == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          if (name.equals("id")) {
            fromId = Json.scalarText(parser);
          } else {
            parser.skipChildren();
          }
        }
      } else if (field.equals("to") && token == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          readTo(parser, links);
        }
      } else if (field.equals("paging") && token == JsonToken.START_OBJECT) {
        after = RecordPage.readAfter(parser);
      } else {
        parser.skipChildren();
      }
    }
    if (fromId == null) {
      throw new IOException("an association result without from.id");
    }
    List<AssociationRow> rows = new ArrayList<>(links.size());
    for (String[] link : links) {
      rows.add(new AssociationRow(fromId, link[0], link[1], link[2], link[3]));
    }
    return new Result(fromId, rows, after);
  }

  private static void readTo(JsonParser parser, List<String[]> links) throws IOException {
    String toId = null;
    List<String[]> types = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if (field.equals("toObjectId")) {
        toId = Json.scalarText(parser); // a number in real responses, a string in the spec
      } else if (field.equals("associationTypes") && token == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          String[] type = new String[3];
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
              case "typeId" -> type[0] = Json.scalarText(parser);
              case "category" -> type[1] = Json.scalarText(parser);
              case "label" -> type[2] = Json.scalarText(parser);
              default -> parser.skipChildren();
            }
          }
          types.add(type);
        }
      } else {
        parser.skipChildren();
      }
    }
    if (toId == null) {
      throw new IOException("an association without toObjectId");
    }
    for (String[] type : types) {
      if (type[0] == null) {
        throw new IOException("an association type without typeId");
      }
      links.add(new String[] {toId, type[0], type[1], type[2]});
    }
  }
}
