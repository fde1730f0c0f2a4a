package dev.hubspotextract.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The id ranges of one object that several list cursors read at once: the first cursor from the
 * object's lowest id, each other one seeded with {@code after={id}} at the start of its range
 * (HubSpot documents {@code after} as the id of the next record, hubspot-api.md §5; the seed is one
 * below the range, so a range loses nothing whether HubSpot reads it as "from" or "after"). Each id
 * is claimed by exactly one cursor, in ascending order within its range, so together the ranges
 * cover every id once and their files, appended in range order, read as one cursor's file.
 *
 * <p>A seeded cursor is trusted only once its first record shows that HubSpot honoured the seed (an
 * id at or above it); a first record below it, or any failure of a seeded cursor, makes the whole
 * object {@linkplain #fallBack fall back} to the first cursor alone, which then reads to the end:
 * slower, never incomplete. A cursor that finishes its range takes half of the widest range still
 * being read, so the cursors stay busy whatever the ids' spread, as long as that half is likely to
 * hold a list page or more: HubSpot's ids are sparse, so a share narrower than the records seen so
 * far say is worth a request of its own would cost one for a handful of rows. Thread-safe.
 */
final class IdRanges {
  /** What a cursor does with the record it is about to write. */
  enum Claim {
    /** The record is this range's: write it. */
    WRITE,
    /** The record lies beyond this range: the range is read; stop. */
    STOP,
    /** The seed's own record, which belongs to the range below: skip it. */
    SKIP,
    /** The object fell back to the first cursor: drop this range's rows and stop. */
    ABANDON
  }

  /** One cursor's part: ids from {@code start} (inclusive) to {@code end} (exclusive). */
  static final class Range {
    private final long start;
    private long end;
    private long lastClaimed;
    private long firstClaimed = -1;
    private long claimed;
    private boolean trusted;
    private boolean done;

    private Range(long start, long end, boolean trusted) {
      this.start = start;
      this.end = end;
      this.lastClaimed = start - 1;
      this.trusted = trusted;
    }

    /**
     * The {@code after} that starts this range's cursor ({@code null}: the object's start): one
     * below the range, whichever way HubSpot reads it.
     */
    String seed() {
      return start == 0 ? null : String.valueOf(start - 1);
    }

    long start() {
      return start;
    }
  }

  /** Records a share of a range is expected to hold before a cursor of its own is worth it. */
  static final long MIN_RECORDS_TO_SHARE = 200;

  /** Records claimed before their density says how many a share holds; a list page's worth. */
  private static final long RECORDS_FOR_DENSITY = 100;

  private final List<Range> ranges = new ArrayList<>();
  private final long knownTop;
  private boolean fellBack;

  /**
   * @param firstFrom where the first cursor stands (the last id it wrote; 0: none)
   * @param knownTop the highest id the object had when planned (from one search): the ranges are
   *     cut below it, and the last one stays open above it for records created since
   * @param cursors how many ranges to cut at first
   */
  IdRanges(long firstFrom, long knownTop, int cursors) {
    this.knownTop = knownTop;
    long width = Math.max(1, (knownTop - firstFrom) / cursors);
    long end = firstFrom + width + 1;
    Range first = new Range(0, cursors > 1 && end <= knownTop ? end : Long.MAX_VALUE, true);
    first.lastClaimed = firstFrom; // written before the split: a share of it starts above
    ranges.add(first);
    for (int i = 1; i < cursors && end <= knownTop; i++) {
      long next = i == cursors - 1 ? Long.MAX_VALUE : end + width;
      ranges.add(new Range(end, next > knownTop ? Long.MAX_VALUE : next, false));
      end = next;
    }
  }

  /** A range an earlier run of this object saved: where it starts, how far it got, its end. */
  record Saved(long start, long lastId, long end, boolean done) {}

  /**
   * The ranges of a resumed object, as an earlier run left them: each continues from where it got
   * (a done one is not read again), ends where it ended or where the next one starts, and any ids
   * no saved range covers (a share split off just before the kill, and not saved) get a range of
   * their own, seeded afresh.
   */
  static IdRanges resumed(long firstFrom, long knownTop, List<Saved> saved) {
    IdRanges ranges = new IdRanges(firstFrom, knownTop, 1);
    List<Saved> sorted = saved.stream().sorted(Comparator.comparingLong(Saved::start)).toList();
    for (int i = 0; i < sorted.size(); i++) {
      Saved range = sorted.get(i);
      long next = i + 1 < sorted.size() ? sorted.get(i + 1).start() : Long.MAX_VALUE;
      long end = range.end() == 0 ? next : Math.min(range.end(), next);
      Range resumed = new Range(range.start(), end, true);
      resumed.lastClaimed = Math.max(range.start() - 1, range.lastId());
      resumed.done = range.done();
      ranges.ranges.add(resumed);
      if (end < next) {
        ranges.ranges.add(new Range(end, next, false));
      }
    }
    ranges.ranges.get(0).end = sorted.isEmpty() ? Long.MAX_VALUE : sorted.get(0).start();
    return ranges;
  }

  /** The ranges after the first whose cursors are still to read them. */
  synchronized List<Range> unread() {
    return ranges.stream().skip(1).filter(range -> !range.done).toList();
  }

  /** Where a range ends now (a split moves it down); {@link Long#MAX_VALUE}: open. */
  synchronized long endOf(Range range) {
    return range.end;
  }

  /** The last id a range's cursor wrote ({@code start - 1}: none yet). */
  synchronized long lastClaimed(Range range) {
    return range.lastClaimed;
  }

  /** The first cursor's range. */
  synchronized Range first() {
    return ranges.get(0);
  }

  /** The ranges after the first, in id order: the order their rows follow the first's. */
  synchronized List<Range> others() {
    return List.copyOf(ranges.subList(1, ranges.size()));
  }

  /** A cursor's claim on the next record of its range, in ascending order. */
  synchronized Claim claim(Range range, long id) {
    if (range != ranges.get(0) && fellBack) {
      return Claim.ABANDON;
    }
    if (!range.trusted) {
      if (id == range.start - 1) {
        return Claim.SKIP; // HubSpot read the seed as "from": its record is the range below's
      }
      if (id < range.start) { // HubSpot did not start where it was asked: seeds are not safe
        fallBack();
        return Claim.ABANDON;
      }
      range.trusted = true;
      notifyAll();
    }
    if (id >= range.end) {
      return Claim.STOP;
    }
    range.lastClaimed = Math.max(range.lastClaimed, id);
    if (range.firstClaimed < 0) {
      range.firstClaimed = id;
    }
    range.claimed++;
    return Claim.WRITE;
  }

  /**
   * A seeded cursor read its range to the end (its list ran out, or it reached the range's end): an
   * empty range counts as honoured.
   */
  synchronized void finished(Range range) {
    range.trusted = true;
    range.done = true;
    notifyAll();
  }

  /**
   * Takes the upper half of the widest range whose cursor is still reading, for a cursor that has
   * finished its own; empty when no range is wide enough to share or the object fell back.
   */
  synchronized Optional<Range> split() {
    if (fellBack) {
      return Optional.empty();
    }
    Optional<Range> widest =
        ranges.stream()
            .filter(range -> !range.done && range.trusted)
            .max(Comparator.comparingLong(this::unreadWidth));
    if (widest.isEmpty() || unreadWidth(widest.get()) < 2) {
      return Optional.empty();
    }
    double density = recordsPerId();
    if (density > 0 && unreadWidth(widest.get()) * density < MIN_RECORDS_TO_SHARE) {
      return Optional.empty(); // the rest is the cursors' own: a share would hold a handful
    }
    Range shared = widest.get();
    long from = shared.lastClaimed + 1;
    long mid = from + unreadWidth(shared) / 2;
    Range upper = new Range(mid, shared.end, false);
    shared.end = mid;
    ranges.add(ranges.indexOf(shared) + 1, upper);
    return Optional.of(upper);
  }

  /**
   * Records per id between the first and last id each cursor wrote, once enough were written to
   * say; 0 until then.
   */
  private double recordsPerId() {
    long records = 0;
    long span = 0;
    for (Range range : ranges) {
      if (range.claimed > 0) {
        records += range.claimed;
        span += range.lastClaimed - range.firstClaimed + 1;
      }
    }
    return records < RECORDS_FOR_DENSITY ? 0 : (double) records / span;
  }

  /** Ids not yet read in a range, counting an open top as ending at the known top. */
  private long unreadWidth(Range range) {
    long end = range.end == Long.MAX_VALUE ? knownTop + 1 : range.end;
    return Math.max(0, end - (range.lastClaimed + 1));
  }

  /** The first cursor reads everything from where it stands; the other ranges are dropped. */
  synchronized void fallBack() {
    fellBack = true;
    ranges.get(0).end = Long.MAX_VALUE;
    ranges.get(0).done = false;
    notifyAll();
  }

  synchronized boolean fellBack() {
    return fellBack;
  }

  /**
   * Called by the first cursor when it reached the end of its range: waits until every other range
   * is read (true: the object is complete) or the object fell back (false: read on).
   */
  synchronized boolean awaitOthers(RunControl control) throws InterruptedException {
    Range first = ranges.get(0);
    first.done = true; // its cursor is waiting: split() must not share what it will not read
    while (!fellBack && ranges.stream().anyMatch(range -> !range.done)) {
      wait(200);
      control.checkNotAborted(); // a failure elsewhere ended the run
    }
    first.done = !fellBack;
    return !fellBack;
  }
}
