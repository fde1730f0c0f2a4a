package dev.hubspotextract.extract;

/**
 * How far one task got, saved after its sink flushed: the rows in the first {@code bytes} bytes of
 * its partial file, and where to go on from.
 *
 * @param cursor the list cursor of the next page (object tasks; null: the first page); the last
 *     from-id whose associations are all written (association tasks), where a resumed run goes on
 *     from
 * @param position from-ids whose associations are all written (association tasks); the last id the
 *     list wrote (object tasks and id ranges), where a resumed run's search walk stops
 * @param bytes length of the partial file holding exactly {@code rows} rows and the header
 * @param rows records or association rows written
 * @param complete whether the task finished (its file is, or is about to be, renamed into place)
 * @param end where an id range of a large object ends (exclusive; 0: not a range, or open)
 */
public record Checkpoint(
    String cursor, long position, long bytes, long rows, boolean complete, long end) {
  public Checkpoint {
    if (position < 0 || bytes < 0 || rows < 0 || end < 0) {
      throw new IllegalArgumentException("a checkpoint counts from 0: " + this);
    }
  }

  /** A checkpoint of a task that is not an id range. */
  public Checkpoint(String cursor, long position, long bytes, long rows, boolean complete) {
    this(cursor, position, bytes, rows, complete, 0);
  }
}
