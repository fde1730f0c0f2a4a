package dev.hubspotextract.connect;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's resume state, one source partition per stream ({@code {"stream":"object/deals"}}): the
 * offsets read from Connect's store when a stream is first run, and the offset each stream is at
 * now, which the records it sends carry. Maps of strings and longs, as Connect stores them in JSON.
 * Used by the task's one worker thread.
 */
final class StreamOffsets {
  private static final Logger LOG = LoggerFactory.getLogger(StreamOffsets.class);

  static final String STREAM = "stream";
  private static final String PHASE = "phase";
  private static final String AFTER = "after";
  private static final String MARK = "mark";
  private static final String VERIFIED = "verified";
  private static final String COLUMNS = "columns";

  /** Where a stream is: reading everything once, or following changes. */
  enum Phase {
    BACKFILL("backfill"),
    CHANGES("changes");

    private final String text;

    Phase(String text) {
      this.text = text;
    }

    static Phase of(Object text) {
      for (Phase phase : values()) {
        if (phase.text.equals(text)) {
          return phase;
        }
      }
      return null;
    }
  }

  /**
   * One stream's offset.
   *
   * @param after in a backfill, where to go on (a list cursor, or the last id done); null: from the
   *     start
   * @param mark in a backfill, when it began; in changes, the start of the last complete pass:
   *     changes since it (less the lookback) are read next
   * @param verified when the last verify or full pass ran (0 in a backfill)
   * @param columns a digest of the properties an object's records were sent with, in a backfill as
   *     in changes (null: not an object, or not known): other properties read the object whole
   *     again, or start its backfill over
   */
  record Offset(Phase phase, String after, long mark, long verified, String columns) {
    Offset {
      Objects.requireNonNull(phase, "phase is null");
    }

    static Offset backfill(String after, long mark) {
      return new Offset(Phase.BACKFILL, after, mark, 0, null);
    }

    static Offset changes(long mark, long verified) {
      return new Offset(Phase.CHANGES, null, mark, verified, null);
    }

    Offset withColumns(String digest) {
      return new Offset(phase, after, mark, verified, digest);
    }

    boolean backfilling() {
      return phase == Phase.BACKFILL;
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put(PHASE, phase.text);
      if (after != null) {
        map.put(AFTER, after);
      }
      map.put(MARK, mark);
      if (phase == Phase.CHANGES) {
        map.put(VERIFIED, verified);
      }
      if (columns != null) {
        map.put(COLUMNS, columns);
      }
      return map;
    }

    /** The offset a stored map holds, or null when it holds none this version can use. */
    static Offset fromMap(Map<String, ?> map) {
      if (map == null) {
        return null;
      }
      Phase phase = Phase.of(map.get(PHASE));
      Object after = map.get(AFTER);
      Long mark = number(map.get(MARK));
      Long verified = number(map.get(VERIFIED));
      Object columns = map.get(COLUMNS);
      if (phase == null
          || mark == null
          || (after != null && !(after instanceof String))
          || (columns != null && !(columns instanceof String))) {
        return null;
      }
      Offset offset =
          phase == Phase.BACKFILL
              ? backfill((String) after, mark)
              : changes(mark, verified == null ? 0 : verified);
      return offset.withColumns((String) columns);
    }

    private static Long number(Object value) {
      return value instanceof Number n ? n.longValue() : null; // JSON may bring an Integer
    }
  }

  private final OffsetStorageReader reader;
  private final Map<String, Offset> current = new HashMap<>();

  StreamOffsets(OffsetStorageReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader is null");
  }

  /** The source partition of a stream. */
  static Map<String, String> partition(String stream) {
    return Map.of(STREAM, stream);
  }

  /**
   * Where a stream is: as it last moved in this task, else as Connect stored it; null for a stream
   * with no offset (never run, or an offset this version cannot read, which is said once).
   */
  Offset get(String stream) {
    if (current.containsKey(stream)) {
      return current.get(stream);
    }
    Map<String, Object> stored = reader.offset(partition(stream));
    Offset offset = Offset.fromMap(stored);
    if (stored != null && offset == null) {
      LOG.warn(
          "The stored offset of stream {} is not one this version reads ({}): the stream starts"
              + " over",
          stream,
          stored);
    }
    current.put(stream, offset);
    return offset;
  }

  /** Moves a stream on: the offset its next record carries last. */
  void set(String stream, Offset offset) {
    current.put(stream, Objects.requireNonNull(offset, "offset is null"));
  }
}
