package dev.hubspotextract.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The reads a sync makes: records modified since a time, by search on the object's last-modified
 * property (one page, sorted by that property, or by id within one millisecond), the ids HubSpot
 * lists as archived, and records read again by id. How a sync walks them past the 10,000-result cap
 * of search is the engine's ({@code ChangedRecords}); this class only speaks the endpoints.
 */
public final class ChangesApi {
  /** HubSpot's largest search page (hubspot-api.md §6). */
  public static final int SEARCH_PAGE_SIZE = 200;

  /** HubSpot's largest batch read (hubspot-api.md §5). */
  public static final int BATCH_SIZE = 100;

  private final Transport transport;

  ChangesApi(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
  }

  /** A record as a search for changes sees it: its id and last-modified time. */
  public record Modified(String id, long modifiedMillis) {}

  /**
   * One page of a search.
   *
   * @param nextAfter the offset of the next page as HubSpot gave it, or null on the last one
   * @param total how many records the query matches as search counts them, or -1
   */
  public record Page(List<Modified> records, String nextAfter, long total) {}

  /**
   * Records of {@code objectType} whose {@code property} (its last-modified date) is at or after
   * {@code fromMillis}, oldest change first: the page at offset {@code after} (null: the first).
   */
  public Page modifiedSince(String objectType, String property, long fromMillis, String after) {
    byte[] body = ChangeRequestBodies.modifiedSince(property, fromMillis, SEARCH_PAGE_SIZE, after);
    return search(objectType, property, body, "since " + Instant.ofEpochMilli(fromMillis));
  }

  /**
   * Records of {@code objectType} whose {@code property} is exactly {@code atMillis} and whose id
   * is above {@code aboveId} (null: any), lowest id first: a millisecond holding more records than
   * one search can page through (a bulk import) is drained this way.
   */
  public Page modifiedAt(
      String objectType, String property, long atMillis, String aboveId, String after) {
    byte[] body =
        ChangeRequestBodies.modifiedAt(property, atMillis, aboveId, SEARCH_PAGE_SIZE, after);
    return search(
        objectType,
        property,
        body,
        "at " + Instant.ofEpochMilli(atMillis) + (aboveId == null ? "" : " above id " + aboveId));
  }

  private Page search(String objectType, String property, byte[] body, String window) {
    String doing = "searching " + objectType + " for changes " + window;
    ApiResponse response =
        Responses.requireSuccess(
            transport.send(
                ApiRequest.postJson(
                    "/crm/v3/objects/" + Paths.segment(objectType) + "/search", body)),
            doing,
            objectType);
    List<Modified> records = new ArrayList<>();
    try (RecordPage page =
        new RecordPage(
            response.body(), doing, new PropertyColumns(List.of("hs_object_id", property)))) {
      for (HubSpotRecord record = page.next(); record != null; record = page.next()) {
        String value = record.properties().valueAt(1);
        if (value == null) {
          value = record.updatedAt(); // HubSpot's copy of the same date on every record
        }
        records.add(new Modified(record.id(), millis(value, doing, record.id())));
      }
      return new Page(records, page.after(), page.total());
    }
  }

  /** A date as search sends it: an ISO-8601 instant or epoch milliseconds. */
  static long millis(String value, String doing, String id) {
    String text = value == null ? "" : value.trim();
    try {
      if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(text);
      }
      return Instant.parse(text).toEpochMilli();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new HubSpotException(
          FailureCategory.NOT_HUBSPOT,
          doing
              + ": record "
              + ErrorBody.oneLine(id, 40)
              + " has last-modified date "
              + ErrorBody.oneLine(text, 40)
              + ", neither an ISO-8601 time nor epoch milliseconds");
    }
  }

  /**
   * Every id HubSpot lists as archived for {@code objectType} (its recycle bin), page by page to
   * {@code ids}. A cursor HubSpot repeats ends the listing with an error, not a loop.
   */
  public void archivedIds(String objectType, Consumer<String> ids) {
    String after = null;
    List<String> seen = new ArrayList<>();
    PropertyColumns columns = new PropertyColumns(List.of("hs_object_id"));
    do {
      String doing = "listing archived " + objectType;
      StringBuilder path =
          new StringBuilder("/crm/v3/objects/")
              .append(Paths.segment(objectType))
              .append("?limit=")
              .append(ObjectsApi.PAGE_SIZE)
              .append("&archived=true&properties=hs_object_id");
      if (after != null) {
        path.append("&after=").append(Paths.cursor(after));
      }
      ApiResponse response =
          Responses.requireSuccess(
              transport.send(ApiRequest.get(path.toString())), doing, objectType);
      try (RecordPage page = new RecordPage(response.body(), doing, columns)) {
        for (HubSpotRecord record = page.next(); record != null; record = page.next()) {
          ids.accept(record.id());
        }
        after = page.after();
      }
      if (after != null && seen.contains(after)) {
        throw new HubSpotException(
            FailureCategory.EXTERNAL,
            "HubSpot sent the archived "
                + objectType
                + " listing's cursor "
                + ErrorBody.oneLine(after, 60)
                + " twice: stopping instead of looping");
      }
      if (after != null) {
        seen.add(after);
      }
    } while (after != null);
  }

  /**
   * The records with these ids (at most {@value #BATCH_SIZE}) as they are now, with exactly these
   * properties, keyed by id; an id that is archived or gone is absent.
   */
  public Map<String, HubSpotRecord> read(
      String objectType, List<String> ids, List<String> properties) {
    if (ids.size() > BATCH_SIZE) {
      throw new IllegalArgumentException("at most " + BATCH_SIZE + " ids, got " + ids.size());
    }
    return new ObjectsApi(transport)
        .readById(
            objectType,
            ids,
            new PropertyColumns(properties),
            "reading " + ids.size() + " " + objectType + " by id (batch read)");
  }
}
