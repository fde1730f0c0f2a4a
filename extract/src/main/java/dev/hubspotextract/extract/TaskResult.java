package dev.hubspotextract.extract;

/**
 * How one object or association file went.
 *
 * @param rows records written (objects) or association rows (pairs)
 * @param requests API calls the task made (retries not counted)
 * @param failure why it failed, or null when it completed
 * @param listOrder how far a completed object's list strayed from id order
 */
public record TaskResult(
    String name,
    boolean association,
    long rows,
    long requests,
    double seconds,
    TaskFailure failure,
    ListOrder listOrder) {
  public boolean completed() {
    return failure == null;
  }
}
