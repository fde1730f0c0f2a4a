package dev.hubspotextract.extract;

import java.time.Instant;
import java.util.Map;

/**
 * How one object or association file went.
 *
 * @param rows records written (objects) or association rows (pairs)
 * @param requests API calls the task made (retries not counted)
 * @param failure why it failed, or null when it completed
 * @param listOrder how far a completed object's list (or a pair's from-object's live list) strayed
 *     from id order
 * @param decimals how a completed object's number columns fit a DECIMAL, by column name
 * @param mark HubSpot's time when a completed object's read began, the point a later sync looks for
 *     changes from; null when it is not known (no answer was dated, or the read was resumed)
 */
public record TaskResult(
    String name,
    boolean association,
    long rows,
    long requests,
    double seconds,
    TaskFailure failure,
    ListOrder listOrder,
    Map<String, DecimalFit> decimals,
    Instant mark) {
  public TaskResult {
    decimals = Map.copyOf(decimals);
  }

  /** A result with nothing measured: an association file, or a task that did not complete. */
  public TaskResult(
      String name,
      boolean association,
      long rows,
      long requests,
      double seconds,
      TaskFailure failure) {
    this(name, association, rows, requests, seconds, failure, ListOrder.IN_ORDER, Map.of(), null);
  }

  public boolean completed() {
    return failure == null;
  }

  /** The same result, with what its file's number columns hold and when its read began. */
  TaskResult withFile(Map<String, DecimalFit> measured, Instant readFrom) {
    return new TaskResult(
        name, association, rows, requests, seconds, failure, listOrder, measured, readFrom);
  }
}
