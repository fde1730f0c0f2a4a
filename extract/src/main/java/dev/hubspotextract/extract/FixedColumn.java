package dev.hubspotextract.extract;

import java.util.List;

/**
 * A column every file of a kind has, whatever the portal: its name in the CSV header and its type
 * in the manifest.
 */
record FixedColumn(String name, String type) {
  /** The columns before an object's properties. */
  static final List<FixedColumn> RECORD =
      List.of(
          new FixedColumn("id", "id"),
          new FixedColumn("createdAt", "datetime"),
          new FixedColumn("updatedAt", "datetime"),
          new FixedColumn("archived", "bool"));

  /** The columns of an association file. */
  static final List<FixedColumn> ASSOCIATION =
      List.of(
          new FixedColumn("from_id", "id"),
          new FixedColumn("to_id", "id"),
          new FixedColumn("association_type_id", "number"),
          new FixedColumn("category", "string"),
          new FixedColumn("label", "string"));

  static List<String> names(List<FixedColumn> columns) {
    return columns.stream().map(FixedColumn::name).toList();
  }
}
