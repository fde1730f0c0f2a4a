package dev.hubspotextract.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of an object's labelled view: every column of the object, each labelled one followed by
 * its label. A value's label is found by a join to a {@link LabelLookups} table (one hash join per
 * label column, its key unique, so no record is repeated); a value that lists several ({@code
 * a;b}), and is not itself an option, gets the label of each part in the same order, from a map of
 * the column's labels read once per query. A value without a label is its own label, as HubSpot
 * shows a value it has no option for; a null value has a null label.
 */
final class LabeledView {
  private final PulledTable object;
  private final Map<String, String> columnTypes;
  private final List<LabelColumn> labels;

  private LabeledView(
      PulledTable object, Map<String, String> columnTypes, List<LabelColumn> labels) {
    this.object = object;
    this.columnTypes = columnTypes;
    this.labels = labels;
  }

  /**
   * The SELECT of {@code object}'s labelled view, its columns of {@code columnTypes} (DuckDB's type
   * of each, in order), labelled as {@code labels} say.
   */
  static String select(
      PulledTable object, Map<String, String> columnTypes, List<LabelColumn> labels) {
    return new LabeledView(object, columnTypes, labels).select();
  }

  private String select() {
    List<String> selected = new ArrayList<>();
    List<String> joins = new ArrayList<>();
    for (String column : columnTypes.keySet()) {
      selected.add("o." + Sql.identifier(column));
      for (int i = 0; i < labels.size(); i++) {
        LabelColumn label = labels.get(i);
        if (label.column().equals(column)) {
          selected.add(labelOf(label, i) + " AS " + Sql.identifier(label.labelColumn()));
          joins.add(join(label, i));
        }
      }
    }
    return "SELECT "
        + String.join(", ", selected)
        + " FROM "
        + Sql.identifier(object.table())
        + " AS o"
        + String.join("", joins);
  }

  /** The record's value of {@code column} as text, as the lookups key it. */
  private String value(String column) {
    return LabelLookups.text("o." + Sql.identifier(column), columnTypes.getOrDefault(column, ""));
  }

  private String labelOf(LabelColumn label, int i) {
    String value = value(label.column());
    String found = "l" + i + ".label";
    if (!label.source().multiple()) {
      return "(CASE WHEN "
          + value
          + " IS NULL THEN NULL ELSE coalesce("
          + found
          + ", "
          + value
          + ") END)";
    }
    return "(CASE WHEN "
        + value
        + " IS NULL THEN NULL WHEN "
        + found
        + " IS NOT NULL THEN "
        + found
        + " WHEN contains("
        + value
        + ", ';') THEN array_to_string(list_transform(string_split("
        + value
        + ", ';'), part -> coalesce(m"
        + i
        + ".labels[part], part)), ';') ELSE "
        + value
        + " END)";
  }

  /** The join that finds a record's label, and for a column of several values, its map. */
  private String join(LabelColumn label, int i) {
    String objectName = Sql.literal(object.name());
    String l = "l" + i;
    String value = value(label.column());
    String join =
        switch (label.source()) {
          case OPTIONS ->
              lookup(
                  "SELECT value AS key, label FROM "
                      + LabelLookups.OPTIONS
                      + " WHERE object = "
                      + objectName
                      + " AND property = "
                      + Sql.literal(label.column()),
                  l,
                  value);
          case OWNERS -> lookup("SELECT id AS key, label FROM " + LabelLookups.OWNERS, l, value);
          case PIPELINES ->
              lookup(
                  "SELECT id AS key, label FROM "
                      + LabelLookups.PIPELINES
                      + " WHERE object = "
                      + objectName,
                  l,
                  value);
          case STAGES ->
              lookup(
                      "SELECT id AS key, pipeline, label FROM "
                          + LabelLookups.STAGES
                          + " WHERE object = "
                          + objectName,
                      l,
                      value)
                  + " AND "
                  + l
                  + ".pipeline = "
                  + pipelineOf(label);
        };
    if (!label.source().multiple()) {
      return join;
    }
    String entries =
        label.source() == LabelColumn.Source.OWNERS
            ? "SELECT id AS key, label FROM " + LabelLookups.OWNERS
            : "SELECT value AS key, label FROM "
                + LabelLookups.OPTIONS
                + " WHERE object = "
                + objectName
                + " AND property = "
                + Sql.literal(label.column());
    // one row: the column's labels as a map, for the parts of a value that lists several
    return join
        + " CROSS JOIN (SELECT map_from_entries(coalesce(list({'k': key, 'v': label}), []))"
        + " AS labels FROM ("
        + entries
        + ")) AS m"
        + i;
  }

  private static String lookup(String rows, String alias, String value) {
    return " LEFT JOIN (" + rows + ") AS " + alias + " ON " + alias + ".key = " + value;
  }

  /** The pipeline a record's stage is looked up in: its own, or {@code ''} for any. */
  private String pipelineOf(LabelColumn label) {
    Optional<String> pipeline = label.pipeline();
    return pipeline.isPresent() ? "coalesce(" + value(pipeline.get()) + ", '')" : "''";
  }
}
