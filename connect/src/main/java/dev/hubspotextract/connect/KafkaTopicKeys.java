package dev.hubspotextract.connect;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Reads a topic's keys back from Kafka, as Debezium reads its schema history topic: a consumer of
 * its own ({@code readback.bootstrap.servers}, {@code readback.consumer.*}) assigned every
 * partition, read from the beginning to the end offsets taken when the read began, a tombstone
 * removing its key; the keys are then turned back into Connect values by the key converter the
 * records were written with. One consumer for the task's reads, made at the first and closed with
 * the task: a pass reads every topic back, and a new consumer per topic costs its own metadata
 * round trips. Only the worker thread reads.
 */
final class KafkaTopicKeys implements TopicKeys {
  /** The longest a read may take before the pass that needs it fails (and is retried). */
  static final Duration MAX_READ = Duration.ofMinutes(10);

  private final Map<String, Object> consumerSettings;
  private final Converter keyConverter;
  private KafkaConsumer<byte[], byte[]> consumer; // made at the first read

  /**
   * @param consumerSettings the consumer's settings: bootstrap servers and any extra ones
   * @param keyConverter turns the keys' bytes back into Connect values
   */
  KafkaTopicKeys(Map<String, Object> consumerSettings, Converter keyConverter) {
    Map<String, Object> settings = new HashMap<>(consumerSettings);
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions: no group, no commits
    // a worker with exactly-once source support writes in transactions: an aborted record's key
    // is not in the topic
    settings.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerSettings = Map.copyOf(settings);
    this.keyConverter = Objects.requireNonNull(keyConverter, "keyConverter is null");
  }

  @Override
  public Set<Object> keys(String topic) {
    Set<ByteBuffer> present = new HashSet<>();
    if (consumer == null) {
      consumer = new KafkaConsumer<>(consumerSettings);
    }
    try {
      List<PartitionInfo> partitions;
      try {
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      } catch (TimeoutException e) {
        throw new ConnectException(
            "cannot read topic "
                + topic
                + " back: the Kafka cluster at readback.bootstrap.servers did not answer in 30 s",
            e);
      }
      if (partitions == null || partitions.isEmpty()) {
        return Set.of(); // nothing written yet
      }
      List<TopicPartition> assigned =
          partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
      Instant deadline = Instant.now().plus(MAX_READ);
      while (!reachedEnds(consumer, ends)) {
        if (Instant.now().isAfter(deadline)) {
          throw new ConnectException(
              "reading topic " + topic + " back took longer than " + MAX_READ + ": gave up");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.key() == null || record.offset() >= ends.getOrDefault(partition, 0L)) {
            continue;
          }
          ByteBuffer key = ByteBuffer.wrap(record.key());
          if (record.value() == null) {
            present.remove(key);
          } else {
            present.add(key);
          }
        }
      }
    } catch (RuntimeException e) {
      closeConsumer(); // in an unknown state: the next read starts afresh
      throw e;
    } finally {
      if (consumer != null) {
        consumer.assign(List.of());
      }
    }
    Set<Object> keys = new HashSet<>();
    for (ByteBuffer key : present) {
      keys.add(unwrapped(keyConverter.toConnectData(topic, key.array()).value()));
    }
    return keys;
  }

  private static boolean reachedEnds(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** A JSON key read without schemas may still be in JsonConverter's envelope: its payload. */
  private static Object unwrapped(Object key) {
    if (key instanceof Map<?, ?> map && map.containsKey("schema") && map.containsKey("payload")) {
      return map.get("payload");
    }
    return key;
  }

  @Override
  public void close() {
    closeConsumer();
    Utils.closeQuietly(keyConverter, "the read-back key converter");
  }

  private void closeConsumer() {
    if (consumer != null) {
      Utils.closeQuietly(consumer, "the read-back consumer");
      consumer = null;
    }
  }
}
