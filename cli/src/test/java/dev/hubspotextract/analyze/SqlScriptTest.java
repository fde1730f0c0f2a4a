package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sql} with several statements: each runs, in turn, and each result is printed. */
class SqlScriptTest {
  @TempDir static Path dir;
  static Path in;

  @BeforeAll
  static void writeFolder() throws Exception {
    in = Files.createDirectory(dir.resolve("out"));
    PulledFolderFixture.write(in, 3);
  }

  @Test
  void statementsEndAtSemicolonsOutsideQuotesAndComments() {
    assertThat(
            SqlScript.statements(
                "SELECT 'a;b', \"c;d\" ; SELECT E'it\\'s;' -- x;y\n;"
                    + " /* ; */ SELECT $$;$$, $t$;$t$;;  -- only a comment; here"))
        .containsExactly(
            "SELECT 'a;b', \"c;d\"", "SELECT E'it\\'s;' -- x;y", "/* ; */ SELECT $$;$$, $t$;$t$");
    assertThat(SqlScript.statements("SELECT 1;")).containsExactly("SELECT 1");
    assertThat(SqlScript.statements(" ; -- nothing")).isEmpty();
    assertThat(SqlScript.statements("SELECT 'it''s; fine'"))
        .containsExactly("SELECT 'it''s; fine'");
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
