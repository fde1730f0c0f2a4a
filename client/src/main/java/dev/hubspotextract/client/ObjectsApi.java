package dev.hubspotextract.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
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
   * properties requested, stopping after {@code maxRecords}.
   */
  public Stream<HubSpotRecord> stream(String objectType, List<String> properties, long maxRecords) {
    return stream(objectType, properties, maxRecords, null, cursor -> {});
  }

  /**
   * Like {@link #stream(String, List, long)} (each record's {@link PropertyValues#valueAt} column
   * {@code i} is {@code properties.get(i)}), starting at a cursor saved earlier (null: the first
   * page) and telling {@code pageDone} the cursor of the next page each time every record of a page
   * has been handed out, before that next page is fetched: the point where a task can checkpoint.
   */
  public Stream<HubSpotRecord> stream(
      String objectType,
      List<String> properties,
      long maxRecords,
      String startAfter,
      Consumer<String> pageDone) {
    List<String> names = List.copyOf(properties);
    boolean batch = needsBatchRead(objectType, names);
    Pages records =
        new Pages(objectType, batch ? List.of("hs_object_id") : names, maxRecords, batch, names);
    records.after = startAfter;
    records.pageDone = Objects.requireNonNull(pageDone, "pageDone is null");
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Ids of every record of {@code objectType}, ascending, with the shortest request possible. */
  public Stream<String> ids(String objectType, long maxRecords) {
    Iterator<HubSpotRecord> records =
        new Pages(objectType, List.of("hs_object_id"), maxRecords, false, List.of());
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .map(HubSpotRecord::id);
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
      path.append("&after=").append(Paths.query(after));
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
              json.writeEndArray();
              json.writeArrayFieldStart("propertiesWithHistory"); // required by the spec
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

  /** Threads that fetch the page after the one being written; daemons, so they never block exit. */
  private static final ExecutorService PREFETCH =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "hubspot-prefetch");
            thread.setDaemon(true);
            return thread;
          });

  /** One page's records, in the listing's order, and the cursor of the page after it. */
  private record Page(List<HubSpotRecord> records, String next) {}

  /** A page requested ahead, and the cursor it was requested with. */
  private record Prefetch(String cursor, CompletableFuture<Page> page) {}

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

  /** Follows the cursor lazily, one page ahead of the records handed out. */
  private final class Pages implements Iterator<HubSpotRecord> {
    private final String objectType;
    private final List<String> listProperties;
    private final PropertyColumns listColumns;
    private final boolean batch;
    private final PropertyColumns batchColumns;
    private long remaining;
    private String after;
    private Consumer<String> pageDone = cursor -> {};
    private boolean fetched;
    private int pagesWithoutNewRecords;
    private boolean newRecordOnPage;
    private boolean lastPage;
    private Iterator<HubSpotRecord> current = List.<HubSpotRecord>of().iterator();
    private HubSpotRecord aheadRecord;
    private Prefetch ahead;
    private String lastId;

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
            continue; // a page boundary that repeats records already handed out
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

    /**
     * The next page's records. While they are written, the page after is already on its way (one
     * request ahead, on a daemon thread): a page is 100 records, so this holds two pages at most.
     */
    private Iterator<HubSpotRecord> fetch() {
      String doing = "listing " + objectType + (after == null ? "" : " after cursor " + after);
      Page page;
      if (ahead != null && Objects.equals(ahead.cursor(), after)) {
        page = join(ahead.page());
      } else {
        page = load(after, (int) Math.min(PAGE_SIZE, remaining));
      }
      ahead = null;
      turnPage(page.next(), doing);
      long left = remaining - page.records().size();
      if (!lastPage && left > 0) {
        String cursor = after;
        int limit = (int) Math.min(PAGE_SIZE, left);
        ahead =
            new Prefetch(
                cursor, CompletableFuture.supplyAsync(() -> load(cursor, limit), PREFETCH));
      }
      return page.records().iterator();
    }

    /** One list page (and its batch read for a wide object), read whole. */
    private Page load(String cursor, int limit) {
      String doing = "listing " + objectType + (cursor == null ? "" : " after cursor " + cursor);
      ApiResponse response =
          Responses.requireSuccess(
              transport.send(ApiRequest.get(listPath(objectType, limit, listProperties, cursor))),
              doing,
              objectType);
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

    /** A cursor that keeps giving pages without new records would loop for ever: stop. */
    private void guardProgress() {
      pagesWithoutNewRecords = newRecordOnPage ? 0 : pagesWithoutNewRecords + 1;
      if (pagesWithoutNewRecords >= MAX_PAGES_WITHOUT_PROGRESS) {
        throw new HubSpotException(
            HubSpotException.Category.EXTERNAL,
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
            HubSpotException.Category.EXTERNAL,
            "HubSpot returned the same cursor twice while " + doing + ": stopping to avoid a loop");
      }
      after = next;
      lastPage = next == null;
    }
  }
}
