package dev.hubspotextract.connect;

import dev.hubspotextract.client.ChangesApi;
import dev.hubspotextract.client.HubSpotRecord;
import dev.hubspotextract.client.OutOfOrder;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.PlannedObject;
import dev.hubspotextract.extract.RecordIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One object's topic: a backfill of every live record by the engine's list reading, then passes
 * that send what changed since the mark (search, then a batch read of every changed id), a
 * tombstone for each archived id and each changed id that is gone, and, in a verify pass, a
 * tombstone for each key the topic holds that HubSpot no longer lists and the records it lists that
 * the topic lacks. An object whose properties changed (one added in HubSpot, or the settings) is
 * read whole again, as the CLI's sync pulls it whole. Lives as long as the task, its plan renewed
 * each pass.
 */
final class ObjectStream {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStream.class);

  private final String stream;
  private final ObjectType type;

  /**
   * Archived ids whose tombstone this task has queued (a pass that fails hands on what it queued:
   * {@link StreamWriter#close}): the recycle bin is listed every pass.
   */
  private final Set<Long> tombstoned = new HashSet<>();

  ObjectStream(ObjectType type) {
    this.type = type;
    this.stream = "object/" + type.name();
  }

  String name() {
    return stream;
  }

  /** A backfill step or a pass of changes, as the stream's offset says. */
  void run(Pass pass, PlannedObject object) {
    StreamOffsets.Offset offset = pass.offsets().get(stream);
    String columns = columnsOf(object);
    if (offset != null && offset.columns() != null && !offset.columns().equals(columns)) {
      // as the CLI's sync pulls an object whole whose properties changed: the records' values
      // of a property new to the topic are known only by reading every record again, and a
      // backfill's earlier pages lack it too
      LOG.info(
          "{}: its properties changed since its records were sent: {}",
          stream,
          offset.backfilling() ? "its backfill starts over" : "read whole again");
      backfill(pass, object, StreamOffsets.Offset.backfill(null, offset.mark()));
    } else if (offset == null || offset.backfilling()) {
      backfill(pass, object, offset);
    } else {
      changes(pass, object, offset);
    }
  }

  /** A digest of the properties the records are sent with, for the offset to remember. */
  static String columnsOf(PlannedObject object) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join(",", object.propertyNames()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private void backfill(Pass pass, PlannedObject object, StreamOffsets.Offset offset) {
    long mark = offset == null ? pass.startedAt() : offset.mark();
    String after = offset == null ? null : offset.after();
    String columns = columnsOf(object);
    String topic = pass.topics().object(type);
    Schema schema = pass.schemas().objectValue(object);
    try (StreamWriter writer =
            pass.writer(stream, StreamOffsets.Offset.backfill(after, mark).withColumns(columns));
        Stream<HubSpotRecord> records =
            pass.client().objects().stream(
                type.apiName(),
                object.propertyNames(),
                object.readMode().fetch(),
                OptionalLong.empty(),
                after,
                null,
                cursor ->
                    writer.advance(
                        StreamOffsets.Offset.backfill(cursor, mark).withColumns(columns)),
                OutOfOrder.HANDED_OUT)) {
      Iterator<HubSpotRecord> iterator = records.iterator();
      // the first page, from the stored cursor
      Optional<Boolean> first = ResumedListing.first(stream, after, iterator::hasNext);
      if (first.isEmpty()) {
        backfill(pass, object, StreamOffsets.Offset.backfill(null, pass.startedAt()));
        return;
      }
      boolean any = first.get();
      while (any) {
        send(pass, writer, topic, schema, object, iterator.next());
        any = iterator.hasNext();
      }
      writer.advance(StreamOffsets.Offset.changes(mark, mark).withColumns(columns));
    }
    LOG.info("{}: backfill complete", stream);
  }

  /**
   * The records changed since the mark, the changed ones gone and the archived ones; then the mark
   * moves on, before a verify pass: a verify that cannot be made leaves the changes done.
   */
  private void changes(Pass pass, PlannedObject object, StreamOffsets.Offset offset) {
    String topic = pass.topics().object(type);
    Schema schema = pass.schemas().objectValue(object);
    String columns = columnsOf(object);
    try (StreamWriter writer = pass.writer(stream, offset)) {
      TreeSet<Long> changed = pass.changes().since(type, pass.since(offset.mark()));
      Set<Long> sent = new HashSet<>();
      readAndSend(pass, writer, topic, schema, object, changed, sent);
      for (Long id : changed) {
        if (!sent.contains(id)) {
          writer.tombstone(topic, RecordSchemas.OBJECT_KEY, id); // changed, then archived or gone
          tombstoned.add(id);
        }
      }
      pass.client()
          .changes()
          .archivedIds(
              type.apiName(),
              text -> {
                long id = RecordIds.parse(text);
                if (!sent.contains(id) && tombstoned.add(id)) {
                  writer.tombstone(topic, RecordSchemas.OBJECT_KEY, id);
                }
              });
      writer.advance(
          StreamOffsets.Offset.changes(pass.startedAt(), offset.verified()).withColumns(columns));
      if (pass.verifyDue(offset.verified()) && verify(pass, writer, topic, schema, object, sent)) {
        writer.advance(
            StreamOffsets.Offset.changes(pass.startedAt(), pass.startedAt()).withColumns(columns));
      }
    }
  }

  /**
   * Tombstones the keys the topic holds that HubSpot no longer lists (deleted for good, or an
   * archive missed), and sends the listed records the topic lacks (restored, or missed). The keys
   * are read back first: when they cannot be, nothing is listed, and the verify waits for the next
   * pass (false).
   */
  private boolean verify(
      Pass pass,
      StreamWriter writer,
      String topic,
      Schema schema,
      PlannedObject object,
      Set<Long> sent) {
    Optional<Set<Object>> keys = pass.readBack().keys(topic);
    if (keys.isEmpty()) {
      return false;
    }
    Set<Long> present = new HashSet<>();
    for (Object key : keys.get()) {
      present.add(Long.parseLong(RecordSchemas.keyText(key, List.of("id")).get(0)));
    }
    Set<Long> live = new HashSet<>();
    try (Stream<String> ids = pass.changes().liveIds(type)) {
      ids.forEach(id -> live.add(RecordIds.parse(id)));
    }
    long gone = 0;
    for (Long id : present) {
      if (!live.contains(id) && !sent.contains(id)) {
        writer.tombstone(topic, RecordSchemas.OBJECT_KEY, id);
        tombstoned.add(id);
        gone++;
      }
    }
    TreeSet<Long> missing = new TreeSet<>();
    for (Long id : live) {
      if (!present.contains(id) && !sent.contains(id)) {
        missing.add(id);
      }
    }
    readAndSend(pass, writer, topic, schema, object, missing, sent);
    LOG.info(
        "{}: verified against {} live records: {} gone from HubSpot, {} missing from the topic",
        stream,
        live.size(),
        gone,
        missing.size());
    return true;
  }

  /** Reads these records by id, 100 a request, and sends those HubSpot still has. */
  private void readAndSend(
      Pass pass,
      StreamWriter writer,
      String topic,
      Schema schema,
      PlannedObject object,
      Set<Long> ids,
      Set<Long> sent) {
    ChangesApi changes = pass.client().changes();
    List<String> batch = new ArrayList<>(ChangesApi.BATCH_SIZE);
    Iterator<Long> iterator = ids.iterator();
    while (iterator.hasNext()) {
      batch.add(Long.toString(iterator.next()));
      if (batch.size() == ChangesApi.BATCH_SIZE || !iterator.hasNext()) {
        for (HubSpotRecord record :
            changes.read(type.apiName(), batch, object.propertyNames()).values()) {
          sent.add(RecordIds.parse(record.id()));
          send(pass, writer, topic, schema, object, record);
        }
        batch.clear();
      }
    }
  }

  private void send(
      Pass pass,
      StreamWriter writer,
      String topic,
      Schema schema,
      PlannedObject object,
      HubSpotRecord record) {
    long id = RecordIds.parse(record.id());
    if (record.archived()) {
      writer.tombstone(topic, RecordSchemas.OBJECT_KEY, id);
      tombstoned.add(id);
      return;
    }
    tombstoned.remove(id); // archived again later: tombstoned again
    writer.send(
        topic,
        RecordSchemas.OBJECT_KEY,
        id,
        schema,
        pass.values().objectValue(schema, object, record));
  }
}
