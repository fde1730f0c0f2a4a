package dev.hubspotextract.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Batch reads of ids, a few at once on the run's pool, handed back in the ids' order: a task
 * ({@link AssociationTask}, {@link HistoryTask}) writes one batch while the next are read, and its
 * file stays in id order. Closing it cancels the reads a stopped task left.
 *
 * @param <T> what one batch read comes to
 */
final class ReadAhead<T> implements AutoCloseable {
  /** A batch read: how many ids it held, the last one (a checkpoint's place), what was read. */
  record Batch<T>(int ids, String lastId, T read) {}

  private record Pending<T>(int ids, String lastId, CompletableFuture<T> read) {}

  private final Iterator<String> ids;
  private final int batchSize;
  private final int atOnce;
  private final Function<List<String>, T> read;
  private final ExecutorService readers;
  private final RunControl control;
  private final Deque<Pending<T>> inFlight = new ArrayDeque<>();

  /**
   * @param batchSize the most ids one read takes (HubSpot's limit for the endpoint)
   * @param atOnce the batches read at once
   * @param read one batch's read, run on {@code readers}
   */
  ReadAhead(
      Iterator<String> ids,
      int batchSize,
      int atOnce,
      Function<List<String>, T> read,
      ExecutorService readers,
      RunControl control) {
    this.ids = ids;
    this.batchSize = batchSize;
    this.atOnce = atOnce;
    this.read = read;
    this.readers = readers;
    this.control = control;
  }

  boolean hasNext() {
    return ids.hasNext() || !inFlight.isEmpty();
  }

  /**
   * The next batch in order, once read, the reads after it started; a failed read's exception is
   * thrown as it was.
   */
  Batch<T> next() {
    while (inFlight.size() < atOnce && ids.hasNext()) {
      List<String> batch = new ArrayList<>(batchSize);
      while (batch.size() < batchSize && ids.hasNext()) {
        batch.add(ids.next());
      }
      inFlight.add(
          new Pending<>(
              batch.size(),
              batch.get(batch.size() - 1),
              CompletableFuture.supplyAsync(() -> read.apply(batch), readers)));
    }
    control.checkNotAborted();
    Pending<T> next = inFlight.poll();
    return new Batch<>(next.ids(), next.lastId(), joined(next.read()));
  }

  /**
   * Cancels the reads not handed back yet: none once every batch was, some when the task stopped.
   */
  @Override
  public void close() {
    inFlight.forEach(pending -> pending.read().cancel(false));
  }

  private static <T> T joined(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
