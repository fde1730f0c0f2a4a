package dev.hubspotextract.extract;

/**
 * How a pull may read an object that needs more than one list page, as asked; the plan decides each
 * object's {@link ReadMode} from it.
 *
 * @param cursors list cursors on one large object, each on a range of its ids (1: one cursor)
 * @param searchWalk whether large objects are walked down from the top by search instead ({@link
 *     TopWalk}: search lags writes, so it is opted into)
 */
public record ReadOptions(int cursors, boolean searchWalk) {
  /** List cursors on one large object: with two more pages in flight each, a tier's budget. */
  public static final int DEFAULT_CURSORS = 4;

  /** The most list cursors on one object: more only share the same budget among more threads. */
  public static final int MAX_CURSORS = 16;

  public static final ReadOptions DEFAULT = new ReadOptions(DEFAULT_CURSORS, false);

  public ReadOptions {
    if (cursors < 1 || cursors > MAX_CURSORS) {
      throw new IllegalArgumentException(
          "cursors must be between 1 and " + MAX_CURSORS + ", got " + cursors);
    }
  }
}
