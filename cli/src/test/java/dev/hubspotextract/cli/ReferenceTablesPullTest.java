package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.PulledCsv;
import dev.hubspotextract.extract.PulledManifests;
import dev.hubspotextract.extract.SameOutput;
import dev.hubspotextract.sandbox.PortalOwner;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line makes of the reference tables: a missing scope skips one with a line that
 * names the scope and exit 0, or 4 when a property history asked for needs it; a sync rewrites them
 * as a fresh pull writes them; the typed formats and sql have them as tables.
 */
class ReferenceTablesPullTest {
  private static final String OWNERS_SKIPPED =
      "owners: skipped: the access token lacks the scope crm.objects.owners.read; add it to the"
          + " private app's scopes in HubSpot to have owners.csv";

  @TempDir Path tmp;

  @Test
  void aTokenWithoutTheOwnersScopeSkipsOwnersWithOneLineAndStillExitsZero() {
    try (Sandbox lacking = Sandbox.builder().records(100).withoutScopes(Set.of("owners")).start()) {
      Path out = tmp.resolve("out");

      Cli.Run run = Cli.pull(lacking, out, "--objects", "deals", "--associations", "none");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out().lines()).containsOnlyOnce(OWNERS_SKIPPED);
      assertThat(run.out()).containsPattern("(?m)^pipelines: 2 rows, 1 requests, ");
      assertThat(run.err()).isEmpty();
      assertThat(out.resolve("owners.csv")).doesNotExist();
      Manifest.ReferenceEntry owners = PulledManifests.read(out).references().get(0);
      assertThat(owners.status()).isEqualTo("skipped");
      assertThat(owners.missingScope()).isEqualTo("crm.objects.owners.read");
      assertThat(PulledManifests.read(out).failures()).isEmpty();

      // sql has the tables that were written, and passes the skipped one by
      Cli.Run tables = Cli.run("sql", "--in", out.toString(), "--tables");
      assertThat(tables.exitCode()).as(tables.toString()).isZero();
      assertThat(tables.out()).contains("pipeline_stages").doesNotContain("owners");
    }
  }

  @Test
  void aHistoryOfAnOwnerPropertyWithoutTheOwnersScopeWritesEverythingSaysWhatItLacksAndExits4() {
    try (Sandbox lacking = Sandbox.builder().records(100).withoutScopes(Set.of("owners")).start()) {
      Path out = tmp.resolve("owner-history");
      String[] deals = {"--objects", "deals", "--associations", "none"};

      Cli.Run owner = Cli.pull(lacking, out, concat(deals, "--history", "amount,hubspot_owner_id"));

      assertThat(owner.exitCode()).as(owner.toString()).isEqualTo(4);
      assertThat(owner.out().lines()).containsOnlyOnce(OWNERS_SKIPPED);
      assertThat(owner.out()).containsPattern("(?m)^deals_property_history: \\d+ rows, ");
      assertThat(owner.err().lines())
          .containsExactly(
              "hubspot-extract: deals_property_history: the history of hubspot_owner_id holds"
                  + " owner ids that owners.csv names, and it was skipped: the access token lacks"
                  + " the scope crm.objects.owners.read. Add it to the private app's scopes in"
                  + " HubSpot and run again to have owners.csv beside"
                  + " deals_property_history.csv");
      assertThat(out.resolve("deals_property_history.csv")).isRegularFile();
      assertThat(out.resolve("deals.csv")).isRegularFile();
      assertThat(PulledManifests.read(out).failures()).isEmpty();

      // a sync of the folder lacks them as the pull did
      Cli.Run sync = Cli.sync(lacking, out, concat(deals, "--history", "amount,hubspot_owner_id"));
      assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(4);
      assertThat(sync.out()).contains(OWNERS_SKIPPED);
      assertThat(sync.err()).contains("deals_property_history: the history of hubspot_owner_id");

      // a history that needs no owner: the skip costs nothing
      Cli.Run amount =
          Cli.pull(lacking, tmp.resolve("amount-history"), concat(deals, "--history", "amount"));
      assertThat(amount.exitCode()).as(amount.toString()).isZero();
      assertThat(amount.out().lines()).containsOnlyOnce(OWNERS_SKIPPED);
      assertThat(amount.err()).isEmpty();
    }
  }

  @Test
  void oneObjectsPipelinesRefusedLeaveItOutOnTheStatusLineAndCostOnlyWhatNeedsThem() {
    try (Sandbox lacking =
        Sandbox.builder().records(100).withoutScopes(Set.of("tickets.pipelines")).start()) {
      Path out = tmp.resolve("out");
      String[] objects = {"--objects", "deals,tickets", "--associations", "none"};

      Cli.Run run = Cli.pull(lacking, out, objects);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      String without =
          "; without tickets: the access token lacks the scope tickets, add it to the private"
              + " app's scopes in HubSpot to have them";
      assertThat(run.out())
          .containsPattern(
              "(?m)^pipelines: 2 rows, 2 requests, \\d+\\.\\d s" + Pattern.quote(without) + "$")
          .containsPattern(
              "(?m)^pipeline_stages: \\d+ rows, 0 requests, \\d+\\.\\d s"
                  + Pattern.quote(without)
                  + "$");
      assertThat(run.err()).isEmpty();
      List<List<String>> pipelines = PulledCsv.rows(out.resolve("pipelines.csv"));
      assertThat(pipelines.subList(1, pipelines.size()))
          .allMatch(row -> row.get(0).equals("deals"));

      // the labels of the tickets' pipeline and stage columns are missing: said, exit 4
      Cli.Run sql =
          Cli.run(
              "sql", "--in", out.toString(), "--labels", "SELECT count(*) FROM tickets_labeled");
      assertThat(sql.exitCode()).as(sql.toString()).isEqualTo(4);
      assertThat(sql.err())
          .contains("sql: no pipeline labels for tickets: " + out.resolve("pipelines.csv"))
          .contains("sql: no stage labels for tickets: ")
          .contains("the access token lacks the scope tickets")
          .doesNotContain("for deals");

      // a history of the tickets' stages needs them: exit 4; of the deals' stages not
      Cli.Run tickets =
          Cli.pull(
              lacking, tmp.resolve("tickets"), concat(objects, "--history", "hs_pipeline_stage"));
      assertThat(tickets.exitCode()).as(tickets.toString()).isEqualTo(4);
      assertThat(tickets.err())
          .contains(
              "tickets_property_history: the history of hs_pipeline_stage holds stage ids that"
                  + " pipeline_stages.csv names, and it was written without those of tickets");
      Cli.Run deals =
          Cli.pull(lacking, tmp.resolve("deals"), concat(objects, "--history", "deals.dealstage"));
      assertThat(deals.exitCode()).as(deals.toString()).isZero();
    }
  }

  private static String[] concat(String[] first, String... more) {
    return Stream.concat(Arrays.stream(first), Arrays.stream(more)).toArray(String[]::new);
  }

  @Test
  void aSyncRewritesTheReferenceTablesAsAFreshPullWritesThemAndDropsOneItCannotWrite()
      throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(200).seed(8).start();
        Sandbox lacking =
            Sandbox.builder().records(200).seed(8).withoutScopes(Set.of("owners")).start()) {
      Path synced = tmp.resolve("synced");
      Path fresh = tmp.resolve("fresh");
      String[] objects = {"--objects", "deals,tickets", "--associations", "none"};
      assertThat(Cli.pull(sandbox, synced, objects).exitCode()).isZero();

      // the owners scope lost: the sync drops owners.csv, as a pull would not write it
      Cli.Run withoutOwners = Cli.sync(lacking, synced, objects);
      assertThat(withoutOwners.exitCode()).as(withoutOwners.toString()).isZero();
      assertThat(withoutOwners.out()).contains(OWNERS_SKIPPED);
      assertThat(synced.resolve("owners.csv")).doesNotExist();
      assertThat(PulledManifests.read(synced).references().get(0).status()).isEqualTo("skipped");

      // back: the sync writes it again, and every table equals a fresh pull's
      Cli.Run again = Cli.sync(sandbox, synced, objects);
      assertThat(again.exitCode()).as(again.toString()).isZero();
      assertThat(again.out()).containsPattern("(?m)^owners: \\d+ rows, 2 requests, ");
      assertThat(Cli.pull(sandbox, fresh, objects).exitCode()).isZero();
      SameOutput.assertSameTables(synced, fresh);
      List<List<String>> owners = PulledCsv.rows(synced.resolve("owners.csv"));
      assertThat(owners.subList(1, owners.size()))
          .extracting(row -> row.get(0))
          .containsExactlyElementsOf(
              sandbox.portal().owners().stream().map(PortalOwner::id).sorted().toList());
    }
  }

  @Test
  void theDuckDbAndParquetFormatsHoldTheReferenceTablesTyped() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(100).start()) {
      for (String format : List.of("duckdb", "parquet")) {
        Path out = tmp.resolve(format);
        Cli.pullObjects(sandbox, out, "deals", "--associations", "none", "--format", format);
        if (format.equals("parquet")) {
          assertThat(out.resolve("owners.parquet")).isRegularFile();
          assertThat(out.resolve("owners.csv")).doesNotExist();
        } else {
          assertThat(SameOutput.files(out)).doesNotContain("owners.csv", "owners.parquet");
        }

        Cli.Run archived =
            Cli.run(
                "sql",
                "--in",
                out.toString(),
                "SELECT count(*) AS n, typeof(any_value(id)) AS id_type,"
                    + " typeof(any_value(archived)) AS archived_type FROM owners WHERE archived");
        Cli.Run stages =
            Cli.run(
                "sql",
                "--in",
                out.toString(),
                "SELECT count(*) AS n FROM deals d JOIN pipeline_stages s ON s.object = 'deals'"
                    + " AND s.pipelineId = d.pipeline AND s.id = d.dealstage");

        long archivedOwners = sandbox.portal().owners().stream().filter(o -> o.archived()).count();
        assertThat(archived.exitCode()).as(archived.toString()).isZero();
        assertThat(archived.out())
            .as(format)
            .containsPattern("\\b" + archivedOwners + "\\s*\\|\\s*BIGINT\\s*\\|\\s*BOOLEAN");
        // every deal's stage is found in its own pipeline's stages
        assertThat(stages.out())
            .as(format)
            .containsPattern("\\b" + sandbox.portal().count("deals") + "\\b");
      }
    }
  }
}
