import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * connect/try-it's look at what the connector wrote: the topics under a prefix with their sizes,
 * then the first records of one. Run as a single source file (java TopicPeek.java BOOTSTRAP PREFIX
 * TOPIC COUNT), on the worker's classpath.
 */
public final class TopicPeek {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String prefix = args[1];
    String shown = args[2];
    int count = Integer.parseInt(args[3]);
    Map<String, Object> props =
        Map.of(
            "bootstrap.servers", bootstrap,
            "key.deserializer", StringDeserializer.class.getName(),
            "value.deserializer", StringDeserializer.class.getName(),
            "enable.auto.commit", "false");
    TreeSet<String> topics = new TreeSet<>();
    // the connector creates its topics as it first writes to them: wait for the one to show
    long appear = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      while (!topics.contains(shown) && System.nanoTime() < appear) {
        topics.clear();
        for (String name : admin.listTopics().names().get()) {
          if (name.startsWith(prefix + ".")) {
            topics.add(name);
          }
        }
        if (!topics.contains(shown)) {
          Thread.sleep(500);
        }
      }
    }
    if (!topics.contains(shown)) {
      System.out.println(
          "topic " + shown + " is not there after 60 s: see the worker's log for why");
      return;
    }
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      System.out.println("topics under " + prefix + " (records written, tombstones included):");
      for (String topic : topics) {
        List<TopicPartition> partitions =
            consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        long size = consumer.endOffsets(partitions).values().stream().mapToLong(l -> l).sum();
        System.out.printf("  %-40s %,d%n", topic, size);
      }
      List<TopicPartition> partitions =
          consumer.partitionsFor(shown).stream()
              .map(p -> new TopicPartition(shown, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      System.out.println("the first " + count + " records of " + shown + " (key, then value):");
      int printed = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (printed < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (printed++ < count) {
            String value = r.value() == null ? "null (a tombstone)" : r.value();
            System.out.println("  " + r.key() + "\n    " + abbreviated(value));
          }
        }
      }
    }
  }

  /** A value's JSON carries its schema first: long; the start shows its shape. */
  private static String abbreviated(String value) {
    return value.length() <= 400 ? value : value.substring(0, 400) + "… (" + value.length() + " chars)";
  }
}
