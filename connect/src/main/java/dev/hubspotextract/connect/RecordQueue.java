package dev.hubspotextract.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records the worker thread has read and {@code poll()} has not yet handed to Connect: bounded,
 * so a slow Kafka slows the reads instead of filling the heap. The worker puts, Connect's task
 * thread takes; once {@link #stop}ped, a put waiting for room ends within {@link #RECHECK} even if
 * a library on the worker swallowed the interrupt that should have ended it.
 */
final class RecordQueue {
  /** Thrown on the worker thread when it is interrupted while waiting for room: the task stops. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("the task is stopping", null, false, false);
    }
  }

  /** How often a put waiting for room looks whether the task is stopping. */
  static final Duration RECHECK = Duration.ofMillis(200);

  private final BlockingQueue<SourceRecord> records;
  private volatile boolean stopped;

  RecordQueue(int capacity) {
    this.records = new ArrayBlockingQueue<>(capacity);
  }

  /** Queues a record, waiting for room; throws {@link Stopped} once the task stops. */
  void put(SourceRecord record) {
    try {
      while (!records.offer(record, RECHECK.toMillis(), TimeUnit.MILLISECONDS)) {
        if (stopped) {
          throw new Stopped();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }

  /** No put waits any longer: the task is stopping and nobody takes. */
  void stop() {
    stopped = true;
  }

  /** Up to {@code max} records, waiting at most {@code wait} for the first; empty if none came. */
  List<SourceRecord> take(int max, Duration wait) throws InterruptedException {
    List<SourceRecord> taken = new ArrayList<>();
    SourceRecord first = records.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (first == null) {
      return taken;
    }
    taken.add(first);
    records.drainTo(taken, max - 1);
    return taken;
  }

  boolean isEmpty() {
    return records.isEmpty();
  }
}
