package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.FileMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pulled folder's database locked as {@code sql} and {@code join} lock it: a query reads only the
 * folder's files and writes only its result file.
 */
class FileAccessLockTest {
  @TempDir static Path dir;
  static Path in;
  static Path secret;

  @BeforeAll
  static void folderBesideASecret() throws Exception {
    in = PulledFolderFixture.write(Files.createDirectory(dir.resolve("out")), 3);
    secret = Files.writeString(dir.resolve("secret.csv"), "password\r\nhunter2\r\n");
  }

  /**
   * Runs {@code query} as {@code sql} does by default: on the folder's database locked to it and to
   * {@code result}, its result delivered to {@code result} or printed to {@code out}.
   */
  private static void sql(String query, Optional<Path> result, StringWriter out) {
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      db.lockTo(result);
      db.refuseWritingInPlace(query);
      QueryOutput.deliver(
          db.connection(),
          query,
          result,
          FileMode.PRIVATE,
          50,
          new PrintWriter(out),
          new PrintWriter(new StringWriter()),
          UserText::text);
    }
  }

  private static void assertRefused(String query) {
    StringWriter out = new StringWriter();
    assertThatThrownBy(() -> sql(query, Optional.empty(), out))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageContaining("allow external access to let a query open other files")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(out.toString()).doesNotContain("hunter2");
  }

  @Test
  void aQueryCannotReadAFileOutsideTheFolder() {
    assertRefused("SELECT * FROM read_csv('" + secret + "')");
    assertRefused("SELECT * FROM read_text('" + secret + "')");
    assertRefused("SELECT * FROM read_csv('" + in + "/../secret.csv')");
  }

  @Test
  void aQueryCannotWriteAFileOtherThanItsOut() {
    Path elsewhere = dir.resolve("copied.csv");

    assertRefused("COPY (SELECT * FROM deals) TO '" + elsewhere + "'");
    assertThat(elsewhere).doesNotExist();
    assertRefused("COPY (SELECT * FROM deals) TO '" + in.resolve("new.csv") + "'");
    assertThat(in.resolve("new.csv")).doesNotExist();
    assertRefused("COPY (SELECT 1 AS id) TO '" + in.resolve("deals.csv") + "'");
    assertRefused(
        "COPY (SELECT 1 AS id) TO '" + in.resolve("deals.csv") + "' (\"Use_Tmp_File\" false)");
    assertThat(CsvTables.rows(in.resolve("deals.csv"))).hasSizeGreaterThan(1);
  }

  @Test
  void aQueryCannotAttachADatabaseNorInstallAnExtensionNorLiftTheLock() {
    assertRefused("ATTACH '" + dir.resolve("other.duckdb") + "' AS other");
    assertThat(dir.resolve("other.duckdb")).doesNotExist();

    assertThatThrownBy(() -> sql("INSTALL httpfs", Optional.empty(), new StringWriter()))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageContaining("Permission Error");
    assertThatThrownBy(
            () -> sql("SET enable_external_access = true", Optional.empty(), new StringWriter()))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageContaining("locked");
  }

  @Test
  void theFolderItselfAndTheResultFileStillWork() {
    Path result = dir.resolve("result.csv");

    sql(
        "SELECT count(*) AS n FROM read_csv('" + in.resolve("deals.csv") + "')",
        Optional.of(result),
        new StringWriter());

    assertThat(CsvTables.rows(result))
        .singleElement()
        .extracting(row -> row.get("n"))
        .isEqualTo(String.valueOf(CsvTables.rows(in.resolve("deals.csv")).size()));
  }

  @Test
  void aJoinRunsUnderTheLock() throws Exception {
    Path result = dir.resolve("joined.csv");

    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      db.lockTo(Optional.of(result));
      JoinQuery join =
          JoinPlanner.plan(
              db,
              new JoinRequest(
                  List.of("deals", "companies"), false, false, Optional.empty(), List.of()));
      ResultFiles.write(db.connection(), join.sql(), result, FileMode.PRIVATE);
    }

    List<Map<String, String>> rows = CsvTables.rows(result);
    assertThat(rows).isNotEmpty();
  }
}
