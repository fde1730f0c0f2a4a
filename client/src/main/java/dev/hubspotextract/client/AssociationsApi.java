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
 *
 * <p>HubSpot does not promise that a cursor advances (its v3 batch read silently ignores {@code
 * after}, "which leads to an infinite loop", hubspot-api.md §17), so each id's paging is checked: a
 * page whose next cursor is the one just sent, or one sent before for that id, or that brings no
 * association not already read, makes no progress. Such an id is asked again (the same cursor, or
 * the new one when only the rows repeated) up to {@link #MAX_REPEATS} times in a row, then the pair
 * fails with an error instead of looping.
 */
public final class AssociationsApi {
  /** HubSpot's largest batch of input ids (since 2025-02-10). */
  public static final int MAX_INPUTS = 1_000;

  /** Pages in a row without progress that one id is asked again for before the pair fails. */
  static final int MAX_REPEATS = 3;

  private final Transport transport;

  AssociationsApi(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
  }

  /** One input of a batch read: an id and, for its later pages, the cursor. */
  private record Input(String id, String after) {}

  /** An id with pages still to come: the rows written, the cursors sent, the pages in vain. */
  private static final class Open {
    final Set<String> rows = new HashSet<>();
    final Set<String> cursorsSent = new HashSet<>();
    int repeats;
    boolean askedAgain;
  }

  /** Reads every association of the given ids (at most {@link #MAX_INPUTS}) to {@code toType}. */
  public void read(
      String fromType, String toType, List<String> fromIds, Consumer<AssociationRow> sink) {
    if (fromIds.size() > MAX_INPUTS) {
      throw new IllegalArgumentException("at most " + MAX_INPUTS + " ids, got " + fromIds.size());
    }
    Deque<Input> pending = new ArrayDeque<>();
    fromIds.forEach(id -> pending.add(new Input(id, null)));
    // ids that still have pages to come: rows already written (a repeat across pages is dropped)
    // and the cursors sent for them
    Map<String, Open> open = new HashMap<>();
    String path =
        "/crm/v4/associations/"
            + Paths.segment(fromType)
            + "/"
            + Paths.segment(toType)
            + "/batch/read";
    String pair = fromType + " → " + toType;
    String doing = "reading " + pair + " associations";
    while (!pending.isEmpty()) {
      List<Input> batch = new ArrayList<>();
      Map<String, String> sent = new HashMap<>();
      while (!pending.isEmpty() && batch.size() < MAX_INPUTS) {
        Input input = pending.poll();
        batch.add(input);
        sent.put(input.id(), input.after());
      }
      ApiResponse response =
          Responses.requireSuccess(
              transport.send(ApiRequest.postJson(path, body(batch))),
              doing,
              fromType + "_" + toType + " (" + pair + ")");
      Map<String, Open> thisRound = new HashMap<>();
      try (JsonParser parser = Json.parser(response.body())) {
        Results.forEachResult(
            parser,
            () -> {
              Result result = readResult(parser);
              Open state =
                  thisRound.computeIfAbsent(
                      result.fromId(),
                      id -> {
                        Open carried = open.remove(id);
                        return carried == null ? new Open() : carried;
                      });
              boolean newRow = false;
              for (AssociationRow row : result.rows()) {
                if (state.rows.add(row.toId() + "|" + row.typeId())) {
                  sink.accept(row);
                  newRow = true;
                }
              }
              if (result.after() != null) {
                pending.add(next(state, result, sent.get(result.fromId()), newRow, pair));
                open.put(result.fromId(), state);
              }
            });
      } catch (IOException | RuntimeException e) {
        if (e instanceof HubSpotException hubSpotException) {
          throw hubSpotException;
        }
        throw Responses.notHubSpot(doing, response.body(), e);
      }
    }
  }

  /**
   * The input that asks for an id's next page: its new cursor when the page made progress, else the
   * same request again ({@link #MAX_REPEATS} times in a row at most).
   */
  private static Input next(
      Open state, Result result, String sentCursor, boolean newRow, String pair) {
    String after = result.after();
    boolean cursorRepeats = after.equals(sentCursor) || state.cursorsSent.contains(after);
    // a page asked for again brings the rows its first answer brought: a new cursor is progress
    if (!cursorRepeats && (newRow || state.askedAgain)) {
      state.repeats = 0;
      state.askedAgain = false;
      state.cursorsSent.add(after);
      return new Input(result.fromId(), after);
    }
    if (++state.repeats > MAX_REPEATS) {
      throw new HubSpotException(
          FailureCategory.EXTERNAL,
          "HubSpot kept answering the same page of "
              + pair
              + " associations for record "
              + result.fromId()
              + " ("
              + (cursorRepeats
                  ? "its next cursor " + ErrorBody.oneLine(after, 80) + " was one already sent"
                  : "no association not already read")
              + ", "
              + (MAX_REPEATS + 1)
              + " times in a row): stopping this pair instead of looping.");
    }
    state.askedAgain = cursorRepeats;
    if (cursorRepeats) {
      return new Input(result.fromId(), sentCursor); // ask for the page after it once more
    }
    state.cursorsSent.add(after);
    return new Input(result.fromId(), after); // only the rows repeated: try the cursor onward
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
