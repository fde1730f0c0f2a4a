package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.fail;

import dev.hubspotextract.sandbox.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Kafka Connect as a source task sees it, scripted: the task is started with a context whose offset
 * reader serves what this harness committed; {@link #poll} delivers the records to a {@link
 * CompactedView} (which the task reads back as its topics), and {@link #commit} stores, per
 * partition, the offset of the latest record delivered, as Connect commits the offsets of records
 * whose predecessors were all written. A record polled but never delivered (a worker that died) is
 * what {@link #pollAndDrop} makes.
 */
final class ConnectHarness implements AutoCloseable {
  static final String PREFIX = "hs";

  final CompactedView view = new CompactedView();
  final Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();

  /** Every record delivered, in order: what a compacted view forgets (a tombstone sent twice). */
  final List<SourceRecord> delivered = new ArrayList<>();

  private final List<SourceRecord> uncommitted = new ArrayList<>();
  private final TopicKeys readBack;
  private HubSpotSourceTask task;

  /** Connect whose task reads its topics back from {@link #view}. */
  ConnectHarness() {
    this.readBack = null;
  }

  /** Connect whose task reads its topics back from {@code readBack} (one that fails, say). */
  ConnectHarness(TopicKeys readBack) {
    this.readBack = readBack;
  }

  /** Settings for the sandbox, a pass every second, no verify or full pass; then {@code extra}. */
  static Map<String, String> settings(Sandbox sandbox, String... extra) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(HubSpotSourceConfig.ACCESS_TOKEN, sandbox.token());
    props.put(HubSpotSourceConfig.BASE_URL, sandbox.baseUrl().toString());
    props.put(HubSpotSourceConfig.TOPIC_PREFIX, PREFIX);
    props.put(HubSpotSourceConfig.OBJECTS, "contacts,companies,deals");
    props.put(HubSpotSourceConfig.RATE_LIMIT, "100000");
    props.put(HubSpotSourceConfig.POLL_INTERVAL_MS, "1000");
    props.put(HubSpotSourceConfig.VERIFY_INTERVAL_MS, "0");
    props.put(HubSpotSourceConfig.FULL_REREAD_INTERVAL_MS, "0");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return props;
  }

  /** {@link #settings} for {@code objects} (comma-separated) and no association pair. */
  static Map<String, String> objectsAlone(Sandbox sandbox, String objects, String... extra) {
    Map<String, String> props = settings(sandbox, extra);
    props.put(HubSpotSourceConfig.OBJECTS, objects);
    props.put(HubSpotSourceConfig.ASSOCIATIONS, "none");
    return props;
  }

  /** Starts a new task (a restart, a move to another worker) from the offsets committed. */
  void start(Map<String, String> props) {
    task = new HubSpotSourceTask(config -> readBack == null ? view : readBack);
    task.initialize(new Context(props));
    task.start(props);
  }

  /** One poll, its records delivered; null when the task had none. */
  List<SourceRecord> poll() throws InterruptedException {
    List<SourceRecord> records = task.poll();
    if (records != null) {
      records.forEach(view::apply);
      delivered.addAll(records);
      uncommitted.addAll(records);
    }
    return records;
  }

  /** One poll whose records never reach Kafka: neither delivered nor committed. */
  void pollAndDrop() throws InterruptedException {
    task.poll();
  }

  /** Commits the offsets of the records delivered so far. */
  void commit() {
    for (SourceRecord record : uncommitted) {
      committed.put(record.sourcePartition(), record.sourceOffset());
    }
    uncommitted.clear();
  }

  /**
   * Polls and commits until the task has completed {@code passes} passes and handed everything
   * over: a poll that finds nothing in the pause between two passes (a pass every second, a poll
   * waiting half a second).
   */
  void runUntilPasses(long passes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<SourceRecord> records = poll();
      commit();
      if (records == null && task.passes() >= passes && task.drained()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("the task did not complete " + passes + " passes in 60 s (" + task.passes() + ")");
      }
    }
  }

  long passes() {
    return task.passes();
  }

  /** The offset committed for a stream, as Connect stored it, or null. */
  @SuppressWarnings("unchecked")
  Map<String, Object> committedOffset(String stream) {
    return (Map<String, Object>) committed.get(StreamOffsets.partition(stream));
  }

  void stop() {
    if (task != null) {
      task.stop();
      task = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private final class Context implements SourceTaskContext {
    private final Map<String, String> props;

    Context(Map<String, String> props) {
      this.props = props;
    }

    @Override
    public Map<String, String> configs() {
      return props;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
          return offsets(List.of(partition)).get(partition);
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(
            Collection<Map<String, T>> partitions) {
          Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
          for (Map<String, T> partition : partitions) {
            Map<String, ?> offset = committed.get(partition);
            if (offset != null) {
              found.put(partition, new HashMap<>(offset));
            }
          }
          return found;
        }
      };
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return null;
    }
  }
}
