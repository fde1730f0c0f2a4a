package dev.hubspotextract.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Records of one object type, as a lazy stream that follows HubSpot's cursor page by page. With few
 * properties each page is one {@code GET /crm/v3/objects/{type}} naming them all; when that URL
 * would pass {@link #URL_BUDGET}, the page lists ids only and one {@code POST …/batch/read} per 100
 * ids fetches every property from the body: 2 calls per 100 records however wide the object is.
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

  /** Pages asked for beyond the one whose records are being handed out. */
  static final int PAGES_AHEAD = 2;

  /** Pages in a row that may bring no new record before the cursor counts as stuck. */
  static final int MAX_PAGES_WITHOUT_PROGRESS = 5;

  private final Transport transport;

  ObjectsApi(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
  }

  /** Whether reading these properties takes a list call plus a batch read per page. */
  public boolean needsBatchRead(String objectType, List<String> properties) {
    return listPath(objectType, PAGE_SIZE, properties, null).length() + CURSOR_ALLOWANCE
        > URL_BUDGET;
  }

  /**
   * Every record of {@code objectType} (not archived), ascending by id, with exactly the given
   * properties requested, stopping after {@code maxRecords}; a record HubSpot sends below an id
   * already handed out is left out (the longer form hands it to the reader).
   */
  public Stream<HubSpotRecord> stream(String objectType, List<String> properties, long maxRecords) {
    return stream(
        objectType, properties, maxRecords, null, null, cursor -> {}, OutOfOrder.LEFT_OUT);
  }

  /**
   * Like {@link #stream(String, List, long)} (each record's {@link PropertyValues#valueAt} column
   * {@code i} is {@code properties.get(i)}), starting at a cursor saved earlier (null: the first
   * page) after the last id handed out before it (null: none), and telling {@code pageDone} the
   * cursor of the next page each time every record of a page has been handed out, before that next
   * page is fetched: the point where a task can checkpoint. Each page is handed out sorted by id;
   * what HubSpot sent out of id order is told to {@code outOfOrder}, and a record whose id is not
   * above one already handed out goes there instead of into the stream.
   */
  public Stream<HubSpotRecord> stream(
      String objectType,
      List<String> properties,
      long maxRecords,
      String startAfter,
      String lastId,
      Consumer<String> pageDone,
      OutOfOrder outOfOrder) {
    List<String> names = List.copyOf(properties);
    boolean batch = needsBatchRead(objectType, names);
    Pages records =
        new Pages(objectType, batch ? List.of("hs_object_id") : names, maxRecords, batch, names);
    records.after = startAfter;
    records.lastId = lastId;
    records.pageDone = Objects.requireNonNull(pageDone, "pageDone is null");
    records.outOfOrder = Objects.requireNonNull(outOfOrder, "outOfOrder is null");
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * Ids of every record of {@code objectType}, ascending, with the shortest request possible; one
   * HubSpot sends below an id already handed out is left out.
   */
  public Stream<String> ids(String objectType, long maxRecords) {
    Iterator<HubSpotRecord> records =
        new Pages(objectType, List.of("hs_object_id"), maxRecords, false, List.of());
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .map(HubSpotRecord::id);
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
    byte[] body =
        Json.write(
            json -> {
              json.writeStartObject();
              json.writeArrayFieldStart("filterGroups");
              json.writeEndArray();
              json.writeArrayFieldStart("sorts"); // the spec requires every field, empty or not
              json.writeEndArray();
              json.writeArrayFieldStart("properties");
              json.writeString("hs_object_id");
              json.writeEndArray();
              json.writeNumberField("limit", 1);
              json.writeStringField("after", "0");
              json.writeEndObject();
            });
    String doing = "counting " + objectType + " by search";
    ApiResponse response = search(objectType, body, doing);
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
    byte[] body =
        Json.write(
            json -> {
              json.writeStartObject();
              json.writeArrayFieldStart("filterGroups");
              if (boundId != null) {
                json.writeStartObject();
                json.writeArrayFieldStart("filters");
                json.writeStartObject();
                json.writeStringField("propertyName", "hs_object_id");
                json.writeStringField("operator", down ? "LT" : "GT");
                json.writeStringField("value", boundId);
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
              }
              json.writeEndArray();
              // the documented object form; the spec's string[] is codegen (hubspot-api.md §6)
              json.writeArrayFieldStart("sorts");
              json.writeStartObject();
              json.writeStringField("propertyName", "hs_object_id");
              json.writeStringField("direction", down ? "DESCENDING" : "ASCENDING");
              json.writeEndObject();
              json.writeEndArray();
              json.writeArrayFieldStart("properties");
              for (String property : columns.names()) {
                json.writeString(property);
              }
              json.writeEndArray();
              json.writeNumberField("limit", limit);
              json.writeStringField("after", "0");
              json.writeEndObject();
            });
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

  private List<HubSpotRecord> batchRead(
      String objectType, List<HubSpotRecord> listed, PropertyColumns batchColumns) {
    List<String> properties = batchColumns.names();
    byte[] body =
        Json.write(
            json -> {
              json.writeStartObject();
              json.writeArrayFieldStart("inputs");
              for (HubSpotRecord record : listed) {
                json.writeStartObject();
                json.writeStringField("id", record.id());
                json.writeEndObject();
              }
              json.writeEndArray();
              json.writeArrayFieldStart("properties");
              for (String property : properties) {
                json.writeString(property);
              }
              // no "propertiesWithHistory": the spec lists it as required, but HubSpot's own
              // examples
              // leave it out, and an empty one asks for nothing (hubspot-api.md §5)
              json.writeEndArray();
              json.writeEndObject();
            });
    String doing = "reading " + listed.size() + " " + objectType + " by id (batch read)";
    ApiResponse response =
        Responses.requireSuccess(
            transport.send(
                ApiRequest.postJson(
                    "/crm/v3/objects/" + Paths.segment(objectType) + "/batch/read?archived=false",
                    body)),
            doing,
            objectType);
    // results come in any order; keep the listing's (a record deleted in between is skipped)
    Map<String, HubSpotRecord> byId = new HashMap<>();
    try (RecordPage page = new RecordPage(response.body(), doing, batchColumns)) {
      for (HubSpotRecord record = page.next(); record != null; record = page.next()) {
        byId.put(record.id(), record);
      }
    }
    List<HubSpotRecord> ordered = new ArrayList<>(listed.size());
    for (HubSpotRecord record : listed) {
      HubSpotRecord full = byId.get(record.id());
      if (full != null) {
        ordered.add(full);
      }
    }
    return ordered;
  }

  /** Threads that fetch pages ahead of the one being written; daemons, so they never block exit. */
  private static final ExecutorService PREFETCH =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "hubspot-prefetch");
            thread.setDaemon(true);
            return thread;
          });

  /** One page's records, in the listing's order, and the cursor of the page after it. */
  private record Page(List<HubSpotRecord> records, String next) {}

  private static Page join(CompletableFuture<Page> page) {
    try {
      return page.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Follows the cursor lazily. Pages are fetched ahead on daemon threads, {@link #PAGES_AHEAD}
   * deep: as soon as a page's body arrives, the next cursor is read from its tail ({@link
   * NextCursor}) and that page is asked for, before this one is even parsed. So the wire, the
   * parsing and the writing of three pages overlap, and at most three pages are held.
   */
  private final class Pages implements Iterator<HubSpotRecord> {
    private final String objectType;
    private final List<String> listProperties;
    private final PropertyColumns listColumns;
    private final boolean batch;
    private final PropertyColumns batchColumns;
    private long remaining;
    private String after;
    private Consumer<String> pageDone = cursor -> {};
    private OutOfOrder outOfOrder = OutOfOrder.LEFT_OUT;
    private boolean fetched;
    private int pagesWithoutNewRecords;
    private boolean newRecordOnPage;
    private boolean lastPage;
    private Iterator<HubSpotRecord> current = List.<HubSpotRecord>of().iterator();
    private HubSpotRecord aheadRecord;
    private String lastId;

    /**
     * Pages asked for ahead of the one being handed out, in order, at most {@link #PAGES_AHEAD};
     * guarded by {@code this}, as the prefetch threads add to it.
     */
    private final ArrayDeque<Fetch> ahead = new ArrayDeque<>();

    /** The page whose records are being handed out; guarded by {@code this}. */
    private Fetch handingOut;

    /** Records still wanted beyond the pages asked for; guarded by {@code this}. */
    private long unclaimed;

    Pages(
        String objectType,
        List<String> listProperties,
        long maxRecords,
        boolean batch,
        List<String> batchProperties) {
      this.objectType = objectType;
      this.listProperties = listProperties;
      this.listColumns = new PropertyColumns(listProperties);
      this.remaining = maxRecords;
      this.unclaimed = maxRecords;
      this.batch = batch;
      this.batchColumns = new PropertyColumns(batchProperties);
    }

    @Override
    public boolean hasNext() {
      while (aheadRecord == null) {
        if (remaining <= 0) {
          return false;
        }
        if (current.hasNext()) {
          HubSpotRecord record = current.next();
          if (lastId != null && !Ids.ascending(lastId, record.id())) {
            outOfOrder.straggler(record); // a repeat, or a record sent after a higher one
            continue;
          }
          aheadRecord = record;
          newRecordOnPage = true;
        } else if (lastPage) {
          return false;
        } else {
          if (fetched) {
            guardProgress();
            pageDone.accept(after);
          }
          newRecordOnPage = false;
          fetched = true;
          current = fetch();
        }
      }
      return true;
    }

    @Override
    public HubSpotRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      HubSpotRecord record = aheadRecord;
      aheadRecord = null;
      lastId = record.id();
      remaining--;
      return record;
    }

    /** The next page's records, taken from the fetch ahead when its cursor was the right one. */
    private Iterator<HubSpotRecord> fetch() {
      String doing = "listing " + objectType + (after == null ? "" : " after cursor " + after);
      Fetch fetch;
      synchronized (this) {
        fetch = ahead.pollFirst();
        if (fetch == null || !Objects.equals(fetch.cursor, after)) {
          ahead.clear(); // a wrong guess: the pages asked for after it are dropped unread
          unclaimed = remaining;
          fetch = start(after);
        }
        handingOut = fetch;
        chainAfter(ahead.isEmpty() ? fetch : ahead.peekLast());
      }
      Page page = join(fetch.page);
      turnPage(page.next(), doing);
      return inIdOrder(page.records());
    }

    /**
     * A page's records in the order they are handed out, by id, once those that came with an id not
     * above one before them on this cursor are counted: a page HubSpot shuffled costs nothing, and
     * only a record sent after the page it belongs to is a straggler.
     */
    private Iterator<HubSpotRecord> inIdOrder(List<HubSpotRecord> records) {
      String highest = lastId;
      int backwards = 0;
      for (HubSpotRecord record : records) {
        if (highest == null || Ids.ascending(highest, record.id())) {
          highest = record.id();
        } else {
          backwards++;
        }
      }
      if (backwards == 0) {
        return records.iterator();
      }
      outOfOrder.arrived(backwards);
      List<HubSpotRecord> sorted = new ArrayList<>(records);
      sorted.sort(Comparator.comparing(HubSpotRecord::id, Ids.ORDER));
      return sorted.iterator();
    }

    /** Asks for the page at {@code cursor}; guarded by {@code this}. */
    private Fetch start(String cursor) {
      int limit = (int) Math.min(PAGE_SIZE, unclaimed);
      unclaimed -= limit;
      return new Fetch(cursor, limit);
    }

    /**
     * Once {@code last}'s body has named the next cursor, asks for that page too, unless enough
     * pages are ahead or enough records asked for; guarded by {@code this}.
     */
    private void chainAfter(Fetch last) {
      if (last.nextCursor != null && !last.chained && ahead.size() < PAGES_AHEAD && unclaimed > 0) {
        last.chained = true;
        ahead.addLast(start(last.nextCursor));
      }
    }

    /** A body arrived, naming (or not) the cursor after it: the page after may be asked for. */
    private synchronized void arrived(Fetch fetch, String nextCursor) {
      fetch.nextCursor = nextCursor;
      if (fetch == (ahead.isEmpty() ? handingOut : ahead.peekLast())) {
        chainAfter(fetch);
      }
    }

    /**
     * One page on its way: its body, as soon as it arrives, gives the cursor after it (guessed from
     * the tail, checked by the full parse before it is used); then its records are parsed.
     */
    private final class Fetch {
      final String cursor;
      final int limit;
      final CompletableFuture<Page> page;

      /** The cursor the body's tail names; guarded by the enclosing {@link Pages}. */
      String nextCursor;

      /** Whether the page after was asked for; guarded by the enclosing {@link Pages}. */
      boolean chained;

      Fetch(String cursor, int limit) {
        this.cursor = cursor;
        this.limit = limit;
        this.page = CompletableFuture.supplyAsync(this::load, PREFETCH);
      }

      /** One list page (and its batch read for a wide object), read whole. */
      private Page load() {
        String doing = "listing " + objectType + (cursor == null ? "" : " after cursor " + cursor);
        ApiResponse response =
            Responses.requireSuccess(
                transport.send(ApiRequest.get(listPath(objectType, limit, listProperties, cursor))),
                doing,
                objectType);
        arrived(this, NextCursor.peek(response.body()));
        List<HubSpotRecord> listed = new ArrayList<>(limit);
        String next;
        try (RecordPage reader = new RecordPage(response.body(), doing, listColumns)) {
          for (HubSpotRecord record = reader.next(); record != null; record = reader.next()) {
            listed.add(record);
          }
          next = reader.after();
        }
        if (batch && !listed.isEmpty()) {
          listed = batchRead(objectType, listed, batchColumns);
        }
        return new Page(listed, next);
      }
    }

    /** A cursor that keeps giving pages without new records would loop for ever: stop. */
    private void guardProgress() {
      pagesWithoutNewRecords = newRecordOnPage ? 0 : pagesWithoutNewRecords + 1;
      if (pagesWithoutNewRecords >= MAX_PAGES_WITHOUT_PROGRESS) {
        throw new HubSpotException(
            FailureCategory.EXTERNAL,
            "HubSpot sent "
                + pagesWithoutNewRecords
                + " pages of "
                + objectType
                + " in a row without a new record (cursor "
                + after
                + "): stopping to avoid a loop");
      }
    }

    private void turnPage(String next, String doing) {
      if (next != null && next.equals(after)) {
        throw new HubSpotException(
            FailureCategory.EXTERNAL,
            "HubSpot returned the same cursor twice while " + doing + ": stopping to avoid a loop");
      }
      after = next;
      lastPage = next == null;
    }
  }
}
