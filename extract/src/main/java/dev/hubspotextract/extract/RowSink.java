package dev.hubspotextract.extract;

import java.io.IOException;

/**
 * Where one task's rows go. Lifecycle: {@link #write} rows, then exactly one of {@link #complete}
 * (the file appears under its final name) or {@link #abandon} (nothing is left behind). Not
 * thread-safe: one task writes one sink.
 */
public interface RowSink extends AutoCloseable {
  /** Writes one row; null fields become empty ones. */
  void write(String... fields);

  /** Flushes, closes and renames the file into place. */
  void complete() throws IOException;

  /** Closes and deletes the partial file (and any stale complete one). */
  void abandon();

  /** Abandons the sink unless it was completed. */
  @Override
  void close();
}
