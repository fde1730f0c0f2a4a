package dev.hubspotextract.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The {@code unordered-page} fault of list pages (HubSpot lists by id, but does not promise it,
 * contract §17). A faulty page comes back shuffled, and one of its records (never its highest, so
 * it comes back below an id already sent) is held back for the page its cursor names, along with a
 * repeat of one it does send. That page serves them at its end whatever befalls it, as often as it
 * is asked for, so a reader that follows the cursor to the end meets every record: some late, some
 * twice.
 */
final class UnorderedPages {
  private final Random random;

  /** Records owed to the page that starts at an id; guarded by {@code this}. */
  private final Map<Page, List<Long>> owed = new HashMap<>();

  /** A list page of one object: archived or live records, from the id its cursor names. */
  private record Page(ObjectDef def, boolean archived, long from) {}

  UnorderedPages(long seed) {
    this.random = new Random(seed ^ 0x0DDE12L);
  }

  /**
   * Turns the faulty page {@code records} (in id order) into what is sent: shuffled, less the
   * record held back for the page at {@code next} (none when there is no next page, -1).
   */
  synchronized void scramble(ObjectDef def, boolean archived, List<RecordView> records, long next) {
    if (next >= 0 && records.size() >= 2) {
      RecordView late = records.remove(random.nextInt(records.size() - 1));
      RecordView repeat = records.get(random.nextInt(records.size()));
      owed.computeIfAbsent(new Page(def, archived, next), page -> new ArrayList<>())
          .addAll(List.of(late.id, repeat.id));
    }
    Collections.shuffle(records, random);
  }

  /** The ids of the records owed to the page that starts at {@code from}, in the order owed. */
  synchronized List<Long> owedTo(ObjectDef def, boolean archived, long from) {
    return List.copyOf(owed.getOrDefault(new Page(def, archived, from), List.of()));
  }
}
