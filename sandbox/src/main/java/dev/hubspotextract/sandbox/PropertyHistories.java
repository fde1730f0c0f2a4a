package dev.hubspotextract.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The history of a record's property values, as {@code propertiesWithHistory} serves it: a pure
 * function of the record, like its values, so that every read (and {@link Portal#history}) tells
 * the same story, and one that ends at the value the record has now.
 *
 * <ul>
 *   <li>As generated (or created), a record's property had one to three values between its create
 *       date and its last-modified date, the first set at creation; a property without a value
 *       never had one, or (now and then) had one and was cleared ({@code ""}, as HubSpot lists a
 *       cleared value).
 *   <li>A deal's {@code dealstage} (a ticket's {@code hs_pipeline_stage}) moved along its
 *       pipeline's stages in display order, skipping some and never passing through a closed stage,
 *       to the one it is in; its {@code pipeline} ({@code hs_pipeline}) was set with its first
 *       stage and changes only with a stage of another pipeline, so the stage in force always
 *       belongs to the pipeline in force.
 *   <li>A value set and cleared within one moment (a record created and last modified at once)
 *       leaves no history: HubSpot lists no clearing of a value it never listed.
 *   <li>The id and create date were set once, by HubSpot ({@code CALCULATED}); the last-modified
 *       date changes whenever the record does.
 *   <li>Each update since start ({@link ChangeSet}, churn) adds an entry at the record's new
 *       last-modified time for each property whose value it changed.
 * </ul>
 *
 * Sources are HubSpot's: {@code CRM_UI} by a user (an owner's user id), {@code API}, {@code IMPORT}
 * and {@code AUTOMATION_PLATFORM} with an id and a label, {@code CALCULATED} by HubSpot itself.
 */
final class PropertyHistories {
  /** One value of a property and where it came from; the value {@code ""} for one cleared. */
  record Entry(
      String value,
      long timestamp,
      String sourceType,
      String sourceId,
      String sourceLabel,
      Integer updatedByUserId) {}

  /** The property that holds a record's pipeline stage, and the one that holds its pipeline. */
  private record StageProperty(String stage, String pipeline) {}

  private static final Map<String, StageProperty> STAGES =
      Map.of(
          "deals", new StageProperty("dealstage", "pipeline"),
          "tickets", new StageProperty("hs_pipeline_stage", "hs_pipeline"));

  /** Salts the hashes that draw a history apart from those that draw the values. */
  private static final long SALT = 0x5EED_4157_0A1FL;

  /** Labels of the imports and workflows that set values: commas and quotes on purpose. */
  private static final String[] IMPORTS = {
    "Import: leads-2024-q1.csv",
    "Import: \"EMEA, trade fair\" contacts.xlsx",
    "Import: CRM migration"
  };

  private static final String[] WORKFLOWS = {
    "Workflow: Deal follow-up", "Workflow: Lifecycle stage sync", "Workflow: Round robin, EMEA"
  };

  private final Map<ObjectDef, ObjectStore> stores;

  PropertyHistories(Map<ObjectDef, ObjectStore> stores) {
    this.stores = stores;
  }

  /** The history of one property of one record, oldest value first. */
  List<Entry> of(RecordView record, PropertyDef property) {
    ObjectStore store = stores.get(record.def);
    List<Entry> history = new ArrayList<>();
    long[] updates = store.versionTimes(record.index, record.version);
    if (property.kind == PropertyDef.Kind.MODIFIED) {
      lastModified(store, record, updates, history);
      return history;
    }
    RecordView first = store.atVersion(record, 0, store.originalUpdatedAt(record.index));
    generated(first, property, history);
    String last = first.value(property);
    for (int k = 1; k <= updates.length; k++) {
      String value = store.atVersion(record, k, updates[k - 1]).value(property);
      if (!Objects.equals(value, last)) {
        long h = Hashing.mix(record.valueHash(property) ^ SALT * (k + 1));
        history.add(entry(value == null ? "" : value, updates[k - 1], source(h)));
        last = value;
      }
    }
    return history;
  }

