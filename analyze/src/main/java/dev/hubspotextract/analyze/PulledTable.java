package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.Manifest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One table of a pulled folder: an object's records, an association pair's links, a reference table
 * (owners, pipelines, properties, …) or an object's property history.
 *
 * @param name the object's name ({@code deals}); for an association {@code from_to}; for a
 *     reference table its name ({@code owners}); for a history {@code deals_property_history}
 * @param table the SQL table name: the file name without its extension ({@code deals_companies})
 * @param file the file holding it, relative to the folder
 * @param kind what its rows are
 * @param failed whether the pull recorded it as failed
 * @param missingScope the scope a reference table needs that the pull's token lacked, so that it
 *     was not written; null otherwise
 * @param declaredTypes column types from the manifest, by column name; columns not listed are text
 * @param objectsLeftOut for a reference table written without some objects' rows (their pipelines
 *     refused or failed), those objects; empty otherwise
 */
public record PulledTable(
    String name,
    String table,
    String file,
    Kind kind,
    boolean failed,
    String missingScope,
    Map<String, ColumnType> declaredTypes,
    List<Manifest.ReferenceEntry.LeftOut> objectsLeftOut) {
  /** What a table's rows are. */
  public enum Kind {
    /** Records of one object, one per row. */
    OBJECT,
    /** Links from one object to another. */
    ASSOCIATION,
    /** Owners, pipelines, pipeline stages, properties or property options. */
    REFERENCE,
    /** The changes of an object's properties. */
    HISTORY
  }

  public PulledTable {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(table, "table is null");
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(kind, "kind is null");
    declaredTypes = Map.copyOf(declaredTypes);
    objectsLeftOut = List.copyOf(objectsLeftOut);
  }

  /** A table of every object's rows. */
  public PulledTable(
      String name,
      String table,
      String file,
      Kind kind,
      boolean failed,
      String missingScope,
      Map<String, ColumnType> declaredTypes) {
    this(name, table, file, kind, failed, missingScope, declaredTypes, List.of());
  }

  /** How a reference table lacks {@code object}'s rows, if it was written without them. */
  public Optional<Manifest.ReferenceEntry.LeftOut> leftOut(String object) {
    return objectsLeftOut.stream().filter(left -> object.equals(left.object())).findFirst();
  }

  public boolean association() {
    return kind == Kind.ASSOCIATION;
  }

  public boolean object() {
    return kind == Kind.OBJECT;
  }

  /** The scope a reference table needs, when the pull skipped it for want of that scope. */
  public Optional<String> scopeLacked() {
    return Optional.ofNullable(missingScope);
  }

  /**
   * The type of a column: fixed for association files, from the manifest for objects, else text.
   */
  public ColumnType typeOf(String column) {
    if (association()) {
      return ColumnType.ofAssociationColumn(column);
    }
    return declaredTypes.getOrDefault(column, ColumnType.TEXT);
  }
}
