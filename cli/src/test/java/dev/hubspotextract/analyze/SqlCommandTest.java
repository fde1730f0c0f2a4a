package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sql} command: its flags, what it prints, its exit codes. What a pulled folder reads as
 * and how a result is delivered are analyze's to show ({@code PulledDatabaseTest}, {@code
 * QueryOutputTest}, {@code SqlScriptTest}).
 */
class SqlCommandTest {
  @TempDir static Path dir;
  static Path in;
  static List<Map<String, String>> deals;

  @BeforeAll
  static void writeFolder() throws Exception {
    in = Files.createDirectory(dir.resolve("out"));
    PulledFolderFixture.write(in, 7);
    deals = CsvTables.rows(in.resolve("deals.csv"));
  }

  @Test
  void noQueryIsAUsageErrorOfOneLineThatShowsOne() {
    Cli.Run none = Cli.run("sql", "--in", in.toString());

    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.out()).isEmpty();
    assertThat(none.err())
        .isEqualTo(
            "hubspot-extract: give a QUERY, e.g. sql --in out \"SELECT count(*) FROM deals\", or"
                + " --tables (see 'hubspot-extract sql --help')\n");
  }

  @Test
  void withoutOutItPrintsAsManyRowsAsMaxRowsSays() {
    Cli.Run run =
        Cli.run(
            "sql",
            "--in",
            in.toString(),
            "--max-rows",
            "3",
            "SELECT id, amount, dealname FROM deals ORDER BY id");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("id").contains("| amount", "| dealname");
    assertThat(lines).hasSize(6);
    assertThat(lines.get(5))
        .isEqualTo(
            "(3 of 80 rows shown, 77 omitted: write them all to a result file (--out), or raise"
                + " the rows shown (--max-rows) to see more)");
  }

  @Test
  void aQueryEndingInASemicolonAsTypedInAnSqlShellStillWritesItsFile() throws Exception {
    Path csv = dir.resolve("semicolon.csv");

    Cli.Run run =
        Cli.run(
            "sql",
            "--in",
            in.toString(),
            "SELECT count(*) AS n FROM deals; ",
            "--out",
            csv.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(CsvTables.rows(csv))
        .singleElement()
        .satisfies(row -> assertThat(row.get("n")).isEqualTo(String.valueOf(deals.size())));
  }

  @Test
  void aBadQueryIsOneLineWithDuckDbsMessageAndExitCodeTwo() {
    Cli.Run run = Cli.run("sql", "--in", in.toString(), "SELECT nope FROM deals");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("hubspot-extract: Binder Error").contains("nope");
  }

  @Test
  void aMissingFolderIsAClearError() {
    Cli.Run run = Cli.run("sql", "--in", dir.resolve("nowhere").toString(), "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "nowhere is not a folder: pass the pulled folder (--in), e.g. run ./hubspot-extract"
                + " pull --out "
                + dir.resolve("nowhere"));
  }

  @Test
  void tablesListsEveryTableWithItsTypes() {
    Cli.Run run = Cli.run("sql", "--in", in.toString(), "--tables");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("deals_companies", "association_type_id", "TIMESTAMP WITH TIME ZONE");
  }

  @Test
  void everyStatementRunsAndEachResultIsPrintedInTurn() {
    Cli.Run run =
        Cli.run(
            "sql",
            "--in",
            in.toString(),
            "CREATE VIEW won AS SELECT 'x;y' AS b; SELECT count(*) AS deals FROM deals; SELECT b"
                + " FROM won;");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).contains("rows changed", "deals", "b", "x;y");
    assertThat(run.out().indexOf("deals")).isLessThan(run.out().indexOf("x;y"));
    assertThat(lines.stream().filter(String::isEmpty)).hasSize(2); // one blank line between results
  }

  @Test
  void aFailingStatementSaysWhichOneAfterTheEarlierResults() {
    Cli.Run run = Cli.run("sql", "--in", in.toString(), "SELECT 1 AS one; SELEC 2; SELECT 3");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).contains("one");
    assertThat(run.err()).startsWith("hubspot-extract: statement 2 of 3: Parser Error");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void aNegativeRowLimitIsAUsageError() {
    Cli.Run run = Cli.run("sql", "--in", in.toString(), "--max-rows", "-1", "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--max-rows must be 0 or more, got -1");
  }
}
