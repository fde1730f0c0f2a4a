package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspotextract.analyze.PulledDatabase;
import dev.hubspotextract.analyze.PulledFolder;
import dev.hubspotextract.analyze.PulledTable;
import dev.hubspotextract.extract.FolderLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;

/** Compares two pulled folders: every file byte for byte, the manifest without its timings. */
final class SameOutput {
  private SameOutput() {}

  static void assertSame(Path actual, Path expected) throws IOException {
    List<String> files = files(expected);
    assertThat(files(actual)).containsExactlyElementsOf(files);
    assertThat(files).contains("manifest.json").anyMatch(name -> name.endsWith(".csv"));
    for (String name : files) {
      if (name.equals("manifest.json")) {
        assertThat(manifestWithoutTimings(actual)).isEqualTo(manifestWithoutTimings(expected));
      } else {
        assertThat(Files.readAllBytes(actual.resolve(name)))
            .as(name)
            .isEqualTo(Files.readAllBytes(expected.resolve(name)));
      }
    }
  }

  /**
   * Compares the tables of two folders, a synced one and a fresh pull: every table file byte for
   * byte, and what the manifests say of each table (records, rows, columns with their measured
   * types); the rest of the manifests (marks, times, what the last sync did) differ by nature.
   */
  static void assertSameTables(Path synced, Path pulled) throws IOException {
    List<String> files = files(pulled);
    assertThat(files(synced)).containsExactlyElementsOf(files);
    for (String name : files) {
      if (name.endsWith(".csv")) {
        assertThat(Files.readAllBytes(synced.resolve(name)))
            .as(name)
            .isEqualTo(Files.readAllBytes(pulled.resolve(name)));
      }
    }
    assertThat(tablesOf(synced)).isEqualTo(tablesOf(pulled));
  }

  /**
   * Compares two folders of a format other than CSV, a synced one and a fresh pull: their CSV bases
   * as {@link #assertSameTables} does (byte for byte), what the manifests say of each table, and
   * each table as {@code sql} reads it: its columns with their types, and its rows in file order.
   * The typed files themselves are compared by content, not by bytes: a DuckDB database file's
   * blocks are laid out as its writer ran, not by what it holds.
   */
  static void assertSameConvertedTables(Path synced, Path pulled) throws IOException {
    assertSameTables(FolderLayout.of(synced).csvBase(), FolderLayout.of(pulled).csvBase());
    List<String> files = files(pulled);
    assertThat(files(synced)).containsExactlyElementsOf(files);
    for (String name : files) {
      if (name.endsWith(".parquet")) {
        assertThat(Files.readAllBytes(synced.resolve(name)))
            .as(name)
            .isEqualTo(Files.readAllBytes(pulled.resolve(name)));
      }
    }
    assertThat(tablesOf(synced)).isEqualTo(tablesOf(pulled));
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

  /** Each table's entry in a manifest, without what only a pull or a sync records. */
  private static List<String> tablesOf(Path dir) {
    try {
      ObjectNode manifest =
          (ObjectNode) new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
      List<String> tables = new java.util.ArrayList<>();
      for (String list : List.of("objects", "associations")) {
        manifest
            .withArray(list)
            .forEach(
                entry -> {
                  ObjectNode table = ((ObjectNode) entry).deepCopy();
                  // how a list strayed from id order is a fact of one read, not of the table
                  table.remove(List.of("mark", "lastSync", "idsOutOfOrder", "duplicateIdsDropped"));
                  tables.add(table.toString());
                });
      }
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file and folder name in the output folder, sorted: no state or partial left over. */
  static List<String> files(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  private static ObjectNode manifestWithoutTimings(Path dir) {
    try {
      ObjectNode manifest =
          (ObjectNode) new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
      manifest.remove(List.of("startedAt", "finishedAt", "source"));
      // HubSpot's time when an object was read, which a resumed read does not have
      manifest.withArray("objects").forEach(entry -> ((ObjectNode) entry).remove("mark"));
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
