package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Property histories: {@code POST /crm/v3/objects/{type}/batch/read} with {@code
 * propertiesWithHistory}, at most {@value #MAX_INPUTS} records a request (HubSpot's limit with
 * history, hubspot-api.md §5), the record's own properties kept to its id. The body has no URL
 * limit, but a wide object's every property in one request could ask for an answer of hundreds of
 * megabytes, so the properties are asked {@link #chunks a chunk} a request and the answers merged.
 *
 * <p>What comes back is checked before it is trusted: each change must have a timestamp (its order
 * is told by it) and a user id, if any, of digits. A result for a record not asked for is left out:
 * HubSpot answers the id of a record merged into another with the survivor, under the survivor's id
 * (community.hubspot.com, "Question about using batch read API", m-p/1101616). A record HubSpot
 * does not return (207 {@code OBJECT_NOT_FOUND}, or merged away) is gone: it has no history.
 */
public final class HistoriesApi {
  /** HubSpot's largest batch read with property histories. */
  public static final int MAX_INPUTS = 50;

  /** Properties whose histories one request asks for, at most. */
  static final int MAX_PROPERTIES = 100;

  /** Characters of property names one request asks for, at most. */
  static final int MAX_NAME_CHARS = 10_000;

  /** The longest record or user id taken: a long's digits. */
  private static final int MAX_ID_DIGITS = 19;

  private final Transport transport;

  HistoriesApi(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
  }

  /**
   * One value a property had, as HubSpot lists it ({@code ValueWithTimestamp}).
   *
   * @param value the value then ({@code ""} for one cleared; null when HubSpot sent none)
   * @param timestamp the time of the change, the text HubSpot sent
   * @param sourceId where it came from ({@code userId:123}, an import's id, …), or null
   * @param updatedByUserId the user who made the change, digits, or null
   */
  public record Change(
      String id,
      String property,
      String value,
      String timestamp,
      String sourceType,
      String sourceId,
      String sourceLabel,
      String updatedByUserId) {
    public Change {
      Objects.requireNonNull(id, "id is null");
      Objects.requireNonNull(property, "property is null");
      Objects.requireNonNull(timestamp, "timestamp is null");
    }
  }

  /**
   * The properties in the groups one request each asks for, in their order: at most {@value
   * #MAX_PROPERTIES} properties and {@value #MAX_NAME_CHARS} characters of names a group. A plan
   * counts its requests by them.
   */
  public static List<List<String>> chunks(List<String> properties) {
    List<List<String>> chunks = new ArrayList<>();
    List<String> chunk = new ArrayList<>();
    int chars = 0;
    for (String property : properties) {
      if (!chunk.isEmpty()
          && (chunk.size() == MAX_PROPERTIES || chars + property.length() > MAX_NAME_CHARS)) {
        chunks.add(List.copyOf(chunk));
        chunk.clear();
        chars = 0;
      }
      chunk.add(property);
      chars += property.length();
    }
    if (!chunk.isEmpty()) {
      chunks.add(List.copyOf(chunk));
    }
    return chunks;
  }

  /**
   * The changes of {@code properties} of the records {@code ids} (at most {@value #MAX_INPUTS}), by
   * id in the order asked for: each record's changes property by property in the order given, each
   * property's oldest first (HubSpot lists the newest first). A record archived or gone is absent,
   * and so is one gone between the requests of a wide property list: a record is kept only if every
   * request returned it, never with half a history. One without a change of these properties has an
   * empty list.
   *
   * @throws HubSpotException EXTERNAL when HubSpot answers an error other than {@code
   *     OBJECT_NOT_FOUND} for some of the records (207): they are not gone but unread, and the run
   *     fails as for any other refusal
   */
  public Map<String, List<Change>> read(
      String objectType, List<String> ids, List<String> properties) {
    if (ids.size() > MAX_INPUTS) {
      throw new IllegalArgumentException("at most " + MAX_INPUTS + " ids, got " + ids.size());
    }
    Map<String, Map<String, List<Change>>> byId = new LinkedHashMap<>();
    if (ids.isEmpty() || properties.isEmpty()) {
      return Map.of();
    }
    String doing = "reading the property history of " + ids.size() + " " + objectType;
    List<List<String>> chunks = chunks(properties);
    Map<String, Integer> answeredIn = new HashMap<>(); // how many requests returned each record
    Set<String> notFound = new HashSet<>();
    for (List<String> chunk : chunks) {
      ApiResponse response =
          Responses.requireSuccess(
              transport.send(
                  ApiRequest.postJson(
                      "/crm/v3/objects/" + Paths.segment(objectType) + "/batch/read?archived=false",
                      ObjectRequestBodies.historyRead(ids, chunk))),
              doing,
              objectType);
      Answer answer = readAnswer(response.body(), doing, ids, chunk, byId);
      if (!answer.failures().isEmpty()) {
        throw unread(answer.failures(), response.status(), doing, ids.size());
      }
      answer.returned().forEach(id -> answeredIn.merge(id, 1, Integer::sum));
      notFound.addAll(answer.notFound());
    }
    Map<String, List<Change>> ordered = new LinkedHashMap<>();
    for (String id : ids) {
      Map<String, List<Change>> found = byId.get(id);
      boolean whole = answeredIn.getOrDefault(id, 0) == chunks.size() && !notFound.contains(id);
      if (found != null && whole && !ordered.containsKey(id)) {
        List<Change> changes = new ArrayList<>();
        for (String property : properties) {
          changes.addAll(found.getOrDefault(property, List.of()));
        }
        ordered.put(id, changes);
      }
    }
    return ordered;
  }

  /**
   * The failure for a 207 whose errors say some records could not be read (not that they are gone):
   * the first error's category and message, as HubSpot sent them, made one safe line.
   */
  private static HubSpotException unread(
      List<BatchError> failures, int status, String doing, int asked) {
    int records = failures.stream().mapToInt(error -> error.ids().size()).sum();
    BatchError first = failures.get(0);
    String category = first.category() == null ? "" : " " + safe(first.category(), 60);
    String message = first.message() == null ? "" : " (\"" + safe(first.message(), 300) + "\")";
    return new HubSpotException(
        FailureCategory.EXTERNAL,
        "HubSpot answered "
            + status
            + category
            + " for "
            + (records == 0 ? "some" : records + " of the " + asked)
            + " records while "
            + doing
            + message
            + ": they are not gone but unread. Run the same command again to read them.");
  }

  private static String safe(String serverText, int max) {
    return ServerText.escaped(ErrorBody.oneLine(serverText, max), false);
  }

  /**
   * What one answer said: the asked-for records it returned, those its {@code OBJECT_NOT_FOUND}
   * errors name (gone), and its other errors (the records they name unread).
   */
  private record Answer(Set<String> returned, Set<String> notFound, List<BatchError> failures) {}

  /** One of a 207's {@code errors}: its category, message and the ids of its context. */
  private record BatchError(String category, String message, List<String> ids) {}

  /**
   * Reads one answer's results into {@code byId} (id → property → changes, oldest first) and its
   * errors into the answer.
   */
  private static Answer readAnswer(
      byte[] body,
      String doing,
      List<String> askedIds,
      List<String> askedProperties,
      Map<String, Map<String, List<Change>>> byId) {
    Set<String> asked = new HashSet<>(askedIds);
    List<String> wanted = askedProperties;
    Set<String> returned = new HashSet<>();
    Set<String> notFound = new HashSet<>();
    List<BatchError> failures = new ArrayList<>();
    try (JsonParser parser = Json.parser(body)) {
      Results.forEachResult(
          parser,
          () -> {
            Result result = readResult(parser, wanted);
            if (result.id() == null) {
              throw new IOException("a result without an id");
            }
            if (!asked.contains(result.id())) {
              // a record merged into another is answered under the survivor's id (HubSpot's
              // batch read, community.hubspot.com m-p/1101616): the id asked for is gone
              return;
            }
            returned.add(result.id());
            Map<String, List<Change>> record =
                byId.computeIfAbsent(result.id(), id -> new HashMap<>());
            result.changes().forEach(record::putIfAbsent); // a record sent twice: the first counts
          },
          () -> {
            BatchError error = readError(parser);
            if ("OBJECT_NOT_FOUND".equals(error.category())) {
              notFound.addAll(error.ids());
            } else {
              failures.add(error);
            }
          });
    } catch (IOException | RuntimeException e) {
      if (e instanceof HubSpotException hubSpot) {
        throw hubSpot;
      }
      throw Responses.notHubSpot(doing, body, e);
    }
    return new Answer(returned, notFound, failures);
  }

  /** One error object: category, message and {@code context.ids}; other fields skipped. */
  private static BatchError readError(JsonParser parser) throws IOException {
    String category = null;
    String message = null;
    List<String> ids = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if (field.equals("category")) {
        category = Json.scalarText(parser);
      } else if (field.equals("message")) {
        message = Json.scalarText(parser);
      } else if (field.equals("context") && token == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          boolean idList = parser.currentName().equals("ids");
          if (parser.nextToken() == JsonToken.START_ARRAY && idList) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              String id = Json.scalarText(parser);
              if (id == null) {
                throw new IOException("an error's ids hold " + Json.kindOf(parser.currentToken()));
              }
              ids.add(id);
            }
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    return new BatchError(category, message, ids);
  }

  /** One result: its id and each asked property's changes, oldest first. */
  private record Result(String id, Map<String, List<Change>> changes) {}

  private static Result readResult(JsonParser parser, List<String> wanted) throws IOException {
    String id = null;
    // by property, newest first as sent, until the id is known: fields come in any order
    Map<String, List<String[]>> sent = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if (field.equals("id")) {
        id = Json.scalarText(parser);
      } else if (field.equals("propertiesWithHistory") && token == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String property = parser.currentName();
          JsonToken list = parser.nextToken();
          if (!wanted.contains(property) || list == JsonToken.VALUE_NULL) {
            parser.skipChildren(); // not asked for: HubSpot sends none such
            continue;
          }
          if (list != JsonToken.START_ARRAY) {
            throw new IOException(
                "the history of " + property + " is " + Json.kindOf(list) + ", not a list");
          }
          List<String[]> entries = new ArrayList<>();
          JsonToken item;
          while ((item = parser.nextToken()) == JsonToken.START_OBJECT) {
            entries.add(readEntry(parser, property));
          }
          if (item != JsonToken.END_ARRAY) {
            throw new IOException(
                "the history of " + property + " holds " + Json.kindOf(item) + ", not changes");
          }
          sent.put(property, entries);
        }
      } else {
        parser.skipChildren();
      }
    }
    Map<String, List<Change>> changes = new HashMap<>();
    if (id != null) {
      for (Map.Entry<String, List<String[]>> property : sent.entrySet()) {
        changes.put(property.getKey(), oldestFirst(id, property.getKey(), property.getValue()));
      }
    }
    return new Result(id, changes);
  }

  /** value, timestamp, sourceType, sourceId, sourceLabel, updatedByUserId. */
  private static String[] readEntry(JsonParser parser, String property) throws IOException {
    String[] entry = new String[6];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      int at =
          switch (name) {
            case "value" -> 0;
            case "timestamp" -> 1;
            case "sourceType" -> 2;
            case "sourceId" -> 3;
            case "sourceLabel" -> 4;
            case "updatedByUserId" -> 5;
            default -> -1;
          };
      if (at < 0) {
        parser.skipChildren();
      } else {
        entry[at] = Json.scalarText(parser);
      }
    }
    if (entry[1] == null) {
      throw new IOException("a change of " + property + " without a timestamp");
    }
    if (entry[5] != null && !isDigits(entry[5])) {
      throw new IOException(
          "a change of "
              + property
              + " by user '"
              + ErrorBody.oneLine(entry[5], 40)
              + "', not a user id");
    }
    return entry;
  }

  /**
   * The changes as sent (newest first) turned oldest first, by time: a list HubSpot sent in another
   * order still comes out sorted, and changes of one moment keep their order reversed.
   */
  private static List<Change> oldestFirst(String id, String property, List<String[]> newestFirst)
      throws IOException {
    List<Timed> timed = new ArrayList<>(newestFirst.size());
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      String[] e = newestFirst.get(i);
      timed.add(
          new Timed(
              instant(e[1], property),
              new Change(id, property, e[0], e[1], e[2], e[3], e[4], e[5])));
    }
    timed.sort(Comparator.comparing(Timed::at)); // stable
    return timed.stream().map(Timed::change).toList();
  }

  /** A change with its time read. */
  private record Timed(Instant at, Change change) {}

  private static Instant instant(String timestamp, String property) throws IOException {
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(timestamp).toInstant();
      } catch (DateTimeParseException e2) {
        throw new IOException(
            "a change of "
                + property
                + " at '"
                + ErrorBody.oneLine(timestamp, 40)
                + "', not an ISO-8601 time");
      }
    }
  }

  private static boolean isDigits(String text) {
    if (text.isEmpty() || text.length() > MAX_ID_DIGITS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
