package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.analyze.PulledDatabase;
import dev.hubspotextract.analyze.PulledFolder;
import dev.hubspotextract.analyze.PulledTable;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.SameOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two folders of a format other than CSV, a synced one and a fresh pull, as {@link
 * SameOutput} compares CSV folders; here in the command line's tests, as it reads the tables
 * through the analysis.
 */
final class SameConvertedOutput {
  private SameConvertedOutput() {}

  /**
   * Their CSV bases as {@link SameOutput#assertSameTables} compares them (byte for byte), the
   * Parquet files byte for byte, what the manifests say of each table, and each table as {@code
   * sql} reads it: its columns with their types, and its rows in file order. A DuckDB database file
   * is compared by what it holds, not by its bytes: DuckDB lays its blocks out differently each
   * time it writes one.
   */
  static void assertSameTables(Path synced, Path pulled) throws IOException {
    SameOutput.assertSameTables(
        FolderLayout.of(synced).csvBase(), FolderLayout.of(pulled).csvBase());
    List<String> files = SameOutput.files(pulled);
    assertThat(SameOutput.files(synced)).containsExactlyElementsOf(files);
    for (String name : files) {
      if (name.endsWith(".parquet")) {
        assertThat(Files.readAllBytes(synced.resolve(name)))
            .as(name)
            .isEqualTo(Files.readAllBytes(pulled.resolve(name)));
      }
    }
    assertThat(SameOutput.tablesOf(synced)).isEqualTo(SameOutput.tablesOf(pulled));
    Map<String, List<String>> expected = typedTables(pulled);
    assertThat(expected).isNotEmpty();
    Map<String, List<String>> actual = typedTables(synced);
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (table, rows) -> assertThat(actual.get(table)).as(table).containsExactlyElementsOf(rows));
  }

  /**
   * Each table of a pulled folder, as {@code sql} reads it: a line of its columns with their types,
   * then one line per row in the order of the file.
   */
  private static Map<String, List<String>> typedTables(Path dir) {
    Map<String, List<String>> tables = new TreeMap<>();
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(dir));
        Statement statement = db.connection().createStatement()) {
      for (PulledTable table : db.tables()) {
        List<String> lines = new ArrayList<>();
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT * FROM \"" + table.table().replace("\"", "\"\"") + "\"")) {
          ResultSetMetaData columns = rows.getMetaData();
          StringBuilder header = new StringBuilder();
          for (int i = 1; i <= columns.getColumnCount(); i++) {
            header
                .append(columns.getColumnName(i))
                .append(' ')
                .append(columns.getColumnTypeName(i))
                .append('\u241f');
          }
          lines.add(header.toString());
          while (rows.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
              line.append(rows.getObject(i)).append('\u241f');
            }
            lines.add(line.toString());
          }
        }
        tables.put(table.table(), lines);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the tables of " + dir, e);
    }
    return tables;
  }
}
