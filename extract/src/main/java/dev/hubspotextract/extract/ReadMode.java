package dev.hubspotextract.extract;

import dev.hubspotextract.client.RecordFetch;
import java.util.Objects;

/**
 * How one object's records are read, decided in planning so that a dry run shows it and the run
 * follows it: which readers walk its ids, and how their list pages get the properties ({@link
 * #fetch}). Every mode starts with one list cursor from the lowest id; the others add readers once
 * the first page shows the object needs more than one.
 */
public sealed interface ReadMode {
  /** One list cursor reads every record (a record limit, or one cursor asked for). */
  record OneCursor(RecordFetch fetch) implements ReadMode {
    public OneCursor {
      Objects.requireNonNull(fetch, "fetch is null");
    }

    @Override
    public String describe() {
      return "1 list cursor" + fetchText(fetch);
    }
  }

  /** Past the first page, up to {@code cursors} list cursors, each on a range of the ids. */
  record SplitCursors(int cursors, RecordFetch fetch) implements ReadMode {
    public SplitCursors {
      if (cursors < 2) {
        throw new IllegalArgumentException("a split takes 2 cursors or more, got " + cursors);
      }
      Objects.requireNonNull(fetch, "fetch is null");
    }

    @Override
    public String describe() {
      return cursors + " list cursors on id ranges past the first page" + fetchText(fetch);
    }
  }

  /**
   * Past the first page, a search walk down from the top meets the list cursor ({@link TopWalk}).
   * The walk's searches carry the properties in their bodies whatever {@code fetch} says; it is the
   * list cursor's.
   */
  record SearchWalk(RecordFetch fetch) implements ReadMode {
    public SearchWalk {
      Objects.requireNonNull(fetch, "fetch is null");
    }

    @Override
    public String describe() {
      return "1 list cursor up, a search walk down from the top past the first page"
          + fetchText(fetch);
    }
  }

  /** How the list cursors' pages get the records' properties. */
  RecordFetch fetch();

  /** The mode as a dry run prints it. */
  String describe();

  /**
   * The mode of an object read whole or up to a limit, its list pages fetched as {@code fetch}
   * says: a limited read stops after a few pages, so only a whole one is worth more readers.
   */
  static ReadMode of(ReadOptions reads, boolean limited, RecordFetch fetch) {
    if (limited) {
      return new OneCursor(fetch);
    }
    if (reads.searchWalk()) {
      return new SearchWalk(fetch);
    }
    return reads.cursors() > 1 ? new SplitCursors(reads.cursors(), fetch) : new OneCursor(fetch);
  }

  /** How records are fetched, as the dry run's read line ends. */
  private static String fetchText(RecordFetch fetch) {
    return switch (fetch) {
      case LIST_WITH_PROPERTIES -> "; records listed with their properties";
      case LIST_IDS_THEN_BATCH_READ ->
          "; ids listed, then batch read (too many properties for a GET)";
    };
  }
}
