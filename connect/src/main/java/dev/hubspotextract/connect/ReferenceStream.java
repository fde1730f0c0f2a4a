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
 * planned. A row is sent when this task has not sent it as it is now (what it sent is remembered
 * once queued: a pass that fails hands on what it queued, {@link StreamWriter#close}); a row this
 * task sent that is no longer listed, and in a verify pass a key the topic holds that is no longer
 * listed, gets a tombstone. An object whose pipelines cannot be read, or that the pass could not
 * plan, keeps its rows as they were.
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

  /**
   * Sends the tables' rows as they are now.
   *
   * @param objects the objects planned, whose pipelines are read
   * @param failed the objects this pass could not plan (named as the rows name them), whose rows
   *     stay as they were
   */
  void run(Pass pass, List<PlannedObject> objects, Set<String> failed) {
    StreamOffsets.Offset offset = pass.offsets().get(stream);
    if (offset == null) {
      offset = StreamOffsets.Offset.changes(pass.startedAt(), pass.startedAt()); // a new topic
    }
    long verified = offset.verified();
    // the keys read back first: a verify that cannot be made leaves HubSpot unasked for it
    Map<ReferenceTable, Set<Object>> present = new HashMap<>();
    if (pass.verifyDue(verified)) {
      for (ReferenceTable table : tables) {
        pass.readBack().keys(pass.topics().reference(table)).ifPresent(k -> present.put(table, k));
      }
    }
    boolean verify = present.size() == tables.size();
    Map<ReferenceTable, List<String[]>> rows = new LinkedHashMap<>();
    Set<String> leftOut = new HashSet<>(failed); // objects whose rows could not be read
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
    try (StreamWriter writer = pass.writer(stream, offset)) {
      rows.forEach(
          (table, listed) ->
              send(pass, writer, table, listed, leftOut, verify ? present.get(table) : Set.of()));
      writer.advance(
          StreamOffsets.Offset.changes(pass.startedAt(), verify ? pass.startedAt() : verified));
    }
  }

  /**
   * Sends a table's rows that changed, and tombstones the keys no longer listed: those this task
   * sent, and those the topic holds ({@code present}, empty but in a verify pass).
   */
  private void send(
      Pass pass,
      StreamWriter writer,
      ReferenceTable table,
      List<String[]> listed,
      Set<String> leftOut,
      Set<Object> present) {
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
    for (Object key : present) {
      gone.add(RecordSchemas.keyText(key, keyFields));
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
