package dev.hubspotextract.sandbox;

/**
 * SplitMix64-style mixing: every generated value is a pure function of (seed, object, index, …).
 */
final class Hashing {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Hashing() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long hash(long seed, long a, long b) {
    return mix(mix(seed * GOLDEN + a) + b * GOLDEN);
  }

  static long hash(long seed, long a, long b, long c) {
    return mix(hash(seed, a, b) + c * GOLDEN);
  }

  /**
   * A value in [0, bound) from the hash's low 32 bits, by multiply-shift (Lemire) rather than a
   * division, which costs more than everything else on the serving path.
   */
  static int below(long hash, int bound) {
    return (int) (((hash & 0xFFFF_FFFFL) * bound) >>> 32);
  }

  static long belowLong(long hash, long bound) {
    return Long.remainderUnsigned(hash, bound);
  }
}