  /** The last-modified date: set by HubSpot at creation and at every change since. */
  private static void lastModified(
      ObjectStore store, RecordView record, long[] updates, List<Entry> history) {
    List<Long> times = new ArrayList<>();
    times.add(record.createdAt);
    times.add(store.originalUpdatedAt(record.index));
    for (long t : updates) {
      times.add(t);
    }
    times.add(record.updatedAt); // an edit of links may have moved it without a new version
    long previous = Long.MIN_VALUE;
    for (long t : times) {
      if (t > previous) {
        history.add(entry(Timestamps.iso(t), t, Source.CALCULATED));
        previous = t;
      }
    }
  }

  /** The values a record's property had as it was generated or created, oldest first. */
  private static void generated(RecordView record, PropertyDef property, List<Entry> history) {
    String now = record.value(property);
    if (property.kind == PropertyDef.Kind.ID || property.kind == PropertyDef.Kind.CREATED) {
      history.add(entry(now, record.createdAt, Source.CALCULATED));
      return;
    }
    StageProperty pipelineOf = pipelineProperty(record.def, property);
    if (pipelineOf != null) {
      pipelineOfEachStage(record, pipelineOf, history);
      return;
    }
    long h = Hashing.mix(record.valueHash(property) ^ SALT);
    List<String> values = new ArrayList<>();
    List<String> path = stagePath(record, property, now, h);
    if (path != null) {
      values.addAll(path);
    } else if (now == null) {
      String was = Hashing.below(h, 5) == 0 ? earlierValue(record, property, h, 1) : null;
      if (was != null && !was.isEmpty()) {
        values.add(was); // set once, cleared since
        values.add("");
      }
    } else {
      int count = 1 + Hashing.below(h >>> 8, 3);
      for (int i = count - 1; i >= 1; i--) {
        values.add(earlierValue(record, property, h, i));
      }
      values.add(now);
    }
    values.removeIf(Objects::isNull);
    // an empty value before the last would clear what was never set
    for (int i = values.size() - 2; i >= 0; i--) {
      if (values.get(i).isEmpty()) {
        values.remove(i);
      }
    }
    dropRepeats(values);
    if (values.isEmpty()) {
      return; // never had a value
    }
    long[] times = spread(record.createdAt, record.updatedAt, values.size(), h);
    if (times.length == 1 && now == null) {
      return; // set and cleared within one moment: HubSpot would list no lone clearing
    }
    // a record modified too briefly for every value keeps the first and the last ones
    int skip = values.size() - times.length;
    for (int i = 0; i < times.length; i++) {
      String value = values.get(i == 0 && times.length > 1 ? 0 : i + skip);
      history.add(entry(value, times[i], source(Hashing.mix(h + i))));
    }
  }

  /** The stage property whose pipeline {@code property} holds, or null when it holds none. */
  private static StageProperty pipelineProperty(ObjectDef def, PropertyDef property) {
    StageProperty stage = STAGES.get(def.name);
    return stage != null && stage.pipeline().equals(property.name) ? stage : null;
  }

  /**
   * A pipeline property's history as generated, told from its stage's: the pipeline of each stage
   * the record was in, at the same moments and from the same sources, only where it changes, so
   * that the stage in force always belongs to the pipeline in force (a cleared stage clears it).
   */
  private static void pipelineOfEachStage(
      RecordView record, StageProperty stage, List<Entry> history) {
    PropertyDef stageProperty = record.def.property(stage.stage());
    PropertyDef pipelineProperty = record.def.property(stage.pipeline());
    if (stageProperty == null) {
      return;
    }
    List<Entry> stages = new ArrayList<>();
    generated(record, stageProperty, stages);
    String now = record.value(pipelineProperty);
    String last = null;
    for (Entry e : stages) {
      String pipeline = e.value().isEmpty() ? "" : pipelineOf(record.def, e.value(), now);
      if (pipeline != null && !pipeline.equals(last)) {
        history.add(
            new Entry(
                pipeline,
                e.timestamp(),
                e.sourceType(),
                e.sourceId(),
                e.sourceLabel(),
                e.updatedByUserId()));
        last = pipeline;
      }
    }
  }

  /**
   * The id of the pipeline a stage belongs to, {@code preferred} when that one holds it; null when
   * none does.
   */
  private static String pipelineOf(ObjectDef def, String stageId, String preferred) {
    String found = null;
    for (Pipelines.Pipeline pipeline : Pipelines.of(def.name)) {
      if (pipeline.stages().stream().anyMatch(s -> s.id().equals(stageId))) {
        if (pipeline.id().equals(preferred)) {
          return pipeline.id();
        }
        found = found == null ? pipeline.id() : found;
      }
    }
    return found;
  }

