package dev.hubspotextract.connect;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What compacted topics hold once every record delivered is applied: the last value per key per
 * topic, a tombstone removing its key. Also the task's read-back of its topics, as Kafka would
 * answer it. Thread-safe: the harness applies, the task's worker reads back.
 */
final class CompactedView implements TopicKeys {
  private final Map<String, Map<Object, Object>> topics = new HashMap<>();

  synchronized void apply(SourceRecord record) {
    Map<Object, Object> topic = topics.computeIfAbsent(record.topic(), t -> new LinkedHashMap<>());
    if (record.value() == null) {
      topic.remove(record.key());
    } else {
      topic.put(record.key(), record.value());
    }
  }

  /** The values by key of a topic (empty for one never written). */
  synchronized Map<Object, Object> topic(String name) {
    return Map.copyOf(topics.getOrDefault(name, Map.of()));
  }

  synchronized Set<String> topicNames() {
    return Set.copyOf(topics.keySet());
  }

  @Override
  public synchronized Set<Object> keys(String topic) {
    return Set.copyOf(topics.getOrDefault(topic, Map.of()).keySet());
  }

  @Override
  public void close() {}
}
