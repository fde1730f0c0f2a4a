package dev.hubspotextract.extract;

/**
 * Where two walks over one object's ids meet: the list cursor climbing from the lowest id and a
 * search walking down from the highest. Each id is claimed by exactly one of them: a walk claims
 * ids in its own order until it reaches one the other has claimed, so together they cover every id
 * once, however their speeds compare.
 */
final class MeetingPoint {
  private long highestFromBelow;
  private long lowestFromAbove = Long.MAX_VALUE;

  /**
   * @param highestFromBelow the last id the list wrote before a resumed run (0: none)
   */
  MeetingPoint(long highestFromBelow) {
    this.highestFromBelow = highestFromBelow;
  }

  /** The list's claim on its next id (ascending): false once the search has claimed it. */
  synchronized boolean claimFromBelow(long id) {
    if (id >= lowestFromAbove) {
      return false;
    }
    highestFromBelow = Math.max(highestFromBelow, id);
    return true;
  }

  /** The search's claim on its next id (descending): false once the list has claimed it. */
  synchronized boolean claimFromAbove(long id) {
    if (id <= highestFromBelow) {
      return false;
    }
    lowestFromAbove = Math.min(lowestFromAbove, id);
    return true;
  }

  /** A record id as a number: HubSpot's ids are strings of digits (hubspot-api.md §3). */
  static long idOf(String id) {
    return RecordIds.parse(id);
  }
}
