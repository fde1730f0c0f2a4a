package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sync does with a reference table it cannot read again: a failure keeps the old file, its
 * entry marked stale, as every other table of a sync is kept; only a scope the token lacks drops
 * it, as a fresh pull would not have it; and the next sync that reads it brings it back to a fresh
 * pull's.
 */
class ReferenceTablesSyncTest {
  private static final String[] OBJECTS = {"deals", "tickets"};

  @TempDir Path tmp;

  private static PullRequest request(Path out) {
    return SandboxPulls.objectsOnly(out, ReadOptions.DEFAULT, OBJECTS);
  }

  /** Pulls the objects into {@code out}, with its manifest, as the command line does. */
  private static void pull(HubSpotClient client, Path out) throws IOException {
    PullRequest request = request(out);
    RunResult result = SandboxPulls.pull(client, SandboxPulls.plan(client, request), 2);
    assertThat(result.failures()).isEmpty();
    Manifest.ofRun(result, request, "test", List.of(), false).write(out, FileMode.PRIVATE);
  }

  private static SyncResult sync(HubSpotClient client, Path out) throws IOException {
    PullRequest request = request(out);
    Plan plan = SandboxPulls.plan(client, request);
    Manifest earlier = PulledManifests.read(out);
    return new Syncer(
            client,
            Clock.systemUTC(),
            2,
            StatusListener.NONE,
            new SyncOptions(SyncOptions.DEFAULT_LOOKBACK, false, false))
        .sync(plan, earlier, request, "test", FileMode.PRIVATE);
  }

  /** A client of {@code sandbox} whose requests starting with {@code path} answer 502, always. */
  private static HubSpotClient failing(Sandbox sandbox, String path) {
    return SandboxPulls.clientThrough(
        sandbox,
        real ->
            request ->
                request.path().startsWith(path)
                    ? new ApiResponse(
                        502,
                        Map.of("Content-Type", List.of("text/html")),
                        "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8))
                    : real.send(request));
  }

  private static Manifest.ReferenceEntry entry(Manifest manifest, String name) {
    return manifest.references().stream()
        .filter(e -> e.tableName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aTableThatFailsInASyncKeepsItsOldFileMarkedStaleAndTheNextSyncBringsItBack()
      throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(80).start()) {
      Path out = tmp.resolve("out");
      pull(SandboxPulls.clientThrough(sandbox, real -> real), out);
      String owners = Files.readString(out.resolve("owners.csv"));
      Manifest.ReferenceEntry pulled = entry(PulledManifests.read(out), "owners");

      SyncResult failed = sync(failing(sandbox, "/crm/v3/owners"), out);

      assertThat(failed.failures())
          .extracting(TaskFailure::subject, TaskFailure::category)
          .containsExactly(tuple("owners", FailureCategory.EXTERNAL));
      assertThat(Files.readString(out.resolve("owners.csv"))).isEqualTo(owners);
      Manifest manifest = PulledManifests.read(out);
      Manifest.ReferenceEntry stale = entry(manifest, "owners");
      assertThat(stale.status()).isEqualTo("stale");
      assertThat(stale.rows()).isEqualTo(pulled.rows());
      assertThat(stale.failed()).as("its file is there for readers").isFalse();
      assertThat(manifest.failures()).extracting(Manifest.Failure::reference).contains("owners");
      // the others were read again and written
      assertThat(entry(manifest, "pipelines").status()).isEqualTo("complete");

      SyncResult again = sync(SandboxPulls.clientThrough(sandbox, real -> real), out);
      assertThat(again.failures()).isEmpty();
      assertThat(entry(PulledManifests.read(out), "owners").status()).isEqualTo("complete");
      Path fresh = tmp.resolve("fresh");
      pull(SandboxPulls.clientThrough(sandbox, real -> real), fresh);
      for (ReferenceTable table : ReferenceTable.values()) {
        assertThat(Files.readString(out.resolve(table.file())))
            .as(table.file())
            .isEqualTo(Files.readString(fresh.resolve(table.file())));
      }
      assertThat(SameOutput.tablesOf(out)).isEqualTo(SameOutput.tablesOf(fresh));
    }
  }

  @Test
  void oneObjectsPipelinesFailingInASyncKeepBothPipelineFilesAsTheyWere() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(80).start()) {
      Path out = tmp.resolve("out");
      pull(SandboxPulls.clientThrough(sandbox, real -> real), out);
      String pipelines = Files.readString(out.resolve("pipelines.csv"));
      String stages = Files.readString(out.resolve("pipeline_stages.csv"));

      SyncResult failed = sync(failing(sandbox, "/crm/v3/pipelines/deals"), out);

      assertThat(failed.failures())
          .extracting(TaskFailure::subject)
          .containsExactly("pipelines", "pipeline_stages");
      // not written without the deals' pipelines: the old files, with them, stay
      assertThat(Files.readString(out.resolve("pipelines.csv"))).isEqualTo(pipelines);
      assertThat(Files.readString(out.resolve("pipeline_stages.csv"))).isEqualTo(stages);
      Manifest manifest = PulledManifests.read(out);
      assertThat(entry(manifest, "pipelines").status()).isEqualTo("stale");
      assertThat(entry(manifest, "pipeline_stages").status()).isEqualTo("stale");
      assertThat(entry(manifest, "owners").status()).isEqualTo("complete");
      assertThat(FolderLayout.of(out).syncFolder()).doesNotExist();
    }
  }

  @Test
  void aScopeLostSinceDropsTheTableAsAFreshPullWouldNotHaveIt() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(80).seed(3).start();
        Sandbox lacking =
            Sandbox.builder()
                .records(80)
                .seed(3)
                .withoutScopes(Set.of("owners", "tickets.pipelines"))
                .start()) {
      Path out = tmp.resolve("out");
      pull(SandboxPulls.clientThrough(sandbox, real -> real), out);

      SyncResult synced = sync(SandboxPulls.clientThrough(lacking, real -> real), out);

      assertThat(synced.failures()).isEmpty();
      assertThat(out.resolve("owners.csv")).doesNotExist();
      Manifest manifest = PulledManifests.read(out);
      assertThat(entry(manifest, "owners").status()).isEqualTo("skipped");
      // the tickets' pipelines left out, as a fresh pull with this token leaves them
      assertThat(entry(manifest, "pipelines").status()).isEqualTo("complete");
      assertThat(entry(manifest, "pipelines").objectsLeftOut())
          .containsExactly(new Manifest.ReferenceEntry.LeftOut("tickets", "skipped", "tickets"));
      Path fresh = tmp.resolve("fresh");
      pull(SandboxPulls.clientThrough(lacking, real -> real), fresh);
      assertThat(Files.readString(out.resolve("pipelines.csv")))
          .isEqualTo(Files.readString(fresh.resolve("pipelines.csv")));
      assertThat(Files.readString(out.resolve("pipeline_stages.csv")))
          .isEqualTo(Files.readString(fresh.resolve("pipeline_stages.csv")));
    }
  }
}
