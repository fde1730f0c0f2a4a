package dev.hubspotextract.extract;

import java.util.concurrent.ExecutorService;

/**
 * How an object that needs more than one list page is read faster than one cursor: by {@code
 * cursors} list cursors on ranges of its ids ({@link RangeCursors}, the default; 1 turns it off),
 * or, opted into, by a search walk down from the top ({@link TopWalk}), which leans on search
 * showing every record (HubSpot's search lags writes).
 *
 * @param pool where the seeded cursors and the search walk run: the run's, which shuts it down
 */
record LargeObjectReads(int cursors, boolean searchWalk, ExecutorService pool) {
  LargeObjectReads {
    if (cursors < 1) {
      throw new IllegalArgumentException("cursors must be at least 1, got " + cursors);
    }
  }
}
