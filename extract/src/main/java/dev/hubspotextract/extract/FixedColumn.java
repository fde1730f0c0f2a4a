package dev.hubspotextract.extract;

import java.util.List;

/**
 * A column every file of a kind has, whatever the portal: its name in the CSV header and its type
 * in the manifest. Declared here alone: the pull writes them, and readers of the folder know an
 * object's or association file's columns by them.
 */
public record FixedColumn(String name, String type) {
  public static final FixedColumn ID = new FixedColumn("id", "id");
  public static final FixedColumn FROM_ID = new FixedColumn("from_id", "id");
  public static final FixedColumn TO_ID = new FixedColumn("to_id", "id");

  /** HubSpot's association type id: a small integer, though the manifest calls it a number. */
  public static final FixedColumn ASSOCIATION_TYPE_ID =
      new FixedColumn("association_type_id", "number");

  /** The columns before an object's properties. */
  public static final List<FixedColumn> RECORD =
      List.of(
          ID,
          new FixedColumn("createdAt", "datetime"),
          new FixedColumn("updatedAt", "datetime"),
          new FixedColumn("archived", "bool"));

  /** The columns of an association file. */
  public static final List<FixedColumn> ASSOCIATION =
      List.of(
          FROM_ID,
          TO_ID,
          ASSOCIATION_TYPE_ID,
          new FixedColumn("category", "string"),
          new FixedColumn("label", "string"));

  /**
   * The columns of an object's property history: one row per change, HubSpot's field names. The
   * user id is a whole number the manifest types apart ({@code Manifest.HistoryEntry}).
   */
  public static final List<FixedColumn> HISTORY =
      List.of(
          ID,
          new FixedColumn("property", "string"),
          new FixedColumn("value", "string"),
          new FixedColumn("timestamp", "datetime"),
          new FixedColumn("sourceType", "string"),
          new FixedColumn("sourceId", "string"),
          new FixedColumn("sourceLabel", "string"),
          new FixedColumn("updatedByUserId", "number"));

  public static List<String> names(List<FixedColumn> columns) {
    return columns.stream().map(FixedColumn::name).toList();
  }
}
