package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.SameOutput;
import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --history} on the command line: its plan and cost, its status lines, a sync that ends as a
 * fresh pull, a pull killed mid-history and resumed, typed tables, and the slips it refuses.
 */
class PropertyHistoryCommandTest {
  private static final Duration LAG = Duration.ofMillis(300);
  @TempDir Path dir;

  private static void assertOk(Cli.Run run) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void aDryRunShowsEachHistoryFileAndItsRequests() {
    try (Sandbox sandbox = Sandbox.builder().records(300).start()) {
      Cli.Run run =
          Cli.pull(
              sandbox,
              dir.resolve("out"),
              "--objects",
              "deals,tickets,contacts",
              "--history",
              "dealstage,hs_pipeline_stage,contacts.email",
              "--dry-run");
      assertOk(run);
      assertThat(run.out())
          .contains(
              "property history (3):\n"
                  + "  deals: dealstage  → deals_property_history.csv\n"
                  + "      read: once its file is written, 1 request per 50 records (batch reads)\n"
                  + "  tickets: hs_pipeline_stage  → tickets_property_history.csv\n"
                  + "      read: once its file is written, 1 request per 50 records (batch reads)\n"
                  + "  contacts: email  → contacts_property_history.csv\n");
      // and in requests, from the portal's own counts: 50 records a request
      long deals = sandbox.portal().records("deals").count();
      long tickets = sandbox.portal().records("tickets").count();
      long contacts = sandbox.portal().records("contacts").count();
      long total = (deals + 49) / 50 + (tickets + 49) / 50 + (contacts + 49) / 50;
      assertThat(run.out())
          .contains("property history cost, from HubSpot's counts of the records:\n")
          .containsPattern(
              "deals_property_history +" + deals + " records → " + (deals + 49) / 50 + " requests")
          .containsPattern("total +" + total + " requests\n");
    }
  }

  @Test
  void aSyncAfterChangesWritesTheHistoryAFreshPullWrites() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(600).seed(7).searchLag(LAG).start()) {
      String[] flags = {"--objects", "deals,tickets", "--associations", "none", "--history", "all"};
      Path synced = dir.resolve("synced");
      Cli.Run pulled = Cli.sync(sandbox, synced, flags);
      assertOk(pulled);
      assertThat(pulled.out())
          .containsPattern("deals_property_history: \\d+ rows, \\d+ requests")
          .containsPattern("property histories \\(\\d+ rows\\)");

      sandbox
          .portal()
          .apply(
              List.of(
                  ChangeSet.of("deals").update(20).bulkUpdate(10).create(5).archive(3),
                  ChangeSet.of("tickets").update(8).relink(4).relinkTouchesModified(true)));
      Thread.sleep(LAG.toMillis() + 200);
      Cli.Run sync = Cli.sync(sandbox, synced, flags);
      assertOk(sync);
      assertThat(sync.out())
          .containsPattern("deals_property_history: [\\d,]+ rows, \\d+ requests")
          .doesNotContain("deals_property_history: pulled whole");

      Path fresh = dir.resolve("fresh");
      assertOk(Cli.pull(sandbox, fresh, flags));
      SameOutput.assertSameTables(synced, fresh);

      Cli.Run other =
          Cli.sync(
              sandbox,
              synced,
              "--objects",
              "deals,tickets",
              "--associations",
              "none",
              "--history",
              "dealstage");
      assertThat(other.exitCode()).isEqualTo(2);
      assertThat(other.err())
          .contains("was pulled with other property history (all) than this sync asks for")
          .contains("(--history)");
    }
  }

  @Test
  void aPullKilledInItsHistoryAndStartedAgainEndsWithTheFilesOfACleanRun() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(1_500).seed(11).latencyMillis(60).start()) {
      String[] flags = {"--objects", "contacts", "--associations", "none", "--history", "all"};
      Path killed = dir.resolve("killed");
      Process child = Cli.pullInAChildProcess(sandbox, killed, flags);
      Path checkpoint =
          FolderLayout.of(killed).stateFolder().resolve("contacts_property_history.json");
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(checkpoint) && child.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(child.isAlive()).as("the pull was still running when killed").isTrue();
      } finally {
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        child.waitFor();
      }
      assertThat(killed.resolve("contacts.csv")).exists();
      assertThat(killed.resolve("contacts_property_history.csv")).doesNotExist();

      Cli.Run resumed = Cli.pull(sandbox, killed, flags);
      assertOk(resumed);
      assertThat(resumed.out()).contains("resuming the unfinished pull");
      Path clean = dir.resolve("clean");
      assertOk(Cli.pull(sandbox, clean, flags));
      SameOutput.assertSame(killed, clean);
    }
  }

  @Test
  void aParquetPullConvertsTheHistoryAndSqlReadsItTyped() {
    try (Sandbox sandbox = Sandbox.builder().records(300).start()) {
      Path out = dir.resolve("out");
      assertOk(
          Cli.pull(
              sandbox,
              out,
              "-q",
              "--objects",
              "deals",
              "--associations",
              "none",
              "--history",
              "dealstage",
              "--format",
              "parquet"));
      assertThat(out.resolve("deals_property_history.parquet")).exists();
      Cli.Run sql =
          Cli.run(
              "sql",
              "--in",
              out.toString(),
              "SELECT typeof(id), typeof(timestamp), count(*) > 0 FROM deals_property_history"
                  + " GROUP BY ALL");
      assertOk(sql);
      assertThat(sql.out())
          .contains("BIGINT")
          .contains("TIMESTAMP WITH TIME ZONE")
          .contains("true");
    }
  }

  @Test
  void slipsAreUsageErrorsThatNameTheFlag() {
    try (Sandbox sandbox = Sandbox.builder().records(300).start()) {
      Cli.Run unknown =
          Cli.pull(sandbox, dir.resolve("a"), "--objects", "deals", "--history", "dealstge");
      assertThat(unknown.exitCode()).isEqualTo(2);
      assertThat(unknown.err())
          .contains(
              "the property history (--history) asked for names dealstge (did you mean"
                  + " dealstage?)");
      Cli.Run empty = Cli.pull(sandbox, dir.resolve("b"), "--history", ",,");
      assertThat(empty.exitCode()).isEqualTo(2);
      assertThat(empty.err()).contains("--history ',,' names nothing");
      Cli.Run typo = Cli.pull(sandbox, dir.resolve("c"), "--history", "dels.dealstage");
      assertThat(typo.exitCode()).isEqualTo(2);
      assertThat(typo.err()).contains("--history: unknown object 'dels': did you mean deals?");
    }
  }
}
