package dev.hubspotextract.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The objects endpoints: records of one object type as a lazy stream that follows HubSpot's cursor
 * page by page ({@link PrefetchingCursor}), searches by id, and a count. Each page is fetched as
 * the caller says ({@link RecordFetch}): one {@code GET /crm/v3/objects/{type}} naming every
 * property, or, for an object whose list URL would pass {@link #URL_BUDGET} ({@link #fetchFor} says
 * which), a page of ids and one {@code POST …/batch/read} per 100 ids with every property in the
 * body: 2 calls per 100 records however wide the object is.
 */
public final class ObjectsApi {
  /** HubSpot's largest list page and batch read. */
  public static final int PAGE_SIZE = 100;

  /**
   * Longest path and query we send. HubSpot answers 414 somewhere between 8,000 and 16,000
   * characters (see hubspot-api.md §13); this leaves room for the host, the request line and the
   * cursor.
   */
  public static final int URL_BUDGET = 7_000;

  private static final int CURSOR_ALLOWANCE = 64;

  /** Pages asked for beyond the one whose records are being handed out, given a prefetch pool. */
  static final int PAGES_AHEAD = 2;

  /** Pages in a row that may bring no new record before the cursor counts as stuck. */
  static final int MAX_PAGES_WITHOUT_PROGRESS = 5;

  /** The one property a listing of ids asks for, the shortest request. */
  private static final List<String> ID_ONLY = List.of("hs_object_id");

  private final Transport transport;
  private final Executor prefetch; // null: each page is read when the reader reaches it

  /** Endpoints whose streams read each page when the reader reaches it, on the reader's thread. */
  ObjectsApi(Transport transport) {
    this(transport, null);
  }