  /** A value the property had before, drawn as the record's values are; null for none. */
  private static String earlierValue(RecordView record, PropertyDef property, long h, int step) {
    return property.value(
        Hashing.mix(h + step * 0x9E3779B97F4A7C15L),
        record.id,
        record.createdIso(),
        record.createdIso());
  }

  /** Drops a value equal to the one before it: a history lists changes. */
  private static void dropRepeats(List<String> values) {
    for (int i = values.size() - 1; i > 0; i--) {
      if (values.get(i).equals(values.get(i - 1))) {
        values.remove(i - 1);
      }
    }
  }

  /**
   * The stages a record's pipeline stage moved through to {@code now}: some of its pipeline's open
   * stages before it, in display order, the first one always; null when the property is no pipeline
   * stage, or {@code now} no stage of the record's pipelines.
   */
  private static List<String> stagePath(
      RecordView record, PropertyDef property, String now, long h) {
    StageProperty stage = STAGES.get(record.def.name);
    if (stage == null || !stage.stage().equals(property.name) || now == null) {
      return null;
    }
    PropertyDef pipelineProperty = record.def.property(stage.pipeline());
    String pipelineId = pipelineProperty == null ? null : record.value(pipelineProperty);
    Pipelines.Pipeline found = null;
    for (Pipelines.Pipeline pipeline : Pipelines.of(record.def.name)) {
      boolean holds = pipeline.stages().stream().anyMatch(s -> s.id().equals(now));
      if (holds && (found == null || pipeline.id().equals(pipelineId))) {
        found = pipeline;
      }
    }
    if (found == null) {
      return null;
    }
    List<String> path = new ArrayList<>();
    for (int i = 0; i < found.stages().size(); i++) {
      Pipelines.Stage s = found.stages().get(i);
      if (s.id().equals(now)) {
        break;
      }
      if (!s.isClosed() && (path.isEmpty() || Hashing.below(Hashing.mix(h + i), 3) != 0)) {
        path.add(s.id());
      }
    }
    path.add(now);
    return path;
  }

  /**
   * {@code count} times from {@code from} to {@code to}, the first at {@code from}, each later one
   * in its own stretch of the span, strictly increasing; fewer when the span has fewer
   * milliseconds.
   */
  private static long[] spread(long from, long to, int count, long h) {
    int n = (int) Math.min(count, Math.max(1, to - from + 1));
    long[] times = new long[n];
    times[0] = from;
    long span = to - from;
    for (int i = 1; i < n; i++) {
      long end = from + span * i / (n - 1);
      long jitter = Hashing.belowLong(Hashing.mix(h ^ i), Math.max(1, span / (2L * (n - 1))));
      times[i] = Math.min(to, Math.max(times[i - 1] + 1, end - jitter));
    }
    return times;
  }

  /** Where a value came from: HubSpot's {@code sourceType}, and an id, label and user. */
  private record Source(String type, String id, String label, Integer userId) {
    static final Source CALCULATED = new Source("CALCULATED", null, null, null);
  }

  private static Source source(long h) {
    int userId = Owners.USERS.get(Hashing.below(h >>> 16, Owners.USERS.size())).userId();
    int kind = Hashing.below(h, 10);
    if (kind < 5) {
      return new Source("CRM_UI", "userId:" + userId, null, userId);
    }
    if (kind < 7) {
      return new Source("API", Long.toString(1_000_000 + (h >>> 40) % 9_000_000), null, null);
    }
    if (kind < 9) {
      return new Source(
          "IMPORT",
          Long.toString(40_000_000 + (h >>> 36) % 9_000_000),
          IMPORTS[Hashing.below(h >>> 24, IMPORTS.length)],
          userId);
    }
    return new Source(
        "AUTOMATION_PLATFORM",
        "enrollmentId:" + (100_000_000 + (h >>> 34) % 900_000_000) + ";actionExecutionIndex:0",
        WORKFLOWS[Hashing.below(h >>> 24, WORKFLOWS.length)],
        null);
  }

  private static Entry entry(String value, long timestamp, Source source) {
    return new Entry(value, timestamp, source.type(), source.id(), source.label(), source.userId());
  }
}
