package dev.hubspotextract.extract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hubspotextract.client.DataSensitivity;
import dev.hubspotextract.client.PropertyDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code manifest.json}, as the README's "Output format" section fixes it: what a pull wrote, read
 * and written here alone. Its fields are the JSON's, in the JSON's order; an absent one is null (an
 * empty list for the lists), so a manifest of an earlier version reads, and a field this version
 * does not know is ignored.
 *
 * @param histories the property histories written ({@code --history}); empty when none were asked
 *     for
 * @param excel whether the CSV cells were guarded for a spreadsheet (see {@link FormulaGuard})
 * @param references the reference tables ({@link ReferenceTable}), in that order
 * @param removed the files of the pull this one replaced that it did not write again
 * @param syncedAt when a sync last brought the folder up to date; null before the first sync
 * @param syncing set while a sync replaces the folder's files, saying so: a folder whose manifest
 *     still has it was left by a sync stopped half way, and its files may mix two states until the
 *     next sync ends
 * @param request what the pull was asked for, which a sync of the folder must ask for too; null in
 *     a manifest of an earlier version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    String tool,
    String version,
    String format,
    boolean excel,
    String source,
    String startedAt,
    String finishedAt,
    List<ObjectEntry> objects,
    List<AssociationEntry> associations,
    List<ReferenceEntry> references,
    List<HistoryEntry> histories,
    List<Failure> failures,
    List<String> removed,
    String syncedAt,
    String syncing,
    Selection request) {
  /** Who writes the manifests whose files a pull may replace. */
  public static final String TOOL = "hubspot-extract";

  static final String FAILED = "failed";

  /** The status of a table written whole. */
  static final String COMPLETE = "complete";

  /** The status of an object whose sync failed: its file and mark are the last sync's. */
  static final String STALE = "stale";

  /** A name an object of the plan can have: the others are not files. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT); // a decimals of 2.5 is no count

  public Manifest {
    objects = listOrEmpty(objects);
    associations = listOrEmpty(associations);
    references = listOrEmpty(references);
    histories = listOrEmpty(histories);
    failures = listOrEmpty(failures);
    removed = listOrEmpty(removed);
  }

  /**
   * The manifest of {@code result}; {@code removed} are the files of the pull it replaces that it
   * did not write again, deleted once it is in place; {@code excel} says whether {@link ExcelFiles}
   * made its CSV files for a spreadsheet, or left them as HubSpot sent them.
   */
  public static Manifest ofRun(
      RunResult result, PullRequest request, String version, List<String> removed, boolean excel) {
    Plan plan = result.plan();
    List<ObjectEntry> objects =
        new ArrayList<>(entries(plan.objects(), result.objects(), ObjectEntry::of));
    for (TaskFailure failure : plan.failedObjects()) {
      if (PLAIN_NAME.matcher(failure.subject()).matches()) {
        // not the custom objects as a whole, nor one whose name or type id was refused
        objects.add(ObjectEntry.failedInPlanning(failure.subject()));
      }
    }
    return new Manifest(
        TOOL,
        version,
        FolderLayout.CSV_FORMAT,
        excel, // cells guarded against formulas: readers drop one leading quote
        plan.source(),
        result.startedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
        result.finishedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
        objects,
        entries(plan.pairs(), result.associations(), AssociationEntry::of),
        result.references().stream().map(ReferenceEntry::of).toList(),
        entries(plan.histories(), result.histories(), HistoryEntry::of),
        result.failures().stream().map(Failure::of).toList(),
        removed,
        null,
        null,
        Selection.of(request));
  }

  /**
   * The entry of each planned table with its task's result, in the plan's order; a table after the
   * last result (a run stopped before its task) gets none, and is failed.
   */
  private static <P, E> List<E> entries(
      List<P> planned, List<TaskResult> results, BiFunction<P, TaskResult, E> entryOf) {
    List<E> entries = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      entries.add(entryOf.apply(planned.get(i), i < results.size() ? results.get(i) : null));
    }
    return entries;
  }

  /** Reads a manifest; a file that is not JSON, or not a manifest's, fails to. */
  public static Manifest read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), Manifest.class);
  }

  /**
   * Writes this manifest into {@code dir}: as an unfinished file in the private folder, renamed
   * over the one there, so a reader never sees half of it.
   */
  public Path write(Path dir, FileMode mode) throws IOException {
    Path target = FolderLayout.of(dir).manifest();
    Path partial = FolderLayout.partialOf(target);
    OutputFolder.privateFolder(dir);
    try (OutputStream out = NewFiles.stream(partial, mode)) {
      JSON.writeValue(out, this);
    }
    FileMoves.replace(partial, target);
    return target;
  }

  /** Whether this tool wrote it: only then are the files it lists the tool's to replace. */
  public boolean writtenByTheTool() {
    return TOOL.equals(tool);
  }

  /**
   * Every table it lists, in its order: objects, association files, reference tables, property
   * histories.
   */
  public List<TableEntry> tables() {
    return Stream.of(objects, associations, references, histories)
        .flatMap(List::stream)
        .map(TableEntry.class::cast)
        .toList();
  }

  /** The records of every object it lists. */
  public long totalRecords() {
    return objects.stream().mapToLong(ObjectEntry::records).sum();
  }

  /**
   * This manifest for a folder converted from this one's to {@code format}, each table moved as
   * {@code moved} says; {@code removed} are the files of the converted folder's earlier pull that
   * the conversion did not write again and deleted.
   */
  public Manifest convertedTo(
      String format, Function<TableEntry, Place> moved, List<String> removed) {
    return new Manifest(
        tool,
        version,
        format,
        excel,
        source,
        startedAt,
        finishedAt,
        objects.stream().map(entry -> entry.at(moved.apply(entry))).toList(),
        associations.stream().map(entry -> entry.at(moved.apply(entry))).toList(),
        references.stream().map(entry -> entry.at(moved.apply(entry))).toList(),
        histories.stream().map(entry -> entry.at(moved.apply(entry))).toList(),
        failures,
        removed,
        syncedAt,
        syncing,
        request);
  }

  /**
   * This manifest saying that a sync started at {@code startedAt} is replacing the folder's files:
   * until the sync writes its own, the files may be a mix of the two.
   */
  public Manifest syncingSince(String startedAt) {
    return new Manifest(
        tool,
        version,
        format,
        excel,
        source,
        this.startedAt,
        finishedAt,
        objects,
        associations,
        references,
        histories,
        failures,
        removed,
        syncedAt,
        "a sync started at "
            + startedAt
            + " was replacing files: some may be that sync's, some older, until a sync ends",
        request);
  }

  /**
   * Where a table is once its folder is converted.
   *
   * @param table the table's name in the file, or null where the file holds only it
   */
  public record Place(String file, String table) {}

  /** An entry for one table of the folder. */
  public sealed interface TableEntry
      permits ObjectEntry, AssociationEntry, ReferenceEntry, HistoryEntry {
    /**
     * The table's name as the pull wrote it: the object's name, {@code from_to}, a reference
     * table's name, or {@code {object}_property_history}.
     */
    String tableName();

    /** Its file, relative to the folder; null in a hand-made manifest that leaves it out. */
    String file();

    /** Its table in the file, or null where the file holds only it. */
    String table();

    List<Column> columns();

    String status();

    /** Whether the pull recorded it as failed: its file may be missing or an earlier one's. */
    default boolean failed() {
      return FAILED.equalsIgnoreCase(status());
    }
  }

  /**
   * An object's entry.
   *
   * @param schemaName HubSpot's name of a custom object written under another one
   * @param renamed why it was ({@link ObjectType#renamed})
   * @param idsOutOfOrder records its list sent out of id order; null when it kept to id order
   * @param table its table in a DuckDB file; null in the other formats
   * @param mark HubSpot's time when the records of the file were read, less nothing: a sync finds
   *     changes made since it (less its lookback); null where it is not known, and a sync then
   *     pulls the object whole
   * @param lastSync what the last sync changed in it; null before one
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ObjectEntry(
      String name,
      String objectTypeId,
      String schemaName,
      String renamed,
      String file,
      long records,
      String status,
      Skipped sensitivePropertiesSkipped,
      Skipped highlySensitivePropertiesSkipped,
      Long idsOutOfOrder,
      Long duplicateIdsDropped,
      List<Column> columns,
      String table,
      String mark,
      SyncCounts lastSync)
      implements TableEntry {
    public ObjectEntry {
      columns = listOrEmpty(columns);
    }

    static ObjectEntry of(PlannedObject object, TaskResult task) {
      ObjectType type = object.type();
      List<Column> columns = new ArrayList<>();
      for (FixedColumn fixed : FixedColumn.RECORD) {
        columns.add(Column.of(fixed));
      }
      for (PropertyDefinition property : object.properties()) {
        DecimalFit fit = task == null ? null : task.decimals().get(property.name());
        columns.add(Column.of(property, fit));
      }
      ListOrder order = task == null ? ListOrder.IN_ORDER : task.listOrder();
      return new ObjectEntry(
          type.name(),
          type.objectTypeId(),
          type.renamed() ? type.schemaName() : null,
          type.renamed()
              ? "HubSpot's name "
                  + type.schemaName()
                  + " belongs to a standard object, an association file or one of the tool's own"
                  + " files"
              : null,
          FolderLayout.csvFile(type.name()),
          task == null ? 0 : task.rows(),
          statusOf(task),
          Skipped.of(object.skipped().get(DataSensitivity.SENSITIVE)),
          Skipped.of(object.skipped().get(DataSensitivity.HIGHLY_SENSITIVE)),
          order.inOrder() ? null : order.idsOutOfOrder(),
          order.inOrder() ? null : order.duplicateIdsDropped(),
          columns,
          null,
          // a mark vouches for a whole file: none for one the run did not finish
          task == null || !task.completed() || task.mark() == null ? null : task.mark().toString(),
          null);
    }

    /** An object that failed before its file was begun: no columns are known. */
    static ObjectEntry failedInPlanning(String name) {
      return new ObjectEntry(
          name,
          null,
          null,
          null,
          FolderLayout.csvFile(name),
          0,
          FAILED,
          null,
          null,
          null,
          null,
          List.of(),
          null,
          null,
          null);
    }

    @Override
    public String tableName() {
      return name == null ? "" : name;
    }

    /** This entry as it stays when a sync of the object fails: its file and mark unchanged. */
    ObjectEntry stale() {
      return new ObjectEntry(
          name,
          objectTypeId,
          schemaName,
          renamed,
          file,
          records,
          failed() ? status : STALE,
          sensitivePropertiesSkipped,
          highlySensitivePropertiesSkipped,
          idsOutOfOrder,
          duplicateIdsDropped,
          columns,
          table,
          mark,
          null);
    }

    /** This entry with what the sync that wrote it changed. */
    ObjectEntry withLastSync(SyncCounts counts) {
      return new ObjectEntry(
          name,
          objectTypeId,
          schemaName,
          renamed,
          file,
          records,
          status,
          sensitivePropertiesSkipped,
          highlySensitivePropertiesSkipped,
          idsOutOfOrder,
          duplicateIdsDropped,
          columns,
          table,
          mark,
          counts);
    }

    ObjectEntry at(Place place) {
      return new ObjectEntry(
          name,
          objectTypeId,
          schemaName,
          renamed,
          place.file(),
          records,
          status,
          sensitivePropertiesSkipped,
          highlySensitivePropertiesSkipped,
          idsOutOfOrder,
          duplicateIdsDropped,
          columns,
          place.table(),
          mark,
          lastSync);
    }
  }

  /**
   * What a pull was asked for, as typed: a sync of its folder must ask for the same.
   *
   * @param objects object names as typed (empty: the standard objects; {@code all}: every one)
   * @param properties property names kept (empty: every one)
   * @param recordLimit the pull's {@code --count}, or null for every record
   * @param sensitivity the sensitive levels pulled besides the non-sensitive properties
   * @param associations the association files asked for: {@code default}, {@code none}, or each
   *     pair as {@code from:to}, with {@code #id,id} for a pair of chosen records
   * @param history the property histories asked for, as typed ({@code dealstage}, {@code
   *     deals.amount}, {@code all}); empty for none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Selection(
      List<String> objects,
      List<String> properties,
      Long recordLimit,
      List<String> sensitivity,
      List<String> associations,
      List<String> history) {
    public Selection {
      objects = listOrEmpty(objects);
      properties = listOrEmpty(properties);
      sensitivity = listOrEmpty(sensitivity);
      associations = listOrEmpty(associations);
      history = listOrEmpty(history);
    }

    /** The request's selection; null for none (a run built without one cannot be synced). */
    static Selection of(PullRequest request) {
      if (request == null) {
        return null;
      }
      return new Selection(
          request.objects(),
          request.properties(),
          request.recordLimit().isPresent() ? request.recordLimit().getAsLong() : null,
          request.sensitivity().stream()
              .map(level -> level.name().toLowerCase(Locale.ROOT))
              .sorted()
              .toList(),
          associationsOf(request.associations()),
          request.history());
    }

    private static List<String> associationsOf(AssociationSelection selection) {
      if (selection instanceof AssociationSelection.Listed listed) {
        return listed.pairs().stream()
            .map(
                pair ->
                    pair + (pair.fromIds().isEmpty() ? "" : "#" + String.join(",", pair.fromIds())))
            .toList();
      }
      return List.of(selection instanceof AssociationSelection.None ? "none" : "default");
    }
  }

  /**
   * What one sync did to an object's file.
   *
   * @param updated records changed since the last sync, their rows replaced
   * @param added records new since the last sync; for an object pulled whole, its records
   * @param archived rows removed as HubSpot lists their records as archived
   * @param deleted rows removed as their records are gone from every list ({@code
   *     --verify-deletes}), or found by id gone since they changed
   * @param requests the requests the sync of the object made
   * @param pulledWhole why the object was pulled whole instead, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SyncCounts(
      long updated, long added, long archived, long deleted, long requests, String pulledWhole) {}

  /**
   * An association pair's entry.
   *
   * @param idsOutOfOrder ids of the from-object's live list (an object not pulled) that came out of
   *     id order; null when it kept to id order
   * @param table its table in a DuckDB file; null in the other formats
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AssociationEntry(
      String from,
      String to,
      String file,
      long rows,
      String status,
      Long idsOutOfOrder,
      Long duplicateIdsDropped,
      List<Column> columns,
      String table)
      implements TableEntry {
    public AssociationEntry {
      columns = listOrEmpty(columns);
    }

    static AssociationEntry of(AssociationPair pair, TaskResult task) {
      ListOrder fromIds = task == null ? ListOrder.IN_ORDER : task.listOrder();
      return new AssociationEntry(
          pair.from().name(),
          pair.to().name(),
          FolderLayout.csvFile(pair.name()),
          task == null ? 0 : task.rows(),
          statusOf(task),
          fromIds.inOrder() ? null : fromIds.idsOutOfOrder(),
          fromIds.inOrder() ? null : fromIds.duplicateIdsDropped(),
          FixedColumn.ASSOCIATION.stream().map(Column::of).toList(),
          null);
    }

    @Override
    public String tableName() {
      return FolderLayout.pairTable(Objects.toString(from, ""), Objects.toString(to, ""));
    }

    /** This entry as it stays when a sync cannot bring its file up to date. */
    AssociationEntry stale() {
      return new AssociationEntry(
          from,
          to,
          file,
          rows,
          failed() ? status : STALE,
          idsOutOfOrder,
          duplicateIdsDropped,
          columns,
          table);
    }

    AssociationEntry at(Place place) {
      return new AssociationEntry(
          from,
          to,
          place.file(),
          rows,
          status,
          idsOutOfOrder,
          duplicateIdsDropped,
          columns,
          place.table());
    }
  }

  /**
   * A reference table's entry ({@link ReferenceTable}).
   *
   * @param status {@code complete}, {@code failed}, {@code skipped}: not written, as the token
   *     lacks {@code missingScope}, and its file absent, or after a sync that could not read it
   *     again, {@code stale}: its file the one before
   * @param missingScope the scope to add to the private app for it, when skipped
   * @param table its table in a DuckDB file; null in the other formats
   * @param objectsLeftOut the objects whose rows the written table lacks (their pipelines refused
   *     or failed), absent when none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReferenceEntry(
      String name,
      String file,
      long rows,
      String status,
      List<Column> columns,
      String missingScope,
      String table,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LeftOut> objectsLeftOut)
      implements TableEntry {
    public ReferenceEntry {
      columns = listOrEmpty(columns);
      objectsLeftOut = listOrEmpty(objectsLeftOut);
    }

    /**
     * An object whose rows a reference table lacks.
     *
     * @param status {@code skipped} (the token lacks {@code missingScope}) or {@code failed} (see
     *     the manifest's failures)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeftOut(String object, String status, String missingScope) {}

    static ReferenceEntry of(ReferenceResult result) {
      return new ReferenceEntry(
          result.name(),
          result.table().file(),
          result.rows(),
          result.status(),
          result.table().columns(),
          result.missingScope(),
          null,
          result.leftOut().stream()
              .map(left -> new LeftOut(left.object(), left.status(), left.missingScope()))
              .toList());
    }

    @Override
    public String tableName() {
      return name == null ? "" : name;
    }

    /**
     * Skipped or failed: its file is absent (a reader treats it as it does a failed one); a stale
     * one's is there, as the sync before left it.
     */
    @Override
    public boolean failed() {
      return !COMPLETE.equalsIgnoreCase(status) && !isStale();
    }

    /** Whether a sync could not read the table again, and kept the file the one before wrote. */
    public boolean isStale() {
      return STALE.equalsIgnoreCase(status);
    }

    /** This entry as it stays when a sync cannot read the table again: its file unchanged. */
    ReferenceEntry stale() {
      return new ReferenceEntry(
          name,
          file,
          rows,
          failed() ? status : STALE,
          columns,
          missingScope,
          table,
          objectsLeftOut);
    }

    ReferenceEntry at(Place place) {
      return new ReferenceEntry(
          name, place.file(), rows, status, columns, missingScope, place.table(), objectsLeftOut);
    }
  }

  /**
   * An object's property history: one row per change of the properties asked for.
   *
   * @param object the object's name, as its own entry has it
   * @param properties the properties whose changes it holds, in the order asked for
   * @param table its table in a DuckDB file; null in the other formats
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HistoryEntry(
      String object,
      String file,
      long rows,
      String status,
      List<String> properties,
      List<Column> columns,
      String table)
      implements TableEntry {
    public HistoryEntry {
      properties = listOrEmpty(properties);
      columns = listOrEmpty(columns);
    }

    /** The columns of every history file, typed: the user id a whole number, as it is. */
    static final List<Column> COLUMNS =
        FixedColumn.HISTORY.stream()
            .map(
                fixed ->
                    fixed.name().equals("updatedByUserId")
                        ? new Column(fixed.name(), fixed.type(), null, "BIGINT", 0, null)
                        : Column.of(fixed))
            .toList();

    static HistoryEntry of(PlannedHistory history, TaskResult task) {
      return new HistoryEntry(
          history.type().name(),
          FolderLayout.csvFile(history.name()),
          task == null ? 0 : task.rows(),
          statusOf(task),
          history.properties(),
          COLUMNS,
          null);
    }

    @Override
    public String tableName() {
      return FolderLayout.historyTable(Objects.toString(object, ""));
    }

    /** This entry as it stays when a sync cannot bring its file up to date. */
    HistoryEntry stale() {
      return new HistoryEntry(
          object, file, rows, failed() ? status : STALE, properties, columns, table);
    }

    HistoryEntry at(Place place) {
      return new HistoryEntry(
          object, place.file(), rows, status, properties, columns, place.table());
    }
  }

  /**
   * A column of a table, in file order.
   *
   * @param type HubSpot's type ({@code number}, {@code datetime}, …), or a fixed column's
   * @param fieldType HubSpot's field type, for a property
   * @param sqlType the SQL type its values fit, for a number property the pull measured
   * @param decimals the most decimals a value of it has, when they fit a DECIMAL
   * @param doubleBecause why its values are read as DOUBLE, when they do not
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Column(
      String name,
      String type,
      String fieldType,
      String sqlType,
      Integer decimals,
      String doubleBecause) {
    static Column of(FixedColumn fixed) {
      return new Column(fixed.name(), fixed.type(), null, null, null, null);
    }

    static Column of(PropertyDefinition property, DecimalFit fit) {
      String type = property.type() == null ? "string" : property.type();
      if (fit == null) {
        return new Column(property.name(), type, property.fieldType(), null, null, null);
      }
      return new Column(
          property.name(),
          type,
          property.fieldType(),
          fit.sqlType(),
          fit.fits() ? fit.decimals() : null,
          fit.notDecimal());
    }
  }

  /**
   * How many properties of a sensitivity level were left out; -1 when the token cannot list them.
   */
  public record Skipped(int count) {
    private static final String UNKNOWN = "unknown (the token cannot list them)";

    /** The count of a level, or null for a level pulled. */
    static Skipped of(Integer count) {
      return count == null ? null : new Skipped(count < 0 ? -1 : count);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Skipped fromJson(Object value) {
      return new Skipped(value instanceof Number number ? number.intValue() : -1);
    }

    @JsonValue
    Object toJson() {
      return count < 0 ? UNKNOWN : count;
    }
  }

  /**
   * A failed object, association file or reference table, as the run reported it.
   *
   * @param object the object's name, for an object
   * @param association the pair's name ({@code deals_companies}), for an association file
   * @param reference the reference table's name ({@code owners}), for one
   * @param history the history's name ({@code deals_property_history}), for a property history
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Failure(
      String object,
      String association,
      String reference,
      String history,
      String kind,
      String message) {
    public Failure(String object, String association, String kind, String message) {
      this(object, association, null, null, kind, message);
    }

    static Failure of(TaskFailure failure) {
      // a custom object never has a reference table's name, nor a pair a history's (ServerNames
      // reserves both)
      boolean reference =
          !failure.association() && ReferenceTable.named(failure.subject()).isPresent();
      boolean history = failure.association() && FolderLayout.isHistoryTable(failure.subject());
      return new Failure(
          failure.association() || reference ? null : failure.subject(),
          failure.association() && !history ? failure.subject() : null,
          reference ? failure.subject() : null,
          history ? failure.subject() : null,
          failure.category().label(),
          failure.message());
    }
  }

  private static String statusOf(TaskResult task) {
    return task != null && task.completed() ? COMPLETE : FAILED;
  }

  private static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
