package dev.hubspotextract.extract;

/**
 * How far one task got, saved after its sink flushed: the rows in the first {@code bytes} bytes of
 * its partial file, and where to go on from.
 *
 * @param cursor the list cursor of the next page (object tasks; null: the first page)
 * @param position from-ids whose associations are all written (association tasks); the last id the
 *     list wrote (object tasks), where a resumed run's search walk stops
 * @param bytes length of the partial file holding exactly {@code rows} rows and the header
 * @param rows records or association rows written
 * @param complete whether the task finished (its file is, or is about to be, renamed into place)
 */
public record Checkpoint(String cursor, long position, long bytes, long rows, boolean complete) {
  public Checkpoint {
    if (position < 0 || bytes < 0 || rows < 0) {
      throw new IllegalArgumentException("a checkpoint counts from 0: " + this);
    }
  }
}
