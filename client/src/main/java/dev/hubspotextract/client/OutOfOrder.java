package dev.hubspotextract.client;

/**
 * Where a list cursor reports what HubSpot sent out of id order. HubSpot lists objects by id,
 * ascending in practice, but does not promise it (hubspot-api.md §17): a cursor hands out each page
 * sorted by id, and a record whose id is not above one it has already handed out (a repeat, or one
 * sent a page late) comes here instead of into the stream, whose ids must ascend for a reader to
 * know where it stands. Called on the thread that reads the stream, before the {@code pageDone} of
 * the page concerned.
 */
public interface OutOfOrder {
  /**
   * {@code records} of the page about to be handed out came with an id not above one that came
   * before them on this cursor.
   */
  void arrived(int records);

  /** A record whose id is not above one already handed out: the reader keeps it, or has it. */
  void straggler(HubSpotRecord record);

  /** Counts nothing and leaves stragglers out: for a reader that needs ascending ids alone. */
  OutOfOrder LEFT_OUT =
      new OutOfOrder() {
        @Override
        public void arrived(int records) {}

        @Override
        public void straggler(HubSpotRecord record) {}
      };
}
