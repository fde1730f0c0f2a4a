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
 * @param checksum the CRC32C of the first {@code bytes} bytes of the file: a file that no longer
 *     holds them (damaged, or written by another program) is started over, not continued
 */
public record Checkpoint(
    String cursor,
    long position,
    long bytes,
    long rows,
    boolean complete,
    long end,
    long checksum) {
  public Checkpoint {
    if (position < 0 || bytes < 0 || rows < 0 || end < 0) {
      throw new IllegalArgumentException("a checkpoint counts from 0: " + this);
    }
  }

  /** A checkpoint whose checksum is filled in when it is saved ({@link #at}). */
  public Checkpoint(
      String cursor, long position, long bytes, long rows, boolean complete, long end) {
    this(cursor, position, bytes, rows, complete, end, 0);
  }

  /** A checkpoint of a task that is not an id range. */
  public Checkpoint(String cursor, long position, long bytes, long rows, boolean complete) {
    this(cursor, position, bytes, rows, complete, 0);
  }

  /** The same point, with the length of its file there and the checksum of those bytes. */
  Checkpoint at(long fileBytes, long fileChecksum) {
    return new Checkpoint(cursor, position, fileBytes, rows, complete, end, fileChecksum);
  }
}
