package dev.hubspotextract.analyze;

import java.util.Map;
import java.util.Objects;

/**
 * One table of a pulled folder: an object's records or an association pair's links.
 *
 * @param name the object's name ({@code deals}) or, for an association, {@code from_to}
 * @param table the SQL table name: the file name without its extension ({@code deals_companies})
 * @param file the file holding it, relative to the folder
 * @param association whether this is an association file
 * @param failed whether the pull recorded it as failed
 * @param declaredTypes column types from the manifest, by column name; columns not listed are text
 */
public record PulledTable(
    String name,
    String table,
    String file,
    boolean association,
    boolean failed,
    Map<String, ColumnType> declaredTypes) {
  public PulledTable {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(table, "table is null");
    Objects.requireNonNull(file, "file is null");
    declaredTypes = Map.copyOf(declaredTypes);
  }

  /**
   * The type of a column: fixed for association files, from the manifest for objects, else text.
   */
  public ColumnType typeOf(String column) {
    if (association) {
      return ColumnType.ofAssociationColumn(column);
    }
    return declaredTypes.getOrDefault(column, ColumnType.TEXT);
  }
}
