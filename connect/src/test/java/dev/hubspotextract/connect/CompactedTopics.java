package dev.hubspotextract.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * What a compacted topic converges to: each key's last value, a tombstone removing its key, read to
 * the end offsets of the moment, and decoded with the JSON converter (schemas enabled) the workers
 * wrote with. Keys and values come back as plain Java: a struct as a map of its fields in schema
 * order, a number, string, boolean or {@link java.util.Date} as itself.
 *
 * <p>Each topic is read once from its beginning, then on from where the last read ended, by a
 * consumer kept per topic: a test polls every topic until it matches the portal, and reading them
 * all again each time decoded the whole backfill over and over, most of the cluster test's CPU. The
 * last value per key is the same either way, since a topic only grows (compaction drops only what a
 * later record for the same key replaces).
 */
final class CompactedTopics implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final EmbeddedKafkaCluster kafka;
  private final JsonConverter keys = converter(true);
  private final JsonConverter values = converter(false);
  private final Map<String, TopicReader> readers = new HashMap<>();

  CompactedTopics(EmbeddedKafkaCluster kafka) {
    this.kafka = kafka;
  }

  /** The names of the topics that start with {@code prefix + "."}, sorted. */
  Set<String> namesUnder(String prefix) {
    try (Admin admin = kafka.createAdminClient()) {
      Set<String> names = new TreeSet<>();
      for (String name : admin.listTopics().names().get()) {
        if (name.startsWith(prefix + ".")) {
          names.add(name);
        }
      }
      return names;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted listing the topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not list the topics: " + e.getCause(), e);
    }
  }

  /** How many records the topic holds now, tombstones and replaced values included. */
  long size(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumer(consumerProps())) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The topic's last value per key, tombstones applied; empty when the topic does not exist. */
  Map<Object, Object> lastValues(String topic) {
    TopicReader reader = readers.get(topic);
    if (reader == null) {
      KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumer(consumerProps());
      List<TopicPartition> partitions = partitions(consumer, topic);
      if (partitions.isEmpty()) {
        consumer.close();
        return new LinkedHashMap<>();
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      reader = new TopicReader(consumer, partitions);
      readers.put(topic, reader);
    }
    reader.readToTheEnd(topic);
    return new LinkedHashMap<>(reader.last);
  }

  @Override
  public void close() {
    readers.values().forEach(reader -> reader.consumer.close());
    readers.clear();
  }

  /** One topic's consumer, and the last values it has read so far. */
  private final class TopicReader {
    final KafkaConsumer<byte[], byte[]> consumer;
    final List<TopicPartition> partitions;
    final Map<Object, Object> last = new LinkedHashMap<>();

    TopicReader(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
      this.consumer = consumer;
      this.partitions = partitions;
    }

    /** Reads on to the end offsets of the moment (and whatever follows in the same polls). */
    void readToTheEnd(String topic) {
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          Object key = plain(keys.toConnectData(topic, record.key()));
          SchemaAndValue value = values.toConnectData(topic, record.value());
          if (value.value() == null) {
            last.remove(key);
          } else {
            last.put(key, plain(value));
          }
        }
      }
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    if (infos != null) {
      infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    return partitions;
  }

  private static Map<String, Object> consumerProps() {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return props;
  }

  private static Object plain(SchemaAndValue data) {
    return plain(data.value());
  }

  private static Object plain(Object value) {
    if (!(value instanceof Struct struct)) {
      return value;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Field field : struct.schema().fields()) {
      fields.put(field.name(), plain(struct.get(field)));
    }
    return fields;
  }

  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "true"), isKey);
    return converter;
  }
}
