package dev.hubspotextract.sandbox;

import java.util.function.LongPredicate;

/**
 * Which generated records of one object are archived, as a bitset with a running count every 64
 * records: counts the archived records of any index range without generating them, in ~2.5 bits per
 * record (no library offers rank queries over a bitset, and {@link java.util.BitSet} counts a range
 * only by walking it).
 */
final class ArchivedCounts {
  private final long[] words;

  /** {@code before[w]}: archived records in {@code words[0, w)}. */
  private final int[] before;

  ArchivedCounts(long count, LongPredicate archived) {
    int n = Math.toIntExact((count + 63) >>> 6);
    this.words = new long[n];
    this.before = new int[n + 1];
    for (long i = 0; i < count; i++) {
      if (archived.test(i)) {
        words[(int) (i >>> 6)] |= 1L << (i & 63);
      }
    }
    for (int w = 0; w < n; w++) {
      before[w + 1] = before[w] + Long.bitCount(words[w]);
    }
  }

  /** Archived records with an index in {@code [from, to)}; both within the counted records. */
  long count(long from, long to) {
    return from >= to ? 0 : below(to) - below(from);
  }

  private long below(long index) {
    int w = (int) (index >>> 6);
    int bit = (int) (index & 63);
    return bit == 0 ? before[w] : before[w] + Long.bitCount(words[w] & ((1L << bit) - 1));
  }
}
