package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sql} reads only the pulled folder and writes only its --out file, unless told not to. */
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
  void aQueryCannotReadAFileOutsideTheFolder() {
    assertRefused(sql("SELECT * FROM read_csv('" + secret + "')"));
    assertRefused(sql("SELECT * FROM read_text('" + secret + "')"));
    assertRefused(sql("SELECT * FROM read_csv('" + in + "/../secret.csv')"));
  }

  @Test
  void aQueryCannotWriteAFileOtherThanItsOut() {
    Path elsewhere = dir.resolve("copied.csv");

    assertRefused(sql("COPY (SELECT * FROM deals) TO '" + elsewhere + "'"));
    assertThat(elsewhere).doesNotExist();
    assertRefused(sql("COPY (SELECT * FROM deals) TO '" + in.resolve("new.csv") + "'"));
    assertThat(in.resolve("new.csv")).doesNotExist();
    assertRefused(sql("COPY (SELECT 1 AS id) TO '" + in.resolve("deals.csv") + "'"));
    assertRefused(
        sql("COPY (SELECT 1 AS id) TO '" + in.resolve("deals.csv") + "' (\"Use_Tmp_File\" false)"));
    assertThat(CsvTables.rows(in.resolve("deals.csv"))).hasSizeGreaterThan(1);
  }

  @Test
  void aQueryCannotAttachADatabaseNorInstallAnExtensionNorLiftTheLock() {
    assertRefused(sql("ATTACH '" + dir.resolve("other.duckdb") + "' AS other"));
    assertThat(dir.resolve("other.duckdb")).doesNotExist();

    Cli.Run install = sql("INSTALL httpfs");
    assertThat(install.exitCode()).isEqualTo(2);
    assertThat(install.err()).contains("Permission Error");

    Cli.Run unlock = sql("SET enable_external_access = true");
    assertThat(unlock.exitCode()).isEqualTo(2);
    assertThat(unlock.err()).contains("locked");
  }

  @Test
  void theFolderItselfAndTheOutFileStillWork() throws Exception {
    Path result = dir.resolve("result.csv");

    Cli.Run run =
        sql(
            "SELECT count(*) AS n FROM read_csv('" + in.resolve("deals.csv") + "')",
            "--out",
            result.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(CsvTables.rows(result))
        .singleElement()
        .extracting(row -> row.get("n"))
        .isEqualTo(String.valueOf(CsvTables.rows(in.resolve("deals.csv")).size()));
  }

  @Test
  void allowExternalLetsAQueryOpenOtherFiles() {
    Cli.Run run = sql("SELECT * FROM read_csv('" + secret + "')", "--allow-external");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("hunter2");
  }

  @Test
  void joinIsLockedToo() throws Exception {
    Path result = dir.resolve("joined.csv");

    Cli.Run run =
        Cli.run("join", "deals", "companies", "--in", in.toString(), "--out", result.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<Map<String, String>> rows = CsvTables.rows(result);
    assertThat(rows).isNotEmpty();
  }
}
