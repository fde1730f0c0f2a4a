package dev.hubspotextract.connect;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.RateBudget;
import dev.hubspotextract.client.RetryPolicy;
import dev.hubspotextract.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's one task: a worker thread ({@link StreamLoop}) reads HubSpot and fills a bounded
 * queue, {@code poll()} hands its records to Connect. The resume state is Connect's offsets, read
 * when each stream first runs. A failure that ends the task comes out of {@code poll()} as a {@link
 * ConnectException}, once the records read before it are handed over.
 */
public final class HubSpotSourceTask extends SourceTask {
  private static final Logger LOG = LoggerFactory.getLogger(HubSpotSourceTask.class);

  /** Records read ahead of Connect: a few pages of every kind. */
  static final int QUEUE_CAPACITY = 4_096;

  /** The most records one poll() hands over. */
  static final int MAX_POLL = 1_000;

  private static final Duration POLL_WAIT = Duration.ofMillis(500);

  private final Function<HubSpotSourceConfig, TopicKeys> topicKeysFor;

  // set by start() on one thread, read by poll() and stop(), which Connect may call on others
  private volatile RecordQueue queue;
  private volatile StreamLoop loop;
  private volatile Thread worker;

  public HubSpotSourceTask() {
    this(HubSpotSourceTask::kafkaTopicKeys);
  }

  /** A task whose topics are read back as {@code topicKeysFor} says (tests: from memory). */
  HubSpotSourceTask(Function<HubSpotSourceConfig, TopicKeys> topicKeysFor) {
    this.topicKeysFor = topicKeysFor;
  }

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    HubSpotSourceConfig config = new HubSpotSourceConfig(props);
    Clock clock = Clock.systemUTC();
    HubSpotClient client =
        HubSpotClient.builder()
            .baseUrl(config.baseUrl())
            .token(config.accessToken().value())
            .clock(clock)
            .pacer(
                RateBudget.forTier(
                    config.perTenSeconds(), config.learnsRateLimit(), clock, Sleeper.SYSTEM, null))
            .retryPolicy(RetryPolicy.DEFAULT)
            .build();
    TopicKeys topicKeys = config.readsBack() ? topicKeysFor.apply(config) : null;
    queue = new RecordQueue(QUEUE_CAPACITY);
    loop =
        new StreamLoop(
            config,
            client,
            new StreamOffsets(context.offsetStorageReader()),
            topicKeys,
            queue,
            clock);
    worker = new Thread(loop, "hubspot-source-" + config.topicPrefix());
    worker.setDaemon(true);
    worker.start();
    LOG.info(
        "Reading {} into topics {}.*, a pass every {}",
        config.baseUrl(),
        config.topicPrefix(),
        config.pollInterval());
  }

  /**
   * The records read so far; once the worker has ended on a failure, the records it read before it
   * are handed over first, then the failure is thrown. The failure is looked at before the queue:
   * the worker queues its last record before it records its failure, so a queue found empty after a
   * failure was seen holds nothing more to come.
   */
  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    Throwable fatal = loop.fatal();
    List<SourceRecord> records = queue.take(MAX_POLL, fatal == null ? POLL_WAIT : Duration.ZERO);
    if (!records.isEmpty()) {
      return records;
    }
    if (fatal != null) {
      throw new ConnectException(
          fatal instanceof Error || fatal.getMessage() == null
              ? "the task's worker ended on " + fatal
              : fatal.getMessage(),
          fatal);
    }
    return null;
  }

  /**
   * Asks the worker to stop and waits a little for it. The read-back consumer is closed by the
   * worker as it ends, not here: it may still be reading.
   */
  @Override
  public void stop() {
    StreamLoop running = loop;
    if (running != null) {
      running.stop();
      worker.interrupt();
      try {
        worker.join(Duration.ofSeconds(5).toMillis()); // a read on the way ends at its interrupt
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Passes the worker completed: what a test waits on. */
  long passes() {
    return loop.passes();
  }

  /** Whether every record read has been handed over. */
  boolean drained() {
    return queue.isEmpty();
  }

  /**
   * The topics read back from Kafka, their keys decoded with the connector's {@code key.converter}
   * when it names one (with its {@code key.converter.*} settings), else as JSON, with or without
   * JsonConverter's schema envelope.
   */
  private static TopicKeys kafkaTopicKeys(HubSpotSourceConfig config) {
    Object named = config.originals().get("key.converter");
    String className =
        named instanceof Class<?> c
            ? c.getName()
            : named != null
                ? named.toString().trim()
                : "org.apache.kafka.connect.json.JsonConverter";
    Converter converter;
    try {
      converter = Utils.newInstance(className, Converter.class);
    } catch (ClassNotFoundException e) {
      throw new ConnectException(
          "cannot read the topics back: key converter " + className + " is not on the worker", e);
    }
    Map<String, Object> settings = new HashMap<>();
    if (named == null) {
      settings.put("schemas.enable", "false"); // reads both JSON forms: see TopicKeys
    }
    settings.putAll(config.originalsWithPrefix("key.converter."));
    converter.configure(settings, true);
    return new KafkaTopicKeys(config.readbackConsumer(), converter);
  }
}
