package dev.hubspotextract.extract;

/**
 * Named points where a test makes a sync die as {@code kill -9} would ({@link Runtime#halt}: no
 * finally block, no shutdown hook), to show that the same sync run again ends where one run would.
 * Chosen by the system property {@value #PROPERTY}, which nothing sets in normal use; the check is
 * one property read at a handful of places per sync.
 */
public enum KillPoint {
  /** An object's merged file begun: the rows before the old file's 100th written and flushed. */
  AFTER_A_FLUSH("after-a-flush"),
  /** An object's merged file begun: the rows before the old file's 100th written, not flushed. */
  IN_A_MERGE("in-a-merge"),
  /** One new file moved over its old one, the manifest not yet written. */
  BETWEEN_A_RENAME_AND_THE_MANIFEST("between-a-rename-and-the-manifest"),
  /**
   * One file converted from a CSV base moved over its old one in the folder, the folder's manifest
   * not yet written.
   */
  IN_A_CONVERSION("in-a-conversion");

  static final String PROPERTY = "hubspot-extract.kill-at";

  /** The exit status of a process killed by SIGKILL, as a shell reports it. */
  static final int KILLED = 137;

  private final String label;

  KillPoint(String label) {
    this.label = label;
  }

  /** Dies here if the property names this point. */
  public void reached() {
    if (label.equals(System.getProperty(PROPERTY))) {
      Runtime.getRuntime().halt(KILLED);
    }
  }
}
