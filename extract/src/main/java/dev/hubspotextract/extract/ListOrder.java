package dev.hubspotextract.extract;

/**
 * How far one object's list strayed from ascending ids (HubSpot lists by id, but does not promise
 * it): the file is in id order, each id once, either way. For an association file, how far the live
 * list of its from-object (one not pulled) strayed: each from-id is read once, in id order.
 *
 * @param idsOutOfOrder records that came back with an id not above one before them on their cursor
 * @param duplicateIdsDropped records left out of the file because a record with their id was there
 */
public record ListOrder(long idsOutOfOrder, long duplicateIdsDropped) {
  /**
   * A list in id order (and every association file whose from-ids come from a file or the user).
   */
  public static final ListOrder IN_ORDER = new ListOrder(0, 0);

  public boolean inOrder() {
    return idsOutOfOrder == 0 && duplicateIdsDropped == 0;
  }
}
