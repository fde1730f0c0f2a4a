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
 * thread takes.
 */
final class RecordQueue {
  /** Thrown on the worker thread when it is interrupted while waiting for room: the task stops. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("the task is stopping", null, false, false);
    }
  }

  private final BlockingQueue<SourceRecord> records;

  RecordQueue(int capacity) {
    this.records = new ArrayBlockingQueue<>(capacity);
  }

  void put(SourceRecord record) {
    try {
      records.put(record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
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
