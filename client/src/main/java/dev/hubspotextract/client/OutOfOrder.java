package dev.hubspotextract.client;

/**
 * Where a list cursor reports what HubSpot sent out of id order. HubSpot lists objects by id,
 * ascending in practice, but does not promise it (hubspot-api.md §17): a cursor hands out each page
 * sorted by id, and a record whose id is not above one it has already handed out (a repeat, or one
 * sent a page late) comes here; the reader takes it, or leaves it in the stream where it came.
 * Called on the thread that reads the stream, before the {@code pageDone} of the page concerned.
 */
public interface OutOfOrder {
  /**
   * {@code records} of the page about to be handed out came with an id not above one that came
   * before them on this cursor.
   */
  void arrived(int records);

  /**
   * A record whose id is not above one already handed out.
   *
   * @return whether the reader took it (then the stream leaves it out); if not, the stream hands it
   *     out where it came, below ids already handed out
   */
  boolean straggler(HubSpotRecord record);

  /** Counts nothing and leaves every record in the stream, late or repeated as it came. */
  OutOfOrder HANDED_OUT =
      new OutOfOrder() {
        @Override
        public void arrived(int records) {}

        @Override
        public boolean straggler(HubSpotRecord record) {
          return false;
        }
      };
}
