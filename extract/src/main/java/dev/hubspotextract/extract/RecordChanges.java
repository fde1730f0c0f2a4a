package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import java.util.TreeSet;

/**
 * The engine's reading of what changed in an object, for front ends that keep their own state (a
 * Kafka Connect task): the ids modified since a time, found as a sync finds them ({@link
 * ChangedRecords}: past the 10,000-result cap of search, short pages asked again), on the object's
 * own last-modified property. Stops with an exception once the calling thread is interrupted.
 */
public final class RecordChanges {
  private RecordChanges() {}

  /**
   * The ids, ascending, of the records of {@code type} whose last-modified date is at or after
   * {@code fromMillis}.
   */
  public static TreeSet<Long> since(HubSpotClient client, ObjectType type, long fromMillis) {
    return ChangedRecords.since(
        client.changes(),
        type.apiName(),
        ObjectSync.modifiedProperty(type), // contacts have their own last-modified property
        fromMillis,
        new RunControl());
  }
}
