package dev.hubspotextract.extract;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The name a mistyped one most likely meant. Short names must be one edit away, longer ones two, so
 * a name that is merely different (a real custom object, say {@code leads}) is not taken for a
 * typo.
 */
public final class Spelling {
  private Spelling() {}

  /**
   * The candidate closest to {@code typed} within its allowed edits, ignoring case; ties: first.
   */
  public static Optional<String> closest(String typed, Collection<String> candidates) {
    String key = typed.trim().toLowerCase(Locale.ROOT);
    int allowed = key.length() <= 6 ? 1 : 2;
    String best = null;
    int bestDistance = allowed + 1;
    for (String candidate : candidates) {
      int distance = distance(key, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  // Levenshtein distance; a dozen lines do not justify a dependency
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
