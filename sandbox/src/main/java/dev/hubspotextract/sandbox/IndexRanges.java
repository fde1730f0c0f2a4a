package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * The record indices that can match a search, from the {@code hs_object_id} bounds of its filter
 * groups: ids are {@code idBase + index + 1}, so bounds on the id are bounds on the index. A group
 * without such bounds allows every index. The ranges never leave out a match; other filters still
 * have to be tested per record, unless {@link #onlyIdBounds()}.
 */
final class IndexRanges {
  /** Ascending, disjoint, non-adjacent, non-empty {@code [from, to)} ranges. */
  private final List<long[]> ranges;

  private final boolean onlyIdBounds;

  private IndexRanges(List<long[]> ranges, boolean onlyIdBounds) {
    this.ranges = ranges;
    this.onlyIdBounds = onlyIdBounds;
  }

  /**
   * The ranges a search body's filter groups allow among a store's first {@code size} records; the
   * body must have passed {@link SearchFilters#parse} already.
   */
  static IndexRanges of(ObjectDef def, JsonNode body, long size) {
    List<JsonNode> groups = SearchFilters.groups(body);
    if (groups.isEmpty()) {
      return new IndexRanges(size > 0 ? List.of(new long[] {0, size}) : List.of(), true);
    }
    List<long[]> allowed = new ArrayList<>();
    boolean onlyIdBounds = true;
    for (JsonNode group : groups) {
      long[] range = {0, size};
      for (JsonNode filter : group.path("filters")) {
        onlyIdBounds &= narrow(def, filter, range);
      }
      if (range[0] < range[1]) {
        allowed.add(range);
      }
    }
    return new IndexRanges(merged(allowed), onlyIdBounds);
  }

  /**
   * Narrows {@code range} to the indices an {@code hs_object_id} bound allows; returns false when
   * the filter is not such a bound (so it leaves the range as it is).
   */
  private static boolean narrow(ObjectDef def, JsonNode filter, long[] range) {
    PropertyDef p = def.property(filter.path("propertyName").asText(""));
    if (p == null || p.kind != PropertyDef.Kind.ID) {
      return false;
    }
    try {
      switch (SearchFilters.operator(filter)) {
        case "EQ" -> {
          long id = id(filter, "value");
          atLeast(range, below(def, id));
          under(range, atMost(def, id));
        }
        case "LT" -> under(range, below(def, id(filter, "value")));
        case "LTE" -> under(range, atMost(def, id(filter, "value")));
        case "GT" -> atLeast(range, atMost(def, id(filter, "value")));
        case "GTE" -> atLeast(range, below(def, id(filter, "value")));
        case "BETWEEN" -> {
          atLeast(range, below(def, id(filter, "value")));
          under(range, atMost(def, id(filter, "highValue")));
        }
        default -> {
          return false;
        }
      }
      return true;
    } catch (NumberFormatException e) {
      return false; // parse() refuses such a value; never narrow on what it would not accept
    }
  }

  private static long id(JsonNode filter, String field) {
    return Long.parseLong(filter.path(field).asText().trim());
  }

  /** How many indices have an id below {@code id} (written so that no id overflows). */
  private static long below(ObjectDef def, long id) {
    return id <= def.idBase + 1 ? 0 : id - def.idBase - 1;
  }

  /** How many indices have an id of at most {@code id}. */
  private static long atMost(ObjectDef def, long id) {
    return id <= def.idBase ? 0 : id - def.idBase;
  }

  private static void atLeast(long[] range, long from) {
    range[0] = Math.max(range[0], from);
  }

  private static void under(long[] range, long to) {
    range[1] = Math.min(range[1], to);
  }

  private static List<long[]> merged(List<long[]> ranges) {
    ranges.sort(Comparator.comparingLong((long[] r) -> r[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] r : ranges) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r[0] <= last[1]) {
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.add(r.clone());
      }
    }
    return merged;
  }

  /**
   * True when every filter is an {@code hs_object_id} bound, so every live record in the ranges
   * matches.
   */
  boolean onlyIdBounds() {
    return onlyIdBounds;
  }

  /** The live records in the ranges, counted without generating them. */
  long liveCount(ObjectStore store) {
    long count = 0;
    for (long[] r : ranges) {
      count += store.liveCount(r[0], r[1]);
    }
    return count;
  }

  /** Every index in the ranges, ascending or descending. */
  PrimitiveIterator.OfLong indices(boolean descending) {
    return new PrimitiveIterator.OfLong() {
      private int range = -1;
      private long next;
      private long end; // exclusive, in the walking direction

      @Override
      public boolean hasNext() {
        while (next == end) {
          if (range + 1 >= ranges.size()) {
            return false;
          }
          range++;
          long[] r = ranges.get(descending ? ranges.size() - 1 - range : range);
          next = descending ? r[1] - 1 : r[0];
          end = descending ? r[0] - 1 : r[1];
        }
        return true;
      }

      @Override
      public long nextLong() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long index = next;
        next += descending ? -1 : 1;
        return index;
      }
    };
  }
}
