package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.extract.SameOutput;
import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sync killed as {@code kill -9} would, at each named point, and run again: it ends where one run
 * would, and in between the folder is either as it was or says in its manifest that it mixes two
 * states.
 */
// its tests run at once: each has a sandbox and folders of its own, and mostly waits on a child
// JVM and search's 5 requests a second
@Execution(ExecutionMode.CONCURRENT)
class SyncKilledTest {
  private static final Duration LAG = Duration.ofMillis(200);

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"after-a-flush", "in-a-merge", "between-a-rename-and-the-manifest"})
  void aKilledSyncRunAgainEndsAsOneRunWould(String point) throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(400).seed(11).searchLag(LAG).start()) {
      Path synced = dir.resolve("synced");
      String[] objects = {"--objects", "contacts,companies,deals", "-q"};
      assertThat(Cli.sync(sandbox, synced, objects).exitCode()).isZero();
      sandbox
          .portal()
          .apply(
              List.of(
                  ChangeSet.of("contacts")
                      .create(5)
                      .update(30)
                      .archive(4)
                      .relink(10)
                      .relinkTouchesModified(true),
                  ChangeSet.of("deals").update(10).create(2)));
      Thread.sleep(LAG.toMillis() + 200);
      Map<String, byte[]> before = tables(synced);

      syncKilledAt(point, sandbox, synced, objects);

      assertAsItWasOrSaidToMix(synced, before, point.equals("between-a-rename-and-the-manifest"));

      Cli.Run again = Cli.sync(sandbox, synced, objects);
      assertThat(again.exitCode()).as(again.toString()).isZero();
      Path fresh = dir.resolve("fresh");
      assertThat(Cli.pull(sandbox, fresh, objects).exitCode()).isZero();
      SameOutput.assertSameTables(synced, fresh);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"between-a-rename-and-the-manifest", "in-a-conversion"})
  void aKilledSyncOfAParquetFolderRunAgainEndsAsOneRunWould(String point) throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(300).seed(11).searchLag(LAG).start()) {
      Path synced = dir.resolve("synced");
      String[] objects = {"--objects", "contacts,companies,deals", "--format", "parquet", "-q"};
      assertThat(Cli.sync(sandbox, synced, objects).exitCode()).isZero();
      sandbox
          .portal()
          .apply(
              List.of(
                  ChangeSet.of("contacts").create(5).update(20).archive(3),
                  ChangeSet.of("companies").update(5),
                  ChangeSet.of("deals").update(10).create(2)));
      Thread.sleep(LAG.toMillis() + 200);
      Map<String, byte[]> before = tables(synced);

      syncKilledAt(point, sandbox, synced, objects);

      // killed while the CSV base's files were replaced, the folder is as it was
      assertAsItWasOrSaidToMix(synced, before, point.equals("in-a-conversion"));

      Cli.Run again = Cli.sync(sandbox, synced, objects);
      assertThat(again.exitCode()).as(again.toString()).isZero();
      Path fresh = dir.resolve("fresh");
      assertThat(Cli.pull(sandbox, fresh, objects).exitCode()).isZero();
      SameConvertedOutput.assertSameTables(synced, fresh);
    }
  }

  /**
   * The folder a killed sync left: while it moved files into place ({@code mixes}), one whose
   * manifest says it mixes two states; before, byte for byte as it was.
   */
  private static void assertAsItWasOrSaidToMix(
      Path synced, Map<String, byte[]> before, boolean mixes) throws java.io.IOException {
    boolean saysItMixes =
        new ObjectMapper().readTree(synced.resolve("manifest.json").toFile()).has("syncing");
    assertThat(saysItMixes).isEqualTo(mixes);
    if (mixes) {
      assertThat(tables(synced)).isNotEqualTo(before);
    } else {
      assertThat(tables(synced)).containsOnlyKeys(before.keySet());
      before.forEach(
          (name, bytes) -> assertThat(tables(synced).get(name)).as(name).isEqualTo(bytes));
    }
  }

  /** A sync in a child JVM, killed as {@code kill -9} would at {@code point}. */
  private static void syncKilledAt(String point, Sandbox sandbox, Path synced, String... objects)
      throws Exception {
    List<String> command = Cli.inAChildJvm();
    command.add(1, "-Dhubspot-extract.kill-at=" + point);
    List<String> args = Cli.pullArgs(sandbox, synced, objects);
    args.set(0, "sync");
    command.addAll(args);
    Process killed =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(killed.exitValue()).as("killed at " + point).isEqualTo(137);
  }

  /** The table files of a folder (CSV or Parquet), by name. */
  private static Map<String, byte[]> tables(Path dir) {
    Map<String, byte[]> tables = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".csv") || f.toString().endsWith(".parquet"))
              .toList()) {
        tables.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return tables;
  }
}
