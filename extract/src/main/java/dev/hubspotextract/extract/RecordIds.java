package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.ServerText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Record ids as every front end of the engine handles them: read from HubSpot's text (a number, or
 * the server is refused), and handed to a batch read at most its largest input at a time.
 */
public final class RecordIds {
  /** How much of a bad id a message quotes: it is the server's text. */
  private static final int EXCERPT = 40;

  private RecordIds() {}

  /** A record id HubSpot sent, as a number. */
  public static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new HubSpotException(
          FailureCategory.EXTERNAL,
          "HubSpot sent a record id that is not a number: " + ServerText.excerpt(id, EXCERPT),
          e);
    }
  }

  /** Hands {@code ids} to {@code each}, {@code size} at a time (the last batch may be shorter). */
  public static void inBatches(Iterator<String> ids, int size, Consumer<List<String>> each) {
    List<String> batch = new ArrayList<>(size);
    while (ids.hasNext()) {
      batch.add(ids.next());
      if (batch.size() == size || !ids.hasNext()) {
        each.accept(List.copyOf(batch));
        batch.clear();
      }
    }
  }
}
