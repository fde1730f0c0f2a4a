package dev.hubspotextract.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Follows one list cursor of an object lazily, reading pages ahead on an executor its caller owns,
 * {@code pagesAhead} deep: as soon as a page's body arrives, the next cursor is read from its tail
 * ({@link NextCursor}) and that page is asked for, before this one is even parsed. So the wire, the
 * parsing and the writing of a few pages overlap, and at most {@code pagesAhead + 1} are held.
 *
 * <p>Each page is handed out sorted by id; what HubSpot sent out of id order is told to {@link
 * OutOfOrder}. Closing the cursor, or a failure or interrupt of its reader, cancels the pages asked
 * for ahead (interrupting those on the wire) and waits until none is being read: nothing of it runs
 * on the executor afterwards. Read from one thread; {@link #close} may come from any.
 */
final class PrefetchingCursor implements Iterator<HubSpotRecord>, AutoCloseable {
  private final ObjectsApi objects;
  private final String objectType;
  private final List<String> listProperties;
  private final PropertyColumns listColumns;
  private final PropertyColumns batchColumns; // null: the list page holds every property
  private final Executor executor;
  private final int pagesAhead;
  private final Consumer<String> pageDone;
  private final OutOfOrder outOfOrder;
  private long remaining;
  private String after;
  private String lastId; // the highest id handed out
  private boolean fetched;
  private int pagesWithoutNewRecords;
  private boolean newRecordOnPage;
  private boolean lastPage;
  private Iterator<HubSpotRecord> current = List.<HubSpotRecord>of().iterator();
  private HubSpotRecord aheadRecord;

  /** Pages asked for ahead of the one being handed out, in order; guarded by {@code this}. */
  private final ArrayDeque<Fetch> ahead = new ArrayDeque<>();

  /** The page whose records are being handed out; guarded by {@code this}. */
  private Fetch handingOut;

  /** Records still wanted beyond the pages asked for; guarded by {@code this}. */
  private long unclaimed;

  /** Pages being read on the executor right now; guarded by {@code this}. */
  private int reading;

  /** Once closed, no page is asked for; guarded by {@code this}. */
  private boolean closed;

  /**
   * @param batchProperties the properties a batch read per page fetches, or null when {@code
   *     listProperties} are all there is to read
   * @param limit the most records to hand out (empty: every one)
   * @param startAfter the cursor of the first page (null: the first of all)
   * @param lastId the highest id handed out before {@code startAfter} (null: none)
   * @param pageDone told the cursor of the next page once every record of a page is handed out
   */
  PrefetchingCursor(
      ObjectsApi objects,
      String objectType,
      List<String> listProperties,
      List<String> batchProperties,
      OptionalLong limit,
      String startAfter,
      String lastId,
      Consumer<String> pageDone,
      OutOfOrder outOfOrder,
      Executor executor,
      int pagesAhead) {
    this.objects = objects;
    this.objectType = objectType;
    this.listProperties = List.copyOf(listProperties);
    this.listColumns = new PropertyColumns(this.listProperties);
    this.batchColumns = batchProperties == null ? null : new PropertyColumns(batchProperties);
    // counts to stop at, only ever lowered: without a limit, one no listing reaches
    long count = limit.orElse(Long.MAX_VALUE);
    this.remaining = count;
    this.unclaimed = count;
    this.after = startAfter;
    this.lastId = lastId;
    this.pageDone = Objects.requireNonNull(pageDone, "pageDone is null");
    this.outOfOrder = Objects.requireNonNull(outOfOrder, "outOfOrder is null");
    this.executor = Objects.requireNonNull(executor, "executor is null");
    this.pagesAhead = pagesAhead;
  }

  @Override
  public boolean hasNext() {
    try {
      return advance();
    } catch (RuntimeException | Error e) {
      close(); // a failure, an interrupt, or a stop the reader chose: no page is read on
      throw e;
    }
  }

  private boolean advance() {
    while (aheadRecord == null) {
      if (remaining <= 0) {
        return false;
      }
      if (current.hasNext()) {
        HubSpotRecord record = current.next();
        if (lastId == null || Ids.ascending(lastId, record.id())) {
          newRecordOnPage = true;
        } else if (outOfOrder.straggler(record)) {
          continue; // a repeat, or a record sent after a higher one: the reader has it
        }
        aheadRecord = record;
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
    if (lastId == null || Ids.ascending(lastId, record.id())) {
      lastId = record.id();
    }
    remaining--;
    return record;
  }

  /**
   * Cancels every page asked for and waits until none is being read (a page on the wire is
   * interrupted). Idempotent.
   */
  @Override
  public void close() {
    boolean interrupted = Thread.interrupted(); // the pages are interrupted: they end soon
    synchronized (this) {
      closed = true;
      cancel(handingOut);
      ahead.forEach(PrefetchingCursor::cancel);
      ahead.clear();
      while (reading > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void cancel(Fetch fetch) {
    if (fetch != null) {
      fetch.page.cancel(true);
    }
  }

  /** The next page's records, taken from the fetch ahead when its cursor was the right one. */
  private Iterator<HubSpotRecord> fetch() {
    String doing = "listing " + objectType + (after == null ? "" : " after cursor " + after);
    Fetch fetch;
    Fetch fresh = null;
    Fetch chained;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the cursor is closed (" + doing + ")");
      }
      fetch = ahead.pollFirst();
      if (fetch == null || !Objects.equals(fetch.cursor, after)) {
        cancel(fetch); // a wrong guess: it and the pages asked for after it are dropped unread
        ahead.forEach(PrefetchingCursor::cancel);
        ahead.clear();
        unclaimed = remaining;
        fetch = claim(after);
        fresh = fetch;
      }
      handingOut = fetch;
      chained = chainAfter(ahead.isEmpty() ? fetch : ahead.peekLast());
    }
    launch(fresh);
    launch(chained);
    Page page = await(fetch, doing);
    turnPage(page.next(), doing);
    return inIdOrder(page.records());
  }

  /** A page's records once read. */
  private Page await(Fetch fetch, String doing) {
    try {
      return fetch.page.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubSpotException(FailureCategory.INTERNAL, "interrupted while " + doing, e);
    } catch (CancellationException e) {
      throw new IllegalStateException("the cursor was closed while " + doing, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
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

  /** A page to ask for at {@code cursor}, its records claimed; guarded by {@code this}. */
  private Fetch claim(String cursor) {
    int limit = (int) Math.min(ObjectsApi.PAGE_SIZE, unclaimed);
    unclaimed -= limit;
    return new Fetch(cursor, limit);
  }

  /**
   * Once {@code last}'s body has named the next cursor, the page to ask for after it, unless the
   * cursor is closed, enough pages are ahead or enough records asked for (null); guarded by {@code
   * this}. The caller launches it once it has let go of the lock.
   */
  private Fetch chainAfter(Fetch last) {
    if (closed
        || last.nextCursor == null
        || last.chained
        || ahead.size() >= pagesAhead
        || unclaimed <= 0) {
      return null;
    }
    last.chained = true;
    Fetch next = claim(last.nextCursor);
    ahead.addLast(next);
    return next;
  }

  private void launch(Fetch fetch) {
    if (fetch != null) {
      executor.execute(fetch.page);
    }
  }

  /** A body arrived, naming (or not) the cursor after it: the page after may be asked for. */
  private void arrived(Fetch fetch, String nextCursor) {
    Fetch chained = null;
    synchronized (this) {
      fetch.nextCursor = nextCursor;
      if (fetch == (ahead.isEmpty() ? handingOut : ahead.peekLast())) {
        chained = chainAfter(fetch);
      }
    }
    launch(chained);
  }

  /** Whether a page may be read now: not once the cursor is closed. */
  private synchronized boolean startReading() {
    if (closed) {
      return false;
    }
    reading++;
    return true;
  }

  private synchronized void stopReading() {
    reading--;
    notifyAll();
  }

  /** One page's records, in the listing's order, and the cursor of the page after it. */
  private record Page(List<HubSpotRecord> records, String next) {}

  /**
   * One page on its way: its body, as soon as it arrives, gives the cursor after it (guessed from
   * the tail, checked by the full parse before it is used); then its records are parsed.
   */
  private final class Fetch {
    final String cursor;
    final int limit;
    final FutureTask<Page> page = new FutureTask<>(this::load);

    /** The cursor the body's tail names; guarded by the enclosing cursor. */
    String nextCursor;

    /** Whether the page after was asked for; guarded by the enclosing cursor. */
    boolean chained;

    Fetch(String cursor, int limit) {
      this.cursor = cursor;
      this.limit = limit;
    }

    /** One list page (and its batch read for a wide object), read whole. */
    private Page load() {
      if (!startReading()) {
        throw new CancellationException("the cursor is closed");
      }
      try {
        String doing = "listing " + objectType + (cursor == null ? "" : " after cursor " + cursor);
        ApiResponse response = objects.listPage(objectType, limit, listProperties, cursor, doing);
        arrived(this, NextCursor.peek(response.body()));
        List<HubSpotRecord> listed = new ArrayList<>(limit);
        String next;
        try (RecordPage reader = new RecordPage(response.body(), doing, listColumns)) {
          for (HubSpotRecord record = reader.next(); record != null; record = reader.next()) {
            listed.add(record);
          }
          next = reader.after();
        }
        if (batchColumns != null && !listed.isEmpty()) {
          listed = objects.batchRead(objectType, listed, batchColumns);
        }
        return new Page(listed, next);
      } finally {
        stopReading();
      }
    }
  }

  /** A cursor that keeps giving pages without new records would loop for ever: stop. */
  private void guardProgress() {
    pagesWithoutNewRecords = newRecordOnPage ? 0 : pagesWithoutNewRecords + 1;
    if (pagesWithoutNewRecords >= ObjectsApi.MAX_PAGES_WITHOUT_PROGRESS) {
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
