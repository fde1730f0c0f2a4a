package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * The ids that can match a search, from the {@code hs_object_id} bounds of its filter groups, as
 * ranges of ids; a group without such bounds allows every id. The ranges never leave out a match;
 * other filters still have to be tested per record, unless {@link #onlyIdBounds()}. The store walks
 * the ranges in id order or, through the blocks they touch, in creation order.
 */
final class IdRanges {
  /** Ascending, disjoint, non-adjacent, non-empty {@code [fromId, toId)} ranges. */
  private final List<long[]> ranges;

  private final boolean onlyIdBounds;

  private IdRanges(List<long[]> ranges, boolean onlyIdBounds) {
    this.ranges = ranges;
    this.onlyIdBounds = onlyIdBounds;
  }

  /** The ranges a search body's filter groups allow; the body must have passed parse() already. */
  static IdRanges of(ObjectDef def, JsonNode body) {
    List<JsonNode> groups = SearchFilters.groups(body);
    if (groups.isEmpty()) {
      return new IdRanges(List.of(new long[] {0, Long.MAX_VALUE}), true);
    }
    List<long[]> allowed = new ArrayList<>();
    boolean onlyIdBounds = true;
    for (JsonNode group : groups) {
      long[] range = {0, Long.MAX_VALUE};
      for (JsonNode filter : group.path("filters")) {
        onlyIdBounds &= narrow(def, filter, range);
      }
      if (range[0] < range[1]) {
        allowed.add(range);
      }
    }
    return new IdRanges(merged(allowed), onlyIdBounds);
  }

  /**
   * Narrows {@code range} to the ids an {@code hs_object_id} bound allows; returns false when the
   * filter is not such a bound (so it leaves the range as it is).
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
          atLeast(range, id);
          under(range, above(id));
        }
        case "LT" -> under(range, id(filter, "value"));
        case "LTE" -> under(range, above(id(filter, "value")));
        case "GT" -> atLeast(range, above(id(filter, "value")));
        case "GTE" -> atLeast(range, id(filter, "value"));
        case "BETWEEN" -> {
          atLeast(range, id(filter, "value"));
          under(range, above(id(filter, "highValue")));
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

  /** The id after {@code id}, without overflow. */
  private static long above(long id) {
    return id == Long.MAX_VALUE ? id : id + 1;
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

  /** The records in the ranges that search shows as live at {@code horizon}, counted. */
  long searchableCount(ObjectStore store, long horizon) {
    long count = 0;
    for (long[] r : ranges) {
      count += store.searchableCount(r[0], r[1], horizon);
    }
    return count;
  }

  /** The indices of the records in the ranges, in ascending or descending id order. */
  PrimitiveIterator.OfLong byId(ObjectStore store, boolean descending) {
    return new PrimitiveIterator.OfLong() {
      private int range = -1;
      private PrimitiveIterator.OfLong current;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (range + 1 >= ranges.size()) {
            return false;
          }
          range++;
          long[] r = ranges.get(descending ? ranges.size() - 1 - range : range);
          current = store.byId(r[0], r[1], descending);
        }
        return true;
      }

      @Override
      public long nextLong() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.nextLong();
      }
    };
  }

  /**
   * The indices of the records in the ranges, in ascending or descending creation (index) order:
   * the ranges cover blocks of indices, gathered and merged (one per block the ids touch).
   */
  PrimitiveIterator.OfLong byCreation(ObjectStore store, boolean descending) {
    List<long[]> indices = new ArrayList<>();
    if (ranges.size() == 1 && ranges.get(0)[0] <= 1 && ranges.get(0)[1] == Long.MAX_VALUE) {
      indices.add(new long[] {0, store.size()}); // every id: every index
    } else {
      for (long[] r : ranges) {
        store.indexRanges(r[0], r[1], indices);
      }
    }
    List<long[]> merged = merged(indices);
    return new PrimitiveIterator.OfLong() {
      private int range = -1;
      private long next;
      private long end; // exclusive, in the walking direction

      @Override
      public boolean hasNext() {
        while (next == end) {
          if (range + 1 >= merged.size()) {
            return false;
          }
          range++;
          long[] r = merged.get(descending ? merged.size() - 1 - range : range);
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
