package dev.hubspotextract.analyze;

import java.nio.file.Path;

/** Quoting for the SQL text we build: identifiers and string literals. */
public final class Sql {
  private Sql() {}

  static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  static String literal(String text) {
    return '\'' + text.replace("'", "''") + '\'';
  }

  static String literal(Path path) {
    return literal(path.toAbsolutePath().normalize().toString());
  }
}
