package dev.hubspotextract.extract;

/**
 * Hears about a run as it goes; called from task threads, so implementations must be thread-safe.
 */
public interface StatusListener {
  /** One object or association file finished (completed or failed). */
  void taskFinished(TaskResult result);

  /** Some more rows were written (for a progress bar). */
  default void rowsWritten(long rows) {}

  StatusListener NONE = result -> {};
}
