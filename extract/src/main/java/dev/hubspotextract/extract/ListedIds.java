package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotRecord;
import dev.hubspotextract.client.OutOfOrder;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The ids of an object that is not being pulled, from its live list, for the association pairs that
 * start at it. HubSpot lists by id but does not promise it (hubspot-api.md §17), and a record it
 * sends a page late cannot be told from a repeat without every id seen: so the whole list is read
 * first (8 bytes an id), then handed out ascending, each id once. The pair's file stays in from-id
 * order, and a resumed pair goes on after the last id it wrote. Counts how far the list strayed, as
 * an object's {@link Stragglers} do.
 */
final class ListedIds implements OutOfOrder {
  private long outOfOrder;
  private long repeats;

  /**
   * The ids above {@code after} (null: every id), ascending, each once, at most {@code maxIds}
   * (empty: every one): the list is read from the cursor {@code after} (HubSpot's list cursor is an
   * id, hubspot-api.md §4).
   */
  Stream<String> read(HubSpotClient client, String objectType, OptionalLong maxIds, String after) {
    long above = after == null ? Long.MIN_VALUE : MeetingPoint.idOf(after);
    // the cursor starts at the id it names: one more, in case that is the first sent
    OptionalLong asked =
        maxIds.isPresent() && after != null ? OptionalLong.of(maxIds.getAsLong() + 1) : maxIds;
    LongStream.Builder listed = LongStream.builder();
    try (Stream<String> ids = client.objects().ids(objectType, asked, after, this)) {
      ids.forEach(id -> listed.add(MeetingPoint.idOf(id)));
    }
    long[] sorted = listed.build().toArray();
    Arrays.sort(sorted);
    int unique = 0;
    for (long id : sorted) {
      if (unique == 0 || sorted[unique - 1] != id) {
        sorted[unique++] = id;
      }
    }
    repeats = sorted.length - unique;
    LongStream wanted = Arrays.stream(sorted, 0, unique).filter(id -> id > above);
    return (maxIds.isPresent() ? wanted.limit(maxIds.getAsLong()) : wanted)
        .mapToObj(Long::toString);
  }

  @Override
  public void arrived(int records) {
    outOfOrder += records;
  }

  /** Left in the list: it is sorted, and repeats dropped, once read whole. */
  @Override
  public boolean straggler(HubSpotRecord record) {
    return false;
  }

  /** How far the list strayed from id order; known once the ids are read. */
  ListOrder listOrder() {
    return new ListOrder(outOfOrder, repeats);
  }
}
