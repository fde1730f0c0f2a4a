package dev.hubspotextract.connect;

import dev.hubspotextract.client.ChangesApi;
import dev.hubspotextract.client.HubSpotRecord;
import dev.hubspotextract.client.OutOfOrder;
import dev.hubspotextract.extract.LiveIds;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.PlannedObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
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

  /** Archived ids already tombstoned by this task: the recycle bin is listed every pass. */
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
    if (offset == null || offset.backfilling()) {
      backfill(pass, object, offset);
    } else if (offset.columns() != null && !offset.columns().equals(columns)) {
      // as the CLI's sync pulls an object whole whose properties changed: the records' values
      // of a property new to the topic are known only by reading every record again
      LOG.info("{}: its properties changed since its records were sent: read whole again", stream);
      backfill(pass, object, StreamOffsets.Offset.backfill(null, offset.mark()));
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
    StreamWriter writer = pass.writer(stream, StreamOffsets.Offset.backfill(after, mark));
    String topic = pass.topics().object(type);
    Schema schema = pass.schemas().objectValue(object);
    try (Stream<HubSpotRecord> records =
        pass.client().objects().stream(
            type.apiName(),
            object.propertyNames(),
            object.readMode().fetch(),
            OptionalLong.empty(),
            after,
            null,
            cursor -> writer.advance(StreamOffsets.Offset.backfill(cursor, mark)),
            OutOfOrder.HANDED_OUT)) {
      Iterator<HubSpotRecord> iterator = records.iterator();
      boolean any;
      try {
        any = iterator.hasNext(); // the first page, from the stored cursor
      } catch (RuntimeException e) {
        if (!StreamOffsets.cursorRejected(e, after)) {
          throw e;
        }
        LOG.warn(
            "HubSpot refused to go on listing {} from the stored cursor ({}): its backfill starts"
                + " over from the first record",
            type.name(),
            e.getMessage());
        backfill(pass, object, StreamOffsets.Offset.backfill(null, pass.startedAt()));
        return;
      }
      while (any) {
        send(pass, writer, topic, schema, object, iterator.next());
        any = iterator.hasNext();
      }
    }
    writer.advance(StreamOffsets.Offset.changes(mark, mark).withColumns(columnsOf(object)));
    LOG.info("{}: backfill complete", stream);
  }

  private void changes(Pass pass, PlannedObject object, StreamOffsets.Offset offset) {
    StreamWriter writer = pass.writer(stream, offset);
    String topic = pass.topics().object(type);
    Schema schema = pass.schemas().objectValue(object);
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
              long id = RecordSchemas.id(text);
              if (!sent.contains(id) && tombstoned.add(id)) {
                writer.tombstone(topic, RecordSchemas.OBJECT_KEY, id);
              }
            });
    long verified = offset.verified();
    if (pass.verifyDue(verified)) {
      verify(pass, writer, topic, schema, object, sent);
      verified = pass.startedAt();
    }
    writer.advance(
        StreamOffsets.Offset.changes(pass.startedAt(), verified).withColumns(columnsOf(object)));
  }

  /**
   * Tombstones the keys the topic holds that HubSpot no longer lists (deleted for good, or an
   * archive missed), and sends the listed records the topic lacks (restored, or missed).
   */
  private void verify(
      Pass pass,
      StreamWriter writer,
      String topic,
      Schema schema,
      PlannedObject object,
      Set<Long> sent) {
    Set<Long> live = new HashSet<>();
    try (Stream<String> ids = LiveIds.after(pass.client(), type.apiName(), null)) {
      ids.forEach(id -> live.add(RecordSchemas.id(id)));
    }
    Set<Long> present = new HashSet<>();
    for (Object key : pass.topicKeys().keys(topic)) {
      present.add(Long.parseLong(RecordSchemas.keyText(key, List.of("id")).get(0)));
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
          sent.add(RecordSchemas.id(record.id()));
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
    long id = RecordSchemas.id(record.id());
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
        pass.schemas().objectValue(schema, object, record));
  }
}
