package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.FileMode;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatConverterTest {
  private static final List<String> TABLES =
      List.of(
          "companies",
          "contacts",
          "deals",
          "line_items",
          "deals_companies",
          "contacts_deals",
          "contacts_companies",
          "deals_line_items");

  /** Every table's rows (ordered) and column types, read through {@link PulledDatabase}. */
  private static Map<String, List<String>> contents(Path dir) throws Exception {
    Map<String, List<String>> contents = new TreeMap<>();
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(dir));
        Statement statement = db.connection().createStatement()) {
      for (String table : TABLES) {
        List<String> lines = new ArrayList<>();
        try (ResultSet types =
            statement.executeQuery(
                "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                    + " WHERE table_name = '"
                    + table
                    + "' AND table_catalog = current_database() ORDER BY ordinal_position")) {
          while (types.next()) {
            lines.add(types.getString(1));
          }
        }
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY ALL")) {
          int width = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= width; i++) {
              line.append(rows.getObject(i)).append('\u241f');
            }
            lines.add(line.toString());
          }
        }
        contents.put(table, lines);
      }
    }
    return contents;
  }

  private static Manifest manifest(Path dir) throws IOException {
    return Manifest.read(FolderLayout.of(dir).manifest());
  }

  private static void assertSameContents(
      Map<String, List<String>> after, Map<String, List<String>> before) {
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String table : before.keySet()) {
      assertThat(after.get(table)).as(table).containsExactlyElementsOf(before.get(table));
    }
  }

  /** A pulled CSV folder, in {@code dir/csv}: the base a conversion reads. */
  private static Path csvFolder(Path dir, long seed) throws Exception {
    return PulledFolderFixture.write(Files.createDirectories(dir.resolve("csv")), seed);
  }

  /** Every file of a folder with its bytes, to show a conversion left it as it was. */
  private static Map<String, String> bytesOf(Path folder) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (var paths = Files.list(folder)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(
            file.getFileName().toString(),
            java.util.HexFormat.of().formatHex(Files.readAllBytes(file)));
      }
    }
    return files;
  }

  @Test
  void parquetHoldsTheSameTypedRowsAsTheCsvFilesWhichStayAsTheyWere(@TempDir Path dir)
      throws Exception {
    Path csv = csvFolder(dir, 3);
    Map<String, List<String>> before = contents(csv);
    Map<String, String> csvFiles = bytesOf(csv);
    Path out = Files.createDirectory(dir.resolve("out"));

    Manifest manifest = FormatConverter.convert(csv, out, OutputFormat.PARQUET, FileMode.PRIVATE);

    assertThat(manifest.format()).isEqualTo("parquet");
    assertSameContents(contents(out), before);
    for (String table : TABLES) {
      assertThat(out.resolve(table + ".parquet")).isRegularFile();
    }
    assertThat(manifest(out)).isEqualTo(manifest);
    assertThat(manifest.objects().get(0).file()).endsWith(".parquet");
    assertThat(manifest.associations().get(0).file()).endsWith(".parquet");
    assertThat(manifest.tool()).isEqualTo("hubspot-extract");
    assertThat(manifest.removed()).isEmpty();
    assertThat(bytesOf(csv)).isEqualTo(csvFiles);
    try (var files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".csv") || name.startsWith("."));
    }
  }

  @Test
  void duckdbHoldsEveryTableInOneDatabaseFile(@TempDir Path dir) throws Exception {
    Path csv = csvFolder(dir, 3);
    Map<String, List<String>> before = contents(csv);
    Path out = Files.createDirectory(dir.resolve("out"));

    FormatConverter.convert(csv, out, OutputFormat.DUCKDB, FileMode.PRIVATE);

    assertSameContents(contents(out), before);
    try (var files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("hubspot.duckdb", "manifest.json");
    }
    Manifest.ObjectEntry deals = manifest(out).objects().get(2);
    assertThat(deals.file()).isEqualTo("hubspot.duckdb");
    assertThat(deals.table()).isEqualTo("deals");
  }

  @Test
  void aDatabaseFileOpensDirectlyWithTypedTables(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));
    FormatConverter.convert(csvFolder(dir, 3), out, OutputFormat.DUCKDB, FileMode.PRIVATE);

    try (var connection =
            java.sql.DriverManager.getConnection("jdbc:duckdb:" + out.resolve("hubspot.duckdb"));
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*), typeof(first(amount)), typeof(first(closedate)) FROM deals")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(80);
      assertThat(rows.getString(2)).isEqualTo("DOUBLE");
      assertThat(rows.getString(3)).isEqualTo("TIMESTAMP WITH TIME ZONE");
    }
  }

  @Test
  void joinAndSqlReadAConvertedFolderAsTheyReadCsv(@TempDir Path dir) throws Exception {
    Path csv = csvFolder(dir, 11);
    Path parquet = Files.createDirectory(dir.resolve("parquet"));
    Path duckdb = Files.createDirectory(dir.resolve("duckdb"));
    FormatConverter.convert(csv, parquet, OutputFormat.PARQUET, FileMode.PRIVATE);
    FormatConverter.convert(csv, duckdb, OutputFormat.DUCKDB, FileMode.PRIVATE);

    List<String> outputs = new ArrayList<>();
    for (Path folder : List.of(csv, parquet, duckdb)) {
      Path out = dir.resolve(folder.getFileName() + ".csv");
      JoinRequest dealsWithTheirPrimaryCompaniesAndContacts =
          new JoinRequest(
              List.of("deals", "companies", "contacts"), false, true, Optional.empty(), List.of());
      try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(folder))) {
        db.lockTo(Optional.of(out));
        JoinQuery join = JoinPlanner.plan(db, dealsWithTheirPrimaryCompaniesAndContacts);
        ResultFiles.write(db.connection(), join.sql(), out, FileMode.PRIVATE);
      }
      outputs.add(Files.readString(out));
      outputs.add(printed(folder, "SELECT count(*), sum(amount) FROM deals"));
    }
    assertThat(outputs.get(2)).isEqualTo(outputs.get(0));
    assertThat(outputs.get(4)).isEqualTo(outputs.get(0));
    assertThat(outputs.get(3)).isEqualTo(outputs.get(1));
    assertThat(outputs.get(5)).isEqualTo(outputs.get(1));
  }

  /** What {@code sql} prints of {@code query} over {@code folder}. */
  private static String printed(Path folder, String query) {
    StringWriter out = new StringWriter();
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(folder))) {
      db.lockTo(Optional.empty());
      QueryOutput.deliver(
          db.connection(),
          query,
          Optional.empty(),
          FileMode.PRIVATE,
          50,
          new PrintWriter(out),
          new PrintWriter(new StringWriter()),
          UserText::text);
    }
    return out.toString();
  }

  @Test
  void aFailedConversionLeavesTheConvertedFolderAsItWas(@TempDir Path dir) throws Exception {
    Path csv = csvFolder(dir, 3);
    Path out = Files.createDirectory(dir.resolve("out"));
    FormatConverter.convert(csv, out, OutputFormat.PARQUET, FileMode.PRIVATE);
    Map<String, String> converted = bytesOf(out);
    // an unterminated quote makes the file unreadable
    Files.writeString(csv.resolve("line_items.csv"), "id,name\r\n1,\"never closed\r\n");

    assertThatThrownBy(
            () -> FormatConverter.convert(csv, out, OutputFormat.PARQUET, FileMode.PRIVATE))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageContaining("leaving its files as they were");

    assertThat(bytesOf(out)).isEqualTo(converted);
    try (var left = Files.walk(out)) {
      assertThat(left).noneMatch(file -> file.toString().endsWith(".tmp"));
    }
  }

  @Test
  void aConversionReplacesTheFolderWholeDeletingWhatItsEarlierManifestListedAndItDidNotWrite(
      @TempDir Path dir) throws Exception {
    Path csv = csvFolder(dir, 3);
    // the folder held a CSV pull: its files are the earlier pull's, listed by its manifest
    Path out = PulledFolderFixture.write(Files.createDirectory(dir.resolve("out")), 5);
    Files.writeString(out.resolve("notes.csv"), "mine, not the tool's\r\n");

    Manifest manifest = FormatConverter.convert(csv, out, OutputFormat.PARQUET, FileMode.PRIVATE);

    assertThat(manifest.removed())
        .containsExactlyInAnyOrderElementsOf(TABLES.stream().map(t -> t + ".csv").toList());
    try (var files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .filteredOn(name -> name.endsWith(".csv"))
          .containsExactly("notes.csv");
    }
    assertSameContents(contents(out), contents(csv));

    // converted again to DuckDB, the Parquet files go the same way
    manifest = FormatConverter.convert(csv, out, OutputFormat.DUCKDB, FileMode.PRIVATE);
    assertThat(manifest.removed())
        .containsExactlyInAnyOrderElementsOf(TABLES.stream().map(t -> t + ".parquet").toList());
    assertThat(out).isDirectoryNotContaining("glob:**.parquet");
    assertSameContents(contents(out), contents(csv));
  }

  @Test
  void onlyACsvFolderIsConverted(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));
    FormatConverter.convert(csvFolder(dir, 3), out, OutputFormat.PARQUET, FileMode.PRIVATE);
    Path again = Files.createDirectory(dir.resolve("again"));

    assertThatThrownBy(
            () -> FormatConverter.convert(out, again, OutputFormat.DUCKDB, FileMode.PRIVATE))
        .hasMessageContaining("only a CSV folder can be converted");
  }
}
