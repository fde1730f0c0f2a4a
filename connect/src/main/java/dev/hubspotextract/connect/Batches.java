package dev.hubspotextract.connect;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/** Ids handed out in batches of a batch read's largest input, in the order they come. */
final class Batches {
  private Batches() {}

  /** Hands {@code ids} to {@code each}, {@code size} at a time (the last batch may be shorter). */
  static void of(Iterator<String> ids, int size, Consumer<List<String>> each) {
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
