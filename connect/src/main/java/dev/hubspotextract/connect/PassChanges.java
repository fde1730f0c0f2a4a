package dev.hubspotextract.connect;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.RecordChanges;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ids each object's records changed since a time, searched once per pass (search has its own
 * budget of 5 a second): an object, its pairs and its history ask for them from their own marks,
 * usually the same, and an earlier search covers a later time (a few more ids read again: sent
 * twice, harmless).
 */
final class PassChanges {
  private record Found(long fromMillis, TreeSet<Long> ids) {}

  private final HubSpotClient client;
  private final Map<String, Found> found = new HashMap<>();

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
}
