package dev.hubspotextract.extract;

import java.util.Map;

/**
 * Hears about a run as it goes; called from task threads, so implementations must be thread-safe.
 */
public interface StatusListener {
  /** One object or association file finished (completed or failed). */
  void taskFinished(TaskResult result);

  /** One reference table was written, skipped for a missing scope, or failed. */
  default void referenceFinished(ReferenceResult result) {}

  /** Some more records of objects were written (for a progress bar). */
  default void rowsWritten(long rows) {}

  /** Some more rows of association files were written. */
  default void associationRowsWritten(long rows) {}

  /**
   * An object's file (or one of its ranges) held this many records already when its task started: a
   * run that stopped wrote them, and this one goes on from there.
   */
  default void recordsResumed(String object, long records) {}

  /**
   * Search's count of each object's records ({@link TotalEstimates}), by object name: estimates, as
   * search lags writes. Objects search would not count are absent.
   */
  default void recordsExpected(Map<String, Long> records) {}

  StatusListener NONE = result -> {};
}
