package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.ReferenceTable;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lookup tables {@code --labels} joins records to, built once from the folder's reference
 * tables into a schema of their own ({@value #SCHEMA}), outside the tables a query sees: one row
 * per key, so that a join to them never repeats a record. A reference table the folder lacks leaves
 * its lookup empty, and each of its values is then its own label.
 */
final class LabelLookups {
  static final String SCHEMA = "__labels";
  static final String OPTIONS = SCHEMA + ".options";
  static final String OWNERS = SCHEMA + ".owners";
  static final String PIPELINES = SCHEMA + ".pipelines";
  static final String STAGES = SCHEMA + ".stages";

  /**
   * The columns each reference table is read by: by a lookup, or for {@code properties} by {@link
   * LabelColumns#read}; a table without them is not read.
   */
  private static final Map<ReferenceTable, List<String>> READS =
      new EnumMap<>(
          Map.of(
              ReferenceTable.PROPERTIES, List.of("object", "name", "type"),
              ReferenceTable.PROPERTY_OPTIONS, List.of("object", "property", "value", "label"),
              ReferenceTable.OWNERS, List.of("id", "email", "firstName", "lastName"),
              ReferenceTable.PIPELINES, List.of("object", "id", "label"),
              ReferenceTable.PIPELINE_STAGES, List.of("object", "pipelineId", "id", "label")));

  private final PulledDatabase db;

  private LabelLookups(PulledDatabase db) {
    this.db = db;
  }

  /**
   * Builds the lookups from the reference tables in {@code usable} (each present, with the columns
   * it needs), the others empty.
   */
  static void create(PulledDatabase db, Set<ReferenceTable> usable) {
    new LabelLookups(db).create(usable);
  }

  /**
   * The columns {@code --labels} reads of {@code table} that it lacks; empty when it has them all.
   */
  static List<String> missingColumns(PulledDatabase db, PulledTable table, ReferenceTable kind) {
    Set<String> has = db.columnTypes(table.table()).keySet();
    return READS.getOrDefault(kind, List.of()).stream().filter(c -> !has.contains(c)).toList();
  }

  private void create(Set<ReferenceTable> usable) {
    List<String> statements = new ArrayList<>();
    statements.add("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
    statements.add(
        "CREATE OR REPLACE TABLE "
            + OPTIONS
            + (usable.contains(ReferenceTable.PROPERTY_OPTIONS)
                ? " AS " + options()
                : " (object VARCHAR, property VARCHAR, value VARCHAR, label VARCHAR)"));
    statements.add(
        "CREATE OR REPLACE TABLE "
            + OWNERS
            + (usable.contains(ReferenceTable.OWNERS)
                ? " AS " + owners()
                : " (id VARCHAR, label VARCHAR)"));
    statements.add(
        "CREATE OR REPLACE TABLE "
            + PIPELINES
            + (usable.contains(ReferenceTable.PIPELINES)
                ? " AS " + pipelines()
                : " (object VARCHAR, id VARCHAR, label VARCHAR)"));
    statements.add(
        "CREATE OR REPLACE TABLE "
            + STAGES
            + (usable.contains(ReferenceTable.PIPELINE_STAGES)
                ? " AS " + stages(usable.contains(ReferenceTable.PIPELINES))
                : " (object VARCHAR, pipeline VARCHAR, id VARCHAR, label VARCHAR)"));
    try (Statement statement = db.connection().createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new AnalyzeException(
          "cannot read the reference tables of " + db.folder().dir() + ": " + e.getMessage(), e);
    }
  }

  /** An enumeration's options: one label per (object, property, value). */
  private String options() {
    return labelPer(columnsOf(ReferenceTable.PROPERTY_OPTIONS), "object", "property", "value");
  }

  /**
   * An owner's name, "first last", else their email, else their id; an owner listed twice (active
   * and archived) is named as the active one.
   */
  private String owners() {
    Column c = columnsOf(ReferenceTable.OWNERS);
    String name =
        "coalesce(nullif(trim(concat_ws(' ', "
            + c.text("firstName")
            + ", "
            + c.text("lastName")
            + ")), ''), nullif(trim("
            + c.text("email")
            + "), ''), "
            + c.text("id")
            + ")";
    String archived =
        c.has("archived")
            ? "coalesce(TRY_CAST(" + c.quoted("archived") + " AS BOOLEAN), false)"
            : "false";
    return "SELECT "
        + c.text("id")
        + " AS id, first("
        + name
        + " ORDER BY "
        + archived
        + ", "
        + name
        + ") AS label FROM "
        + c.table()
        + " WHERE "
        + c.quoted("id")
        + " IS NOT NULL GROUP BY ALL";
  }

  /** A pipeline's label: one per (object, id). */
  private String pipelines() {
    return labelPer(columnsOf(ReferenceTable.PIPELINES), "object", "id");
  }

  /**
   * One label per key, the least where the table repeats a key; rows without the last key (the
   * table's own id) left out. Each key keeps its column's name.
   */
  private static String labelPer(Column c, String... keys) {
    StringBuilder select = new StringBuilder("SELECT ");
    for (String key : keys) {
      select.append(c.text(key)).append(" AS ").append(key).append(", ");
    }
    return select
        + "min("
        + c.text("label")
        + ") AS label FROM "
        + c.table()
        + " WHERE "
        + c.quoted(keys[keys.length - 1])
        + " IS NOT NULL GROUP BY ALL";
  }

  /**
   * A stage's label within its pipeline and, under the pipeline {@code ''}, for a record without
   * one: the label of the first stage of that id, in pipeline order, then stage order.
   */
  private String stages(boolean withPipelines) {
    Column c = columnsOf(ReferenceTable.PIPELINE_STAGES);
    String stageOrder =
        c.has("displayOrder") ? "TRY_CAST(" + c.quoted("displayOrder") + " AS DOUBLE)" : "NULL";
    String pipelineOrder = "NULL";
    String join = "";
    if (withPipelines) {
      Column p = columnsOf(ReferenceTable.PIPELINES);
      if (p.has("displayOrder")) {
        pipelineOrder = "TRY_CAST(p." + Sql.identifier("displayOrder") + " AS DOUBLE)";
        join =
            " LEFT JOIN (SELECT "
                + p.text("object")
                + " AS object, "
                + p.text("id")
                + " AS id, min("
                + "TRY_CAST("
                + p.quoted("displayOrder")
                + " AS DOUBLE)) AS "
                + Sql.identifier("displayOrder")
                + " FROM "
                + p.table()
                + " GROUP BY ALL) AS p ON p.object = s.object AND p.id = s.pipeline";
      }
    }
    return "WITH s AS (SELECT "
        + c.text("object")
        + " AS object, "
        + c.text("pipelineId")
        + " AS pipeline, "
        + c.text("id")
        + " AS id, "
        + c.text("label")
        + " AS label, "
        + stageOrder
        + " AS stage_order FROM "
        + c.table()
        + " WHERE "
        + c.quoted("id")
        + " IS NOT NULL), ordered AS (SELECT s.*, "
        + pipelineOrder
        + " AS pipeline_order FROM s"
        + join
        + ") SELECT object, pipeline, id, min(label) AS label FROM ordered"
        + " WHERE pipeline <> '' GROUP BY ALL"
        + " UNION ALL SELECT object, '' AS pipeline, id, first(label ORDER BY pipeline_order"
        + " NULLS LAST, pipeline NULLS LAST, stage_order NULLS LAST, label) AS label FROM ordered"
        + " GROUP BY ALL";
  }

  private Column columnsOf(ReferenceTable reference) {
    PulledTable table =
        db.folder()
            .reference(reference)
            .orElseThrow(() -> new IllegalStateException(reference + " is not in the folder"));
    return new Column(table.table(), db.columnTypes(table.table()));
  }

  /** The columns of one reference table, as the lookups read them. */
  private record Column(String name, Map<String, String> types) {
    String table() {
      return Sql.identifier(name);
    }

    boolean has(String column) {
      return types.containsKey(column);
    }

    String quoted(String column) {
      return Sql.identifier(column);
    }

    /** The column as text, keys compared as the records hold them. */
    String text(String column) {
      return LabelLookups.text(quoted(column), Optional.ofNullable(types.get(column)).orElse(""));
    }
  }

  /**
   * {@code expression} of DuckDB type {@code sqlType} as the text a record holds: a whole number
   * without decimals ({@code 100000001}, not {@code 100000001.0}), so that an id read as a number
   * still matches its text.
   */
  static String text(String expression, String sqlType) {
    String type = sqlType.toUpperCase(Locale.ROOT);
    if (type.equals("VARCHAR")) {
      return expression;
    }
    if (type.startsWith("DECIMAL") || type.equals("DOUBLE") || type.equals("FLOAT")) {
      return "(CASE WHEN "
          + expression
          + " = trunc("
          + expression
          + ") THEN coalesce(CAST(TRY_CAST("
          + expression
          + " AS HUGEINT) AS VARCHAR), CAST("
          + expression
          + " AS VARCHAR)) ELSE CAST("
          + expression
          + " AS VARCHAR) END)";
    }
    return "CAST(" + expression + " AS VARCHAR)";
  }
}
