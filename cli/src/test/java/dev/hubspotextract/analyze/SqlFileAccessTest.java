package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sql} reads only the pulled folder and writes only its --out file, unless told not to
 * ({@code --allow-external}). What the lock refuses is analyze's to show ({@code
 * FileAccessLockTest}); here, that the command locks, and says how to get past it.
 */
class SqlFileAccessTest {
  @TempDir static Path dir;
  static Path in;
  static Path secret;

  @BeforeAll
  static void folderBesideASecret() throws Exception {
    in = PulledFolderFixture.write(Files.createDirectory(dir.resolve("out")), 3);
    secret = Files.writeString(dir.resolve("secret.csv"), "password\r\nhunter2\r\n");
  }

  private static Cli.Run sql(String query, String... extra) {
    List<String> args = new ArrayList<>(List.of("sql", "--in", in.toString(), query));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private static void assertRefused(Cli.Run run) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("allow external access (--allow-external)");
    assertThat(run.out()).doesNotContain("hunter2");
  }

  @Test
  void aQueryOutsideTheFolderIsRefusedInOneLineThatSaysHowToAllowIt() {
    assertRefused(sql("SELECT * FROM read_csv('" + secret + "')"));
  }

  @Test
  void aCopyThatWouldWriteInPlaceIsRefusedBeforeItRuns() {
    assertRefused(
        sql("COPY (SELECT 1 AS id) TO '" + in.resolve("deals.csv") + "' (\"Use_Tmp_File\" false)"));
    assertThat(CsvTables.rows(in.resolve("deals.csv"))).hasSizeGreaterThan(1);
  }

  @Test
  void allowExternalLetsAQueryOpenOtherFiles() {
    Cli.Run run = sql("SELECT * FROM read_csv('" + secret + "')", "--allow-external");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("hunter2");
  }
}
