package dev.hubspotextract.extract;

import java.util.List;

/**
 * The reference tables every pull and sync writes beside the objects: what an analyst needs to read
 * the objects' internal values (owners, pipelines and their stages, the properties and their
 * options). Each is declared here alone, with its columns in file order: HubSpot's field names, the
 * shared ones first.
 */
public enum ReferenceTable {
  OWNERS(
      "owners",
      List.of(
          number("id", "BIGINT"),
          text("email"),
          text("firstName"),
          text("lastName"),
          number("userId", "BIGINT"),
          number("userIdIncludingInactive", "BIGINT"),
          text("type"),
          text("teams"),
          bool("archived"),
          datetime("createdAt"),
          datetime("updatedAt"))),
  PIPELINES(
      "pipelines",
      List.of(
          text("object"),
          text("id"),
          text("label"),
          number("displayOrder", "INTEGER"),
          bool("archived"),
          datetime("createdAt"),
          datetime("updatedAt"))),
  PIPELINE_STAGES(
      "pipeline_stages",
      List.of(
          text("object"),
          text("pipelineId"),
          text("id"),
          text("label"),
          number("displayOrder", "INTEGER"),
          // a share from 0.0 to 1.0 in tenths: DOUBLE holds every value HubSpot sends exactly
          // enough, and no DECIMAL is measured for it
          new Manifest.Column("probability", "number", null, "DOUBLE", null, null),
          text("ticketState"),
          bool("isClosed"),
          bool("archived"),
          datetime("createdAt"),
          datetime("updatedAt"))),
  PROPERTIES(
      "properties",
      List.of(
          text("object"),
          text("name"),
          text("label"),
          text("type"),
          text("fieldType"),
          text("groupName"),
          text("description"),
          bool("calculated"),
          bool("hubspotDefined"),
          text("dataSensitivity"),
          text("referencedObjectType"),
          bool("externalOptions"),
          bool("hasUniqueValue"),
          bool("hidden"),
          number("displayOrder", "INTEGER"))),
  PROPERTY_OPTIONS(
      "property_options",
      List.of(
          text("object"),
          text("property"),
          text("value"),
          text("label"),
          number("displayOrder", "INTEGER"),
          bool("hidden")));

  private final String tableName;
  private final List<Manifest.Column> columns;

  ReferenceTable(String tableName, List<Manifest.Column> columns) {
    this.tableName = tableName;
    this.columns = columns;
  }

  /** The table's name, its file's name without the ending. */
  public String tableName() {
    return tableName;
  }

  /** Its CSV file's name. */
  public String file() {
    return FolderLayout.csvFile(tableName);
  }

  /** Its columns in file order, typed as the manifest lists them. */
  public List<Manifest.Column> columns() {
    return columns;
  }

  /** Its header row. */
  public String[] header() {
    return columns.stream().map(Manifest.Column::name).toArray(String[]::new);
  }

  /** The table of this name, if it is one. */
  public static java.util.Optional<ReferenceTable> named(String name) {
    for (ReferenceTable table : values()) {
      if (table.tableName.equals(name)) {
        return java.util.Optional.of(table);
      }
    }
    return java.util.Optional.empty();
  }

  private static Manifest.Column text(String name) {
    return new Manifest.Column(name, "string", null, null, null, null);
  }

  /** A whole number: 0 decimals, so that every reader types it exactly. */
  private static Manifest.Column number(String name, String sqlType) {
    return new Manifest.Column(name, "number", null, sqlType, 0, null);
  }

  private static Manifest.Column bool(String name) {
    return new Manifest.Column(name, "bool", null, null, null, null);
  }

  private static Manifest.Column datetime(String name) {
    return new Manifest.Column(name, "datetime", null, null, null, null);
  }
}
