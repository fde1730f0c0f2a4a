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
   * property's oldest first (HubSpot lists the newest first). A record archived or gone is absent;
   * one without a change of these properties has an empty list.
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
    for (List<String> chunk : chunks(properties)) {
      ApiResponse response =
          Responses.requireSuccess(
              transport.send(
                  ApiRequest.postJson(
                      "/crm/v3/objects/" + Paths.segment(objectType) + "/batch/read?archived=false",
                      ObjectRequestBodies.historyRead(ids, chunk))),
              doing,
              objectType);
      readAnswer(response.body(), doing, ids, chunk, byId);
    }
    Map<String, List<Change>> ordered = new LinkedHashMap<>();
    for (String id : ids) {
      Map<String, List<Change>> found = byId.get(id);
      if (found != null && !ordered.containsKey(id)) {
        List<Change> changes = new ArrayList<>();
        for (String property : properties) {
          changes.addAll(found.getOrDefault(property, List.of()));
        }
        ordered.put(id, changes);
      }
    }
    return ordered;
  }

  /** Reads one answer's results into {@code byId}: id → property → changes, oldest first. */
  private static void readAnswer(
      byte[] body,
      String doing,
      List<String> askedIds,
      List<String> askedProperties,
      Map<String, Map<String, List<Change>>> byId) {
    Set<String> asked = new HashSet<>(askedIds);
    List<String> wanted = askedProperties;
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
            Map<String, List<Change>> record =
                byId.computeIfAbsent(result.id(), id -> new HashMap<>());
            result.changes().forEach(record::putIfAbsent); // a record sent twice: the first counts
          });
    } catch (IOException | RuntimeException e) {
      if (e instanceof HubSpotException hubSpot) {
        throw hubSpot;
      }
      throw Responses.notHubSpot(doing, body, e);
    }
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
