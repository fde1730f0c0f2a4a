package dev.hubspotextract.connect;

import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.Pipeline;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.PlannedObject;
import dev.hubspotextract.extract.ReferenceRows;
import dev.hubspotextract.extract.ReferenceTable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference tables' topics, read whole every pass (a few requests): {@code reference/owners}
 * sends the owners, {@code reference/pipelines} the pipelines and their stages of every object
 * planned. A row is sent when this task has not sent it as it is now; a row this task sent that is
 * no longer listed, and in a verify pass a key the topic holds that is no longer listed, gets a
 * tombstone. An object whose pipelines cannot be read keeps its rows as they were, said once a
 * pass.
 */
final class ReferenceStream {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceStream.class);

  private final String stream;
  private final List<ReferenceTable> tables;

  /** Per table, each row this task sent, by its key's text. */
  private final Map<ReferenceTable, Map<List<String>, List<String>>> sent = new HashMap<>();

  private ReferenceStream(String stream, List<ReferenceTable> tables) {
    this.stream = stream;
    this.tables = tables;
  }

  static ReferenceStream owners() {
    return new ReferenceStream("reference/owners", List.of(ReferenceTable.OWNERS));
  }

  static ReferenceStream pipelines() {
    return new ReferenceStream(
        "reference/pipelines", List.of(ReferenceTable.PIPELINES, ReferenceTable.PIPELINE_STAGES));
  }

  String name() {
    return stream;
  }

  void run(Pass pass, List<PlannedObject> objects) {
    StreamOffsets.Offset offset = pass.offsets().get(stream);
    if (offset == null) {
      offset = StreamOffsets.Offset.changes(pass.startedAt(), pass.startedAt()); // a new topic
    }
    StreamWriter writer = pass.writer(stream, offset);
    Map<ReferenceTable, List<String[]>> rows = new LinkedHashMap<>();
    Set<String> leftOut = new HashSet<>(); // objects whose rows could not be read
    if (tables.contains(ReferenceTable.OWNERS)) {
      rows.put(ReferenceTable.OWNERS, ReferenceRows.owners(pass.client()));
    } else {
      Map<ObjectType, List<Pipeline>> pipelines = new LinkedHashMap<>();
      for (PlannedObject object : objects) {
        try {
          pipelines.put(object.type(), ReferenceRows.pipelines(pass.client(), object.type()));
        } catch (CategorizedException e) {
          if (StreamLoop.endsTheTask(e, false)) {
            throw e;
          }
          leftOut.add(object.type().name());
          LOG.warn(
              "The pipelines of {} were not read (their rows stay as they were): {}",
              object.type().name(),
              e.getMessage());
        }
      }
      rows.put(ReferenceTable.PIPELINES, ReferenceRows.pipelineRows(pipelines));
      rows.put(ReferenceTable.PIPELINE_STAGES, ReferenceRows.stageRows(pipelines));
    }
    long verified = offset.verified();
    boolean verify = pass.verifyDue(verified);
    rows.forEach((table, listed) -> send(pass, writer, table, listed, leftOut, verify));
    writer.advance(
        StreamOffsets.Offset.changes(pass.startedAt(), verify ? pass.startedAt() : verified));
  }

  private void send(
      Pass pass,
      StreamWriter writer,
      ReferenceTable table,
      List<String[]> listed,
      Set<String> leftOut,
      boolean verify) {
    String topic = pass.topics().reference(table);
    Schema keySchema = pass.schemas().referenceKey(table);
    Schema valueSchema = pass.schemas().referenceValue(table);
    List<String> keyFields = RecordSchemas.referenceKeyFields(table);
    Map<List<String>, List<String>> before = sent.computeIfAbsent(table, t -> new HashMap<>());
    Map<List<String>, List<String>> now = new HashMap<>();
    for (String[] row : listed) {
      List<String> key = Arrays.asList(row).subList(0, keyFields.size());
      List<String> value = Arrays.asList(row);
      now.put(key, value);
      if (!value.equals(before.get(key))) {
        writer.send(
            topic,
            keySchema,
            RecordSchemas.referenceKey(keySchema, table, row),
            valueSchema,
            RecordSchemas.referenceValue(valueSchema, table, row));
      }
    }
    Set<List<String>> gone = new HashSet<>(before.keySet());
    if (verify) {
      for (Object key : pass.topicKeys().keys(topic)) {
        gone.add(RecordSchemas.keyText(key, keyFields));
      }
    }
    for (List<String> key : gone) {
      boolean keptAsItWas = table != ReferenceTable.OWNERS && leftOut.contains(key.get(0));
      if (keptAsItWas) {
        now.put(key, before.get(key));
      } else if (!now.containsKey(key)) {
        Struct tombstoned = new Struct(keySchema);
        for (int i = 0; i < keyFields.size(); i++) {
          tombstoned.put(keyFields.get(i), key.get(i));
        }
        writer.tombstone(topic, keySchema, tombstoned);
      }
    }
    now.values().removeIf(value -> value == null); // kept rows this task never sent
    sent.put(table, now);
  }
}
