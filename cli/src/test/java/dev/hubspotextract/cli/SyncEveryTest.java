package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync --every}: a sync on a schedule, one line each, until Ctrl-C between two of them. */
class SyncEveryTest {
  @TempDir Path dir;

  @Test
  void syncsOnAScheduleOneLineEachAndCtrlCBetweenSyncsExitsZero() throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder().records(200).seed(3).searchLag(Duration.ofMillis(100)).start()) {
      Path synced = dir.resolve("synced");
      List<String> command = Cli.inAChildJvm();
      List<String> args =
          Cli.pullArgs(sandbox, synced, "--objects", "deals", "--associations", "none");
      args.set(0, "sync");
      args.addAll(List.of("--every", "3s"));
      command.addAll(args);
      Process syncing =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(syncing.getInputStream(), StandardCharsets.UTF_8))) {
        int syncs = 0;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
          if (line.startsWith("job completed")) {
            // the first sync of an empty folder is a pull: change the portal for the next one
            sandbox.portal().apply(ChangeSet.of("deals").update(4).create(1));
          }
          if (line.contains(" synced 1 objects") && ++syncs == 2) {
            break; // now waiting 3 s for the next one
          }
        }
        new ProcessBuilder("kill", "-INT", Long.toString(syncing.pid())).start().waitFor();
        assertThat(syncing.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      String err = new String(syncing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(syncing.exitValue()).as(lines + err).isZero();
      assertThat(err).contains("stopped between syncs");
      assertThat(lines.stream().filter(line -> line.contains(" synced 1 objects")))
          .hasSize(2)
          .allMatch(
              line ->
                  line.matches(
                      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ synced 1 objects .*requests"))
          .anyMatch(line -> line.contains("1 new")); // the change, found by one of the two
      assertThat(lines).noneMatch(line -> line.contains(" updated, ") && !line.contains("synced"));
      Path fresh = dir.resolve("fresh");
      assertThat(
              Cli.pull(sandbox, fresh, "-q", "--objects", "deals", "--associations", "none")
                  .exitCode())
          .isZero();
      assertThat(Files.readAllBytes(synced.resolve("deals.csv")))
          .isEqualTo(Files.readAllBytes(fresh.resolve("deals.csv")));
    }
  }
}
