package dev.hubspotextract.client;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties a stream asks for, in column order: decided once per stream, so each record is a
 * {@code String[]} filled by column instead of a map built per record.
 */
final class PropertyColumns {
  private final List<String> names;
  private final Map<String, Integer> columnOf;
  private final SerializedString[] quoted;

  PropertyColumns(List<String> names) {
    this.names = List.copyOf(names);
    this.columnOf = new HashMap<>();
    this.quoted = new SerializedString[this.names.size()];
    for (int column = 0; column < this.names.size(); column++) {
      columnOf.putIfAbsent(this.names.get(column), column);
      quoted[column] = new SerializedString(this.names.get(column));
    }
  }

  List<String> names() {
    return names;
  }

  int size() {
    return names.size();
  }

  String name(int column) {
    return names.get(column);
  }

  /** The column of a property, or -1 when it was not asked for. */
  int columnOf(Object name) {
    Integer column = columnOf.get(name);
    return column == null ? -1 : column;
  }

  /** The name as Jackson matches it against the bytes of the body without decoding it. */
  SerializedString quoted(int column) {
    return quoted[column];
  }
}
