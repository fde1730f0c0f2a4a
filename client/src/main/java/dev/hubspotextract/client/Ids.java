package dev.hubspotextract.client;

import java.util.Comparator;

/** Record ids: digit strings that HubSpot pages in ascending numeric order. */
final class Ids {
  private Ids() {}

  /**
   * Digit ids in numeric order, before any other id (which a stable sort leaves in their order):
   * the order {@link #ascending} checks.
   */
  static final Comparator<String> ORDER =
      (a, b) -> {
        boolean digitsA = isDigits(a);
        boolean digitsB = isDigits(b);
        if (digitsA && digitsB) {
          return a.length() != b.length()
              ? Integer.compare(a.length(), b.length())
              : a.compareTo(b);
        }
        return Boolean.compare(!digitsA, !digitsB);
      };

  /**
   * Whether {@code next} comes after {@code previous}: numerically for digit ids (so a page that
   * repeats earlier records is noticed), by inequality for any other id.
   */
  static boolean ascending(String previous, String next) {
    if (isDigits(previous) && isDigits(next)) {
      if (previous.length() != next.length()) {
        return next.length() > previous.length();
      }
      return next.compareTo(previous) > 0;
    }
    return !next.equals(previous);
  }

  private static boolean isDigits(String id) {
    if (id.isEmpty() || id.length() > 1 && id.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
