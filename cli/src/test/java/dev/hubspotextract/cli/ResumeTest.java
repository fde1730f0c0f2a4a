package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.SameOutput;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
  @TempDir Path tmp;

  @Test
  void aPullKilledWithSigkillAndStartedAgainEndsWithExactlyTheFilesOfACleanRun() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(1_500).seed(11).latencyMillis(15).start()) {
      Path killed = tmp.resolve("killed");
      Process child = Cli.pullInAChildProcess(sandbox, killed);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // a few pages in, not one: a resume's own requests (the plan, the reference tables, the
        // ranges cut again) must not outweigh what it saves on a busy machine
        while (Cli.rowsCheckpointed(killed) < 500
            && child.isAlive()
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(300); // and a little more, so the kill lands mid-page
        assertThat(child.isAlive()).as("the pull was still running when killed").isTrue();
      } finally {
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        child.waitFor();
      }
      assertThat(SameOutput.files(killed)).doesNotContain("manifest.json");

      long requestsBefore = sandbox.requestCount();
      Cli.Run resumed = Cli.pull(sandbox, killed);
      long resumedRequests = sandbox.requestCount() - requestsBefore;

      assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
      assertThat(resumed.out()).contains("resuming the unfinished pull");
      Path clean = tmp.resolve("clean");
      requestsBefore = sandbox.requestCount();
      Cli.Run cleanRun = Cli.pull(sandbox, clean);
      long cleanRequests = sandbox.requestCount() - requestsBefore;
      assertThat(cleanRun.exitCode()).as(cleanRun.toString()).isZero();
      SameOutput.assertSame(killed, clean);
      assertThat(resumedRequests)
          .as("the resumed run went on, it did not start over: " + resumed)
          .isLessThan(cleanRequests);
    }
  }

  @Test
  void aRunTheDailyLimitStopsWithinAMomentStillKeepsThePagesItWrote() throws Exception {
    try (Sandbox limited =
        Sandbox.builder()
            .records(1_000)
            .rateLimit(RateLimitTier.ENTERPRISE)
            .dailyLimit(8) // 3 requests plan (properties at three sensitivity levels)
            .start()) {
      Path out = tmp.resolve("quick");

      Cli.Run stopped =
          Cli.pull(
              limited, out, "--objects", "contacts", "--associations", "none", "--cursors", "1");

      assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(6);
      // checkpoints are saved a few times a second at most; a stop saves the last page's end
      Path checkpoint = FolderLayout.of(out).stateFolder().resolve("contacts.json");
      assertThat(checkpoint).exists();
      long rows = new ObjectMapper().readTree(checkpoint.toFile()).path("rows").asLong();
      assertThat(rows).isPositive().isEqualTo(100 * (rows / 100));
      assertThat(FolderLayout.partialOf(out.resolve("contacts.csv"))).isRegularFile();
    }
  }

  @Test
  void aConversionThatFailedIsFinishedByTheSameCommandWithoutPullingAgain() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(300).recordRequests(10_000).start()) {
      Path out = tmp.resolve("out");
      // a folder where the conversion puts contacts.parquet: it cannot
      Path inTheWay = out.resolve("contacts.parquet");
      Files.createDirectories(inTheWay.resolve("in-the-way"));
      String[] command = {"--objects", "contacts,companies", "--format", "parquet"};

      Cli.Run failed = Cli.pull(sandbox, out, command);
      assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(7);
      assertThat(failed.err()).contains("Run the same command again");
      int pulled = sandbox.requests().size();
      deleteTree(inTheWay);
      Cli.Run again = Cli.pull(sandbox, out, command);

      assertThat(again.exitCode()).as(again.toString()).isZero();
      assertThat(again.out()).contains("resuming");
      assertThat(sandbox.requests().subList(pulled, sandbox.requests().size()))
          .noneMatch(request -> request.path().startsWith("/crm/v3/objects/"))
          .noneMatch(request -> request.path().startsWith("/crm/v4/"));
      assertThat(SameOutput.files(out))
          .containsExactly(
              ".hubspot-extract",
              "companies.parquet",
              "companies_contacts.parquet",
              "contacts.parquet",
              "manifest.json",
              "owners.parquet",
              "pipeline_stages.parquet",
              "pipelines.parquet",
              "properties.parquet",
              "property_options.parquet");
      // the private folder keeps only the CSV tables a sync starts from, with no state left
      Path base = FolderLayout.of(out).csvBase();
      assertThat(SameOutput.files(out.resolve(".hubspot-extract"))).containsExactly("csv");
      assertThat(SameOutput.files(base))
          .containsExactlyElementsOf(
              SameOutput.withReferenceFiles(
                  "companies.csv", "companies_contacts.csv", "contacts.csv", "manifest.json"));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void aRunStoppedByTheDailyLimitContinuesDayAfterDayAndEndsAsACleanRunWould() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    try (Sandbox limited =
            Sandbox.builder()
                .records(1_000)
                .seed(5)
                .rateLimit(RateLimitTier.ENTERPRISE)
                // each day plans again (each object's properties at three sensitivity levels)
                // before it pulls: at 14 a day little was left for pages, and how much depended on
                // timing (16 days alone, 24 under load, over 30 once); 24 takes 5 or 6 either way
                .dailyLimit(24)
                .clock(clock)
                .start();
        Sandbox unlimited = Sandbox.builder().records(1_000).seed(5).start()) {
      Path out = tmp.resolve("daily");
      String[] objects = {"--objects", "contacts,companies,deals", "--threads", "2"};

      Cli.Run stopped = Cli.pull(limited, out, objects);

      assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(6);
      assertThat(stopped.err())
          .contains("daily")
          .contains("midnight")
          .contains("run the same command again to continue");
      assertThat(stopped.err().lines()).hasSize(1);
      assertThat(FolderLayout.of(out).stateFolder()).isDirectory();

      int days = 1;
      Cli.Run nextDay;
      do {
        clock.advance(Duration.ofDays(1)); // the next day: the daily limit starts afresh
        days++;
        nextDay = Cli.pull(limited, out, objects);
      } while (nextDay.exitCode() == 6 && days < 30);

      assertThat(nextDay.exitCode()).as(nextDay.toString()).isZero();
      assertThat(days).as("days it took at 14 requests a day").isGreaterThan(2);
      Path clean = tmp.resolve("clean");
      assertThat(Cli.pull(unlimited, clean, objects).exitCode()).isZero();
      SameOutput.assertSame(out, clean);
    }
  }

  @Test
  void anUnfinishedPullOfOtherObjectsIsNotMixedInUnlessRestartSaysSo() throws Exception {
    Path out = tmp.resolve("mixed");
    try (Sandbox limited =
        Sandbox.builder().records(200).rateLimit(RateLimitTier.ENTERPRISE).dailyLimit(8).start()) {
      // 6 requests plan (each object's properties at three sensitivity levels), 2 pull
      assertThat(Cli.pull(limited, out, "--objects", "contacts,deals").exitCode()).isEqualTo(6);
    }
    try (Sandbox sandbox = Sandbox.builder().records(200).start()) {
      Cli.Run other = Cli.pull(sandbox, out, "--objects", "tickets");

      assertThat(other.exitCode()).as(other.toString()).isEqualTo(2);
      assertThat(other.err())
          .contains("unfinished pull")
          .contains("start over (--restart)")
          .contains("choose another output folder (--out)");
      assertThat(other.err().lines()).hasSize(1);

      Path sideFile = FolderLayout.partialOf(out.resolve("contacts.csv.top"));
      Files.writeString(sideFile, "1\r\n"); // a search walk's
      Files.writeString(out.resolve("notes.csv.partial"), "the user's own\n");
      Cli.Run restarted = Cli.pull(sandbox, out, "--objects", "tickets", "--restart");

      assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
      assertThat(SameOutput.files(out))
          .contains("tickets.csv", "manifest.json", "notes.csv.partial") // not the tool's
          .doesNotContain(FolderLayout.PRIVATE_FOLDER);
    }
  }
}
