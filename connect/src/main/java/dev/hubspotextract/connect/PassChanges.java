package dev.hubspotextract.connect;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.extract.LiveIds;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.RecordChanges;
import dev.hubspotextract.extract.RecordIds;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a pass reads of an object once, however many of its streams ask. The ids changed since a
 * time, searched once per pass (search has its own budget of 5 a second): an object, its pairs and
 * its history ask for them from their own marks, usually the same, and an earlier search covers a
 * later time (a few more ids read again: sent twice, harmless). And every live id of an object, for
 * the object's verify, the full re-read of its pairs and the backfills that start at it: a list of
 * the whole object each, 8 bytes an id kept for the pass.
 */
final class PassChanges {
  private record Found(long fromMillis, TreeSet<Long> ids) {}

  private final HubSpotClient client;
  private final Map<String, Found> found = new HashMap<>();
  private final Map<String, long[]> live = new HashMap<>();

  PassChanges(HubSpotClient client) {
    this.client = client;
  }

  /** The ids of {@code type}'s records modified at or after {@code fromMillis}, ascending. */
  TreeSet<Long> since(ObjectType type, long fromMillis) {
    Found known = found.get(type.apiName());
    if (known != null && known.fromMillis() <= fromMillis) {
      return known.ids();
    }
    TreeSet<Long> ids = RecordChanges.since(client, type, fromMillis);
    found.put(type.apiName(), new Found(fromMillis, ids));
    return ids;
  }

  /** Every live id of {@code type}, ascending, each once: listed at its first call in the pass. */
  Stream<String> liveIds(ObjectType type) {
    long[] ids = live.get(type.apiName());
    if (ids == null) {
      try (Stream<String> listed = LiveIds.after(client, type.apiName(), null)) {
        ids = listed.mapToLong(RecordIds::parse).toArray();
      }
      live.put(type.apiName(), ids);
    }
    return Arrays.stream(ids).mapToObj(Long::toString);
  }
}
