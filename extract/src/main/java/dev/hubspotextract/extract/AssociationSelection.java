package dev.hubspotextract.extract;

import java.util.List;
import java.util.Objects;

/** Which association files a pull writes. */
public sealed interface AssociationSelection {
  /** The pairs users join ({@link DefaultPairs}), among the objects pulled. */
  record Defaults() implements AssociationSelection {}

  /** No association file. */
  record None() implements AssociationSelection {}

  /** These pairs, in this order; a pair named twice is written once. */
  record Listed(List<Pair> pairs) implements AssociationSelection {
    public Listed {
      pairs = List.copyOf(pairs);
      if (pairs.isEmpty()) {
        throw new IllegalArgumentException("a listed selection needs a pair (or it is None)");
      }
    }
  }

  /**
   * One pair of object names as typed.
   *
   * @param fromIds only the associations of these records of {@code from} (empty: of every one)
   */
  record Pair(String from, String to, List<String> fromIds) {
    public Pair {
      Objects.requireNonNull(from, "from is null");
      Objects.requireNonNull(to, "to is null");
      fromIds = List.copyOf(fromIds);
      for (String id : fromIds) {
        if (!isRecordId(id)) {
          throw new IllegalArgumentException("a record id is digits, got '" + id + "'");
        }
      }
    }

    /** Whether {@code id} is a record id as HubSpot writes them: digits. */
    public static boolean isRecordId(String id) {
      return !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public String toString() {
      return from + ":" + to;
    }
  }
}