  /**
   * Endpoints whose streams read {@value #PAGES_AHEAD} pages ahead on {@code prefetch} (null: none
   * ahead); its owner shuts it down, once the streams are closed.
   */
  ObjectsApi(Transport transport, Executor prefetch) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
    this.prefetch = prefetch;
  }

  /**
   * How records of {@code objectType} with these properties are to be fetched: listed with them,
   * unless a list URL naming them all would pass {@link #URL_BUDGET}; then their ids are listed and
   * batch read. For whoever plans the read: {@link #stream} does as it is told.
   */
  public RecordFetch fetchFor(String objectType, List<String> properties) {
    return listPath(objectType, PAGE_SIZE, properties, null).length() + CURSOR_ALLOWANCE
            > URL_BUDGET
        ? RecordFetch.LIST_IDS_THEN_BATCH_READ
        : RecordFetch.LIST_WITH_PROPERTIES;
  }

  /**
   * Every record of {@code objectType} (not archived), with exactly the given properties requested
   * (each record's {@link PropertyValues#valueAt} column {@code i} is {@code properties.get(i)}),
   * fetched as {@code fetch} says, stopping after {@code limit} records (empty: none). Each page
   * comes sorted by id, and HubSpot lists by id, but does not promise it: a record it sends a page
   * late or twice is handed out late or twice (the longer form hands such records to the reader
   * instead). Close the stream to stop early.
   */
  public Stream<HubSpotRecord> stream(
      String objectType, List<String> properties, RecordFetch fetch, OptionalLong limit) {
    return stream(
        objectType, properties, fetch, limit, null, null, cursor -> {}, OutOfOrder.HANDED_OUT);
  }

  /**
   * Like {@link #stream(String, List, RecordFetch, OptionalLong)}, starting at a cursor saved
   * earlier (null: the first page) after the last id handed out before it (null: none), and telling
   * {@code pageDone} the cursor of the next page each time every record of a page has been handed
   * out, before that next page is fetched: the point where a task can checkpoint. What HubSpot sent
   * out of id order is told to {@code outOfOrder}, and a record whose id is not above one already
   * handed out goes there, and into the stream only if it leaves it there. Closing the stream stops
   * the pages read ahead.
   */
  public Stream<HubSpotRecord> stream(
      String objectType,
      List<String> properties,
      RecordFetch fetch,
      OptionalLong limit,
      String startAfter,
      String lastId,
      Consumer<String> pageDone,
      OutOfOrder outOfOrder) {
    List<String> names = List.copyOf(properties);
    boolean batch =
        switch (Objects.requireNonNull(fetch, "fetch is null")) {
          case LIST_WITH_PROPERTIES -> false;
          case LIST_IDS_THEN_BATCH_READ -> true;
        };
    return cursorStream(
        new PrefetchingCursor(
            this,
            objectType,
            batch ? ID_ONLY : names,
            batch ? names : null,
            limit,
            startAfter,
            lastId,
            pageDone,
            outOfOrder,
            prefetch == null ? Runnable::run : prefetch,
            prefetch == null ? 0 : PAGES_AHEAD));
  }

  /**
   * Ids of every record of {@code objectType} with the shortest request possible, from a cursor
   * ({@code startAfter}, null: the first page), stopping after {@code limit} ids (empty: none):
   * each page sorted, out-of-order ones told to {@code outOfOrder} as by {@link #stream(String,
   * List, RecordFetch, OptionalLong, String, String, Consumer, OutOfOrder) stream}.
   */
  public Stream<String> ids(
      String objectType, OptionalLong limit, String startAfter, OutOfOrder outOfOrder) {
    return stream(
            objectType,
            ID_ONLY,
            RecordFetch.LIST_WITH_PROPERTIES, // one short property: always fits a GET
            limit,
            startAfter,
            null,
            cursor -> {},
            outOfOrder)
        .map(HubSpotRecord::id);
  }

  private static Stream<HubSpotRecord> cursorStream(PrefetchingCursor cursor) {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(cursor::close);
  }

  /** HubSpot's largest search page. */
  public static final int SEARCH_PAGE_SIZE = 200;

  /**
   * The next records of a walk down an object from its highest id, by search (its own 5 per second
   * budget, hubspot-api.md §6): up to {@value #SEARCH_PAGE_SIZE} records below {@code belowId}
   * (null: from the top), highest id first, with exactly the given properties (column {@code i} of
   * {@link PropertyValues#valueAt} is {@code properties.get(i)}). Each page is a new query bounded
   * by the last id seen, never an offset, so the 10,000-result cap of search does not apply. Empty
   * when no record lies below.
   */
  public List<HubSpotRecord> searchBelow(
      String objectType, List<String> properties, String belowId) {
    return searchFrom(objectType, properties, belowId, true);
  }

  /**
   * Like {@link #searchBelow}, upwards: up to {@value #SEARCH_PAGE_SIZE} records above {@code
   * aboveId}, lowest id first.
   */
  public List<HubSpotRecord> searchAbove(
      String objectType, List<String> properties, String aboveId) {
    return searchFrom(objectType, properties, Objects.requireNonNull(aboveId), false);
  }

  /**
   * The highest id of {@code objectType} that search shows (one search, one record), to plan how to
   * split a large object's ids among several list cursors. Search lags writes (hubspot-api.md §6),
   * so records created just before may lie above it: a plan must not rely on it for more.
   */
  public Optional<String> highestId(String objectType) {
    List<HubSpotRecord> top = searchFrom(objectType, List.of(), null, true, 1);
    return top.isEmpty() ? Optional.empty() : Optional.of(top.get(0).id());
  }

  /**
   * How many records of {@code objectType} search counts: one search asking for one record, whose
   * answer carries the {@code total}. Search lags writes (hubspot-api.md §6), so this is an
   * estimate (for a progress bar); empty when the answer has no total.
   */
  public OptionalLong estimatedCount(String objectType) {
    String doing = "counting " + objectType + " by search";
    ApiResponse response = search(objectType, ObjectRequestBodies.count(), doing);
    try (RecordPage page =
        new RecordPage(response.body(), doing, new PropertyColumns(List.of("hs_object_id")))) {
      while (page.next() != null) {
        // the one record is not wanted, only the total after it
      }
      return page.total() < 0 ? OptionalLong.empty() : OptionalLong.of(page.total());
    }
  }

  private List<HubSpotRecord> searchFrom(
      String objectType, List<String> properties, String boundId, boolean down) {
    return searchFrom(objectType, properties, boundId, down, SEARCH_PAGE_SIZE);
  }

  private List<HubSpotRecord> searchFrom(
      String objectType, List<String> properties, String boundId, boolean down, int limit) {
    PropertyColumns columns = new PropertyColumns(properties);
    byte[] body = ObjectRequestBodies.searchById(columns.names(), boundId, down, limit);
    String doing =
        "searching "
            + objectType
            + (boundId == null ? " from the top" : (down ? " below id " : " above id ") + boundId);
    ApiResponse response = search(objectType, body, doing);
    List<HubSpotRecord> records = new ArrayList<>(limit);
    try (RecordPage page = new RecordPage(response.body(), doing, columns)) {
      for (HubSpotRecord record = page.next(); record != null; record = page.next()) {
        boolean beyond =
            boundId == null
                || (down
                    ? Ids.ascending(record.id(), boundId)
                    : Ids.ascending(boundId, record.id()));
        if (beyond) {
          records.add(record); // one on the wrong side of the bound would turn the walk: dropped
        }
      }
    }
    return records;
  }

  /** One search of {@code objectType}; an error answer is thrown, saying what it was doing. */
  private ApiResponse search(String objectType, byte[] body, String doing) {
    return Responses.requireSuccess(
        transport.send(
            ApiRequest.postJson("/crm/v3/objects/" + Paths.segment(objectType) + "/search", body)),
        doing,
        objectType);
  }

  static String listPath(String objectType, int limit, List<String> properties, String after) {
    StringBuilder path =
        new StringBuilder("/crm/v3/objects/")
            .append(Paths.segment(objectType))
            .append("?limit=")
            .append(limit)
            .append("&archived=false");
    if (!properties.isEmpty()) {
      path.append("&properties=").append(Paths.query(String.join(",", properties)));
    }
    if (after != null) {
      path.append("&after=").append(Paths.cursor(after)); // as received when already encoded
    }
    return path.toString();
  }

  /** One list page, read whole; an error answer is thrown, saying what it was doing. */
  ApiResponse listPage(
      String objectType, int limit, List<String> properties, String after, String doing) {
    return Responses.requireSuccess(
        transport.send(ApiRequest.get(listPath(objectType, limit, properties, after))),
        doing,
        objectType);
  }

  /**
   * The records {@code listed} read again by id with every property of {@code batchColumns}, in the
   * listing's order; a record deleted in between is left out.
   */
  List<HubSpotRecord> batchRead(
      String objectType, List<HubSpotRecord> listed, PropertyColumns batchColumns) {
    Map<String, HubSpotRecord> byId =
        readById(
            objectType,
            listed.stream().map(HubSpotRecord::id).toList(),
            batchColumns,
            "reading " + listed.size() + " " + objectType + " by id (batch read)");
    // results come in any order; keep the listing's
    List<HubSpotRecord> ordered = new ArrayList<>(listed.size());
    for (HubSpotRecord record : listed) {
      HubSpotRecord full = byId.get(record.id());
      if (full != null) {
        ordered.add(full);
      }
    }
    return ordered;
  }

  /**
   * One batch read of these ids (at most {@value #PAGE_SIZE}) with exactly the properties of {@code
   * columns}, keyed by id: an id archived or gone is absent, and results come in any order.
   */
  Map<String, HubSpotRecord> readById(
      String objectType, List<String> ids, PropertyColumns columns, String doing) {
    ApiResponse response =
        Responses.requireSuccess(
            transport.send(
                ApiRequest.postJson(
                    "/crm/v3/objects/" + Paths.segment(objectType) + "/batch/read?archived=false",
                    ObjectRequestBodies.batchRead(ids, columns.names()))),
            doing,
            objectType);
    Map<String, HubSpotRecord> byId = new HashMap<>();
    try (RecordPage page = new RecordPage(response.body(), doing, columns)) {
      for (HubSpotRecord record = page.next(); record != null; record = page.next()) {
        byId.put(record.id(), record);
      }
    }
    return byId;
  }
}
