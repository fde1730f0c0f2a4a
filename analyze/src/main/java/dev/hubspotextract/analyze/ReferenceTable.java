package dev.hubspotextract.analyze;

import java.util.Arrays;
import java.util.Optional;

/**
 * The reference tables a pull writes beside the objects: what the internal values in records mean
 * (owner ids, pipeline and stage ids, option values), the tables {@code --labels} reads.
 */
public enum ReferenceTable {
  OWNERS("owners"),
  PIPELINES("pipelines"),
  PIPELINE_STAGES("pipeline_stages"),
  PROPERTIES("properties"),
  PROPERTY_OPTIONS("property_options");

  /** How a history table's name ends: {@code deals_property_history}. */
  static final String HISTORY_SUFFIX = "_property_history";

  private final String tableName;

  ReferenceTable(String tableName) {
    this.tableName = tableName;
  }

  /** Its name, as a table and in the manifest's {@code references}. */
  public String tableName() {
    return tableName;
  }

  /** The reference table of this name, if it is one. */
  static Optional<ReferenceTable> named(String name) {
    return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst();
  }
}
