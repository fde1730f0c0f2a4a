package dev.hubspotextract.connect;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Sends one stream's records so that a commit never skips what was not read: every record carries
 * the offset its page was read from, except the page's last, which carries where the stream goes on
 * (Connect commits, per partition, the offset of the latest record whose predecessors were all
 * delivered). So the newest record is held back until the stream says where it has got to ({@link
 * #advance}) or sends another; {@link #close} hands on a record still held when a pass fails, with
 * the offset its page was read from (the page is read again), for a stream remembers what it sent
 * once the record is queued.
 */
final class StreamWriter implements AutoCloseable {
  private final String stream;
  private final Map<String, String> partition;
  private final StreamOffsets offsets;
  private final RecordQueue queue;
  private Map<String, Object> offset; // the offset the records being read were read from
  private Held held;

  /** A record waiting to learn its offset. */
  private record Held(
      String topic, Schema keySchema, Object key, Schema valueSchema, Object value) {}

  /**
   * @param from the offset the stream reads from now
   */
  StreamWriter(String stream, StreamOffsets.Offset from, StreamOffsets offsets, RecordQueue queue) {
    this.stream = stream;
    this.partition = StreamOffsets.partition(stream);
    this.offsets = offsets;
    this.queue = queue;
    this.offset = from.toMap();
    offsets.set(stream, from);
  }

  /** Sends a record (a tombstone: null value and value schema). */
  void send(String topic, Schema keySchema, Object key, Schema valueSchema, Object value) {
    release(offset);
    held = new Held(topic, keySchema, key, valueSchema, value);
  }

  void tombstone(String topic, Schema keySchema, Object key) {
    send(topic, keySchema, key, null, null);
  }

  /** The stream has got to {@code next}: the record held back carries it, and so do later reads. */
  void advance(StreamOffsets.Offset next) {
    offset = next.toMap();
    offsets.set(stream, next);
    release(offset);
  }

  /**
   * Hands on the record still held (none after an {@link #advance}) with the offset it was read
   * from: a pass cut short by a failure leaves nothing unsent that the stream counts as sent.
   */
  @Override
  public void close() {
    release(offset);
  }

  private void release(Map<String, Object> carried) {
    if (held != null) {
      queue.put(
          new SourceRecord(
              partition,
              carried,
              held.topic(),
              null,
              held.keySchema(),
              held.key(),
              held.valueSchema(),
              held.value()));
      held = null;
    }
  }
}
