package dev.hubspotextract.connect;

import java.util.Set;

/**
 * The keys a compacted topic holds now: every key whose latest record is not a tombstone. The task
 * reads its own topics back so (Connect gives a source task no view of what it wrote) when it looks
 * for records and links that went without a word: present in the topic, no longer in HubSpot.
 * Called from the task's worker thread only.
 */
interface TopicKeys extends AutoCloseable {
  /**
   * The keys present in {@code topic}, as Connect values (a {@code Long}, a {@code Struct}, or the
   * {@code Map} a schemaless converter gives): those its partitions held up to their ends when the
   * call began, tombstones applied. Empty for a topic that does not exist.
   */
  Set<Object> keys(String topic);

  @Override
  void close();
}
