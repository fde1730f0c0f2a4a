package dev.hubspotextract.extract;

/**
 * How one object's records are read, decided in planning so that a dry run shows it and the run
 * follows it. Every mode starts with one list cursor from the lowest id; the others add readers
 * once the first page shows the object needs more than one.
 */
public sealed interface ReadMode {
  /** One list cursor reads every record (a record limit, or one cursor asked for). */
  record OneCursor() implements ReadMode {
    @Override
    public String describe() {
      return "1 list cursor";
    }
  }

  /** Past the first page, up to {@code cursors} list cursors, each on a range of the ids. */
  record SplitCursors(int cursors) implements ReadMode {
    public SplitCursors {
      if (cursors < 2) {
        throw new IllegalArgumentException("a split takes 2 cursors or more, got " + cursors);
      }
    }

    @Override
    public String describe() {
      return cursors + " list cursors on id ranges past the first page";
    }
  }

  /**
   * Past the first page, a search walk down from the top meets the list cursor ({@link TopWalk}).
   */
  record SearchWalk() implements ReadMode {
    @Override
    public String describe() {
      return "1 list cursor up, a search walk down from the top past the first page";
    }
  }

  /** The mode as a dry run prints it. */
  String describe();

  /**
   * The mode of an object read whole or up to a limit: a limited read stops after a few pages, so
   * only a whole one is worth more readers.
   */
  static ReadMode of(ReadOptions reads, boolean limited) {
    if (limited) {
      return new OneCursor();
    }
    if (reads.searchWalk()) {
      return new SearchWalk();
    }
    return reads.cursors() > 1 ? new SplitCursors(reads.cursors()) : new OneCursor();
  }
}
