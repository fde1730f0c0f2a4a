package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.FileMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query's result delivered: every row to a CSV or Parquet file ({@link ResultFiles}), or the
 * first rows as an aligned table ({@link TablePrinter}).
 */
class QueryOutputTest {
  @TempDir static Path dir;
  static Path in;
  static PulledDatabase db;
  static List<Map<String, String>> deals;

  @BeforeAll
  static void openFolder() throws Exception {
    in = Files.createDirectory(dir.resolve("out"));
    PulledFolderFixture.write(in, 7);
    deals = CsvTables.rows(in.resolve("deals.csv"));
    db = PulledDatabase.open(PulledFolder.open(in));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** Delivers {@code query}'s result to {@code file}, or prints {@code maxRows} of it. */
  private static String deliver(String query, Optional<Path> file, int maxRows) {
    StringWriter out = new StringWriter();
    QueryOutput.deliver(
        db.connection(),
        query,
        file,
        FileMode.PRIVATE,
        maxRows,
        new PrintWriter(out),
        new PrintWriter(new StringWriter()),
        UserText::text);
    return out.toString();
  }

  @Test
  void withoutAFileItPrintsAnAlignedTableAndSaysHowManyRowsWereOmitted() {
    String printed =
        deliver("SELECT id, amount, dealname FROM deals ORDER BY id", Optional.empty(), 3);

    List<String> lines = printed.lines().toList();
    assertThat(lines.get(0)).startsWith("id").contains("| amount", "| dealname");
    assertThat(lines.get(1)).matches("[-+]+");
    assertThat(lines.subList(2, 5)).allMatch(l -> l.indexOf('|') == lines.get(0).indexOf('|'));
    assertThat(lines.get(5))
        .isEqualTo(
            "(3 of 80 rows shown, 77 omitted: write them all to a result file, or raise the rows shown to see more)");
  }

  @Test
  void wideCharactersTakeTwoColumnsSoTheTableStaysAligned() {
    String printed =
        deliver(
            "SELECT * FROM (VALUES ('山田 太郎', 1), ('Ana Silva', 2), ('Chloé Martin', 3))"
                + " t(owner, n)",
            Optional.empty(),
            10);

    List<String> lines = printed.lines().toList();
    // each row's bar sits at the header's column on a terminal: 山 and 田 take two each
    int bar = lines.get(0).indexOf('|');
    assertThat(lines.subList(2, 5))
        .allSatisfy(
            line ->
                assertThat(TerminalWidth.of(line.substring(0, line.indexOf('|'))))
                    .as(line)
                    .isEqualTo(bar));
    assertThat(lines.get(2)).startsWith("山田 太郎    |");
  }

  @Test
  void aLongWideValueIsCutToTheColumnsItMayTake() {
    assertThat(TerminalWidth.cut("山田山田山", 5)).isEqualTo("山田");
    assertThat(TerminalWidth.of("e\u0301")).isEqualTo(1); // a combining accent takes none
    assertThat(TerminalWidth.of("Onboarding 🚀")).isEqualTo(13); // as the sandbox's deal names
  }

  @Test
  void aFileGetsEveryRowAsCsvOrParquet() throws Exception {
    Path csv = dir.resolve("result.csv");
    Path parquet = dir.resolve("result.parquet");
    String sql =
        "SELECT dealstage, count(*) AS deals, sum(amount) AS total FROM deals GROUP BY 1 ORDER BY 1";

    assertThat(deliver(sql, Optional.of(csv), 50)).as("nothing printed").isEmpty();
    deliver(sql, Optional.of(parquet), 50);

    List<Map<String, String>> rows = CsvTables.rows(csv);
    assertThat(rows.stream().mapToLong(r -> Long.parseLong(r.get("deals"))).sum())
        .isEqualTo(deals.size());
    try (Statement statement = db.connection().createStatement();
        ResultSet fromParquet =
            statement.executeQuery(
                "SELECT sum(deals), count(*) FROM read_parquet('" + parquet + "')")) {
      fromParquet.next();
      assertThat(fromParquet.getLong(1)).isEqualTo(deals.size());
      assertThat(fromParquet.getLong(2)).isEqualTo(rows.size());
    }
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void aBadQueryFailsWithDuckDbsMessageOnOneLine() {
    assertThatThrownBy(() -> deliver("SELECT nope FROM deals", Optional.empty(), 50))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageStartingWith("Binder Error")
        .hasMessageContaining("nope")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
