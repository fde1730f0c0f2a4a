package dev.hubspotextract.extract;

import dev.hubspotextract.client.ChangesApi;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The ids of an object's records modified at or after a time, found by search on its last-modified
 * property, past the 10,000 results one search can page through (hubspot-api.md §6).
 *
 * <p>Keyset, never a deep offset: each query asks for the oldest changes from a time, and the next
 * one starts at the latest time it saw (the records of that millisecond come again and are kept
 * once). A millisecond that fills a whole page (a bulk import gives thousands one millisecond) is
 * drained by id. A page HubSpot sends short with a cursor (it does, airbytehq/airbyte#80744) may
 * have left out records its cursor counts: it is asked for again, a few times, and then its offset
 * is followed, as stopping there would lose what comes after it. A record changed while this runs
 * moves to a later time, which a later query or the next sync sees. A record search hides every
 * time is found only by {@code --verify-deletes} when it is new, and not at all when it changed.
 */
final class ChangedRecords {
  /** Search answers 400 past this offset. */
  static final int MAX_RESULTS = 10_000;

  /** Times a page that came short with a cursor is asked for again before it is taken as is. */
  static final int REASKS = 4;

  /** Empty pages in a row, each with a cursor, before a search counts as making no progress. */
  static final int MAX_EMPTY_IN_A_ROW = 5;

  private final ChangesApi api;
  private final String objectType;
  private final String property;
  private final RunControl control;
  private final TreeSet<Long> ids = new TreeSet<>();

  private ChangedRecords(ChangesApi api, String objectType, String property, RunControl control) {
    this.api = api;
    this.objectType = objectType;
    this.property = property;
    this.control = control;
  }

  /**
   * The ids, ascending, of the records of {@code objectType} whose {@code property} (its
   * last-modified date) is at or after {@code fromMillis}.
   */
  static TreeSet<Long> since(
      ChangesApi api, String objectType, String property, long fromMillis, RunControl control) {
    ChangedRecords walk = new ChangedRecords(api, objectType, property, control);
    walk.walkFrom(fromMillis);
    return walk.ids;
  }

  private void walkFrom(long fromMillis) {
    long from = fromMillis;
    while (true) {
      long start = from;
      Query query = query(after -> api.modifiedSince(objectType, property, start, after));
      if (query.exhausted()) {
        return;
      }
      if (query.latest() > from) {
        from = query.latest(); // its records may continue past the page: asked for again
      } else {
        drainMillisecond(from);
        from++;
      }
    }
  }

  /** Every record modified at {@code millis}, by id: the time alone cannot page past them. */
  private void drainMillisecond(long millis) {
    String above = null;
    while (true) {
      String bound = above;
      Query query = query(after -> api.modifiedAt(objectType, property, millis, bound, after));
      if (query.exhausted()) {
        return;
      }
      if (query.highestId() == null || (above != null && query.highestId().equals(above))) {
        throw stuck("at " + millis + " above id " + above);
      }
      above = query.highestId();
    }
  }

  /** A search's pages from its first. */
  private interface Pages {
    ChangesApi.Page page(String after);
  }

  /**
   * What one query found.
   *
   * @param exhausted its last page carried no cursor: nothing more matches
   * @param latest the latest modified time among its records
   * @param highestId the highest id among its records, or null for none
   */
  private record Query(boolean exhausted, long latest, String highestId) {}

  /**
   * Reads a query's first page, and the pages after it while they come short with a cursor; stops
   * at a full page (the next query starts from it), at the result cap, or after {@value
   * #MAX_EMPTY_IN_A_ROW} empty pages in a row that still carry a cursor (a search that has stopped
   * making progress).
   */
  private Query query(Pages pages) {
    List<ChangesApi.Modified> found = new ArrayList<>();
    String after = null;
    int pagesRead = 0;
    int emptyInARow = 0;
    while (true) {
      control.checkNotAborted();
      ChangesApi.Page page = pages.page(after);
      pagesRead++;
      found.addAll(page.records());
      // a page with fewer records than its total or cursor promise may have left out records its
      // cursor counts: the same page asked again brings them when the hole was that answer's alone
      for (int again = 0; again < REASKS && isShort(page, after); again++) {
        page.records().forEach(record -> ids.add(MeetingPoint.idOf(record.id())));
        page = pages.page(after);
        found.addAll(page.records());
      }
      page.records().forEach(record -> ids.add(MeetingPoint.idOf(record.id())));
      after = page.nextAfter();
      if (after == null) {
        return summary(found, true);
      }
      if (page.records().size() >= ChangesApi.SEARCH_PAGE_SIZE) {
        return summary(found, false);
      }
      emptyInARow = page.records().isEmpty() ? emptyInARow + 1 : 0;
      if (emptyInARow >= MAX_EMPTY_IN_A_ROW) {
        throw stuck(
            "(" + emptyInARow + " empty pages in a row with a cursor, the last " + after + ")");
      }
      long offset = offsetOf(after);
      if (offset < 0
          || offset + ChangesApi.SEARCH_PAGE_SIZE > MAX_RESULTS
          || pagesRead * ChangesApi.SEARCH_PAGE_SIZE >= MAX_RESULTS) {
        if (found.isEmpty()) {
          throw stuck("with pages that stay empty and a cursor (" + after + ")");
        }
        return summary(found, false);
      }
    }
  }

  /**
   * Whether a page holds fewer records than it should: than its query's total counts from its
   * offset, or than a full page when it carries a cursor (a search may send no total).
   */
  private static boolean isShort(ChangesApi.Page page, String after) {
    long offset = after == null ? 0 : offsetOf(after);
    long expected;
    if (page.total() >= 0 && offset >= 0) {
      expected = Math.min(ChangesApi.SEARCH_PAGE_SIZE, Math.max(0, page.total() - offset));
    } else {
      expected = page.nextAfter() != null ? ChangesApi.SEARCH_PAGE_SIZE : 0;
    }
    return page.records().size() < expected;
  }

  private static Query summary(List<ChangesApi.Modified> found, boolean exhausted) {
    long latest = Long.MIN_VALUE;
    long highest = -1;
    String highestId = null;
    for (ChangesApi.Modified record : found) {
      latest = Math.max(latest, record.modifiedMillis());
      long id = MeetingPoint.idOf(record.id());
      if (id > highest) {
        highest = id;
        highestId = record.id();
      }
    }
    return new Query(exhausted, latest, highestId);
  }

  /** A search offset as a number, or -1 when HubSpot sent something else. */
  private static long offsetOf(String after) {
    try {
      return Long.parseLong(after.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private HubSpotException stuck(String where) {
    return new HubSpotException(
        FailureCategory.EXTERNAL,
        "searching "
            + objectType
            + " for changes made no progress "
            + where
            + ": stopping instead of looping; run sync again later");
  }
}
