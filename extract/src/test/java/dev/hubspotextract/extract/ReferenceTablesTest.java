package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.sandbox.PortalOwner;
import dev.hubspotextract.sandbox.PortalPipeline;
import dev.hubspotextract.sandbox.PortalProperty;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference tables a pull writes, each checked row by row against the sandbox's own owners,
 * pipelines and properties; a missing scope skips one table alone; a table that fails leaves no
 * file.
 */
class ReferenceTablesTest {
  @TempDir Path tmp;

  private static RunResult pull(Sandbox sandbox, Path out) {
    return pull(SandboxPulls.clientThrough(sandbox, wire -> wire), out);
  }

  private static RunResult pull(HubSpotClient client, Path out) {
    Plan plan =
        SandboxPulls.plan(
            client,
            SandboxPulls.objectsOnly(out, ReadOptions.DEFAULT, "contacts", "deals", "tickets"));
    RunResult result = SandboxPulls.pull(client, plan, 2);
    try {
      Manifest.ofRun(result, null, "test", List.of(), false).write(out, FileMode.PRIVATE);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return result;
  }

  /** A file's rows without its header, each field as read (an empty field: ""). */
  private static List<List<String>> body(Path file) {
    List<List<String>> rows = PulledCsv.rows(file);
    return rows.subList(1, rows.size());
  }

  private static List<String> header(Path file) {
    return PulledCsv.rows(file).get(0);
  }

  /** A row as the file holds it: null written as an empty field. */
  private static List<String> row(Object... fields) {
    return Arrays.stream(fields).map(f -> f == null ? "" : f.toString()).toList();
  }

  @Test
  void everyReferenceTableHoldsTheSandboxsOwnDataRowByRow() {
    try (Sandbox sandbox = Sandbox.builder().records(200).start()) {
      Path out = tmp.resolve("out");
      RunResult result = pull(sandbox, out);

      assertThat(result.failures()).isEmpty();
      assertThat(result.skippedReferences()).isEmpty();
      List<String> objects = result.plan().objects().stream().map(o -> o.type().name()).toList();
      assertThat(objects).containsExactlyInAnyOrder("contacts", "deals", "tickets");

      // owners: the active and the archived ones, by id
      List<List<String>> owners = new ArrayList<>();
      sandbox.portal().owners().stream()
          .sorted(java.util.Comparator.comparing(PortalOwner::id))
          .forEach(
              o ->
                  owners.add(
                      row(
                          o.id(),
                          o.email(),
                          o.firstName(),
                          o.lastName(),
                          o.userId(),
                          o.userIdIncludingInactive(),
                          o.type(),
                          String.join(";", o.teams()),
                          o.archived(),
                          o.createdAt(),
                          o.updatedAt())));
      assertThat(header(out.resolve("owners.csv"))).containsExactly(ReferenceTable.OWNERS.header());
      assertThat(body(out.resolve("owners.csv"))).isEqualTo(owners);
      assertThat(owners).anyMatch(o -> o.get(8).equals("true")); // archived owners are there

      // pipelines and their stages, object by object in the plan's order
      List<List<String>> pipelines = new ArrayList<>();
      List<List<String>> stages = new ArrayList<>();
      for (String object : objects) {
        for (PortalPipeline p : sandbox.portal().pipelines(object)) {
          pipelines.add(
              row(
                  object,
                  p.id(),
                  p.label(),
                  p.displayOrder(),
                  p.archived(),
                  p.createdAt(),
                  p.updatedAt()));
          for (PortalPipeline.Stage s : p.stages()) {
            Map<String, String> m = s.metadata();
            stages.add(
                row(
                    object,
                    p.id(),
                    s.id(),
                    s.label(),
                    s.displayOrder(),
                    m.get("probability"),
                    m.get("ticketState"),
                    m.get("isClosed"),
                    s.archived(),
                    s.createdAt(),
                    s.updatedAt()));
          }
        }
      }
      assertThat(body(out.resolve("pipelines.csv"))).isEqualTo(pipelines).hasSize(3);
      assertThat(body(out.resolve("pipeline_stages.csv"))).isEqualTo(stages).hasSize(15);

      // the properties the pull read, in each object's column order, and their options
      List<List<String>> properties = new ArrayList<>();
      List<List<String>> options = new ArrayList<>();
      for (String object : objects) {
        for (PortalProperty p : sandbox.portal().properties(object)) {
          properties.add(
              row(
                  object,
                  p.name(),
                  p.label(),
                  p.type(),
                  p.fieldType(),
                  p.groupName(),
                  p.description(),
                  p.calculated(),
                  p.hubspotDefined(),
                  p.dataSensitivity(),
                  p.referencedObjectType(),
                  p.externalOptions(),
                  p.hasUniqueValue(),
                  p.hidden(),
                  p.displayOrder()));
          for (PortalProperty.Option o : p.optionDetails()) {
            options.add(row(object, p.name(), o.value(), o.label(), o.displayOrder(), o.hidden()));
          }
        }
      }
      assertThat(body(out.resolve("properties.csv"))).isEqualTo(properties);
      assertThat(body(out.resolve("property_options.csv"))).isEqualTo(options);
      assertThat(options).contains(row("deals", "dealstage", "1094532", "Renewal due", 7, false));

      // the manifest lists each, complete, with its rows and typed columns
      Manifest manifest = PulledManifests.read(out);
      assertThat(manifest.references())
          .extracting(Manifest.ReferenceEntry::name, Manifest.ReferenceEntry::rows)
          .containsExactly(
              tuple("owners", (long) owners.size()),
              tuple("pipelines", 3L),
              tuple("pipeline_stages", 15L),
              tuple("properties", (long) properties.size()),
              tuple("property_options", (long) options.size()));
      assertThat(manifest.references()).allMatch(r -> r.status().equals("complete"));
      assertThat(manifest.references().get(0).columns().get(0))
          .isEqualTo(new Manifest.Column("id", "number", null, "BIGINT", 0, null));
      // two owner listings, one pipelines request per object, none for the properties
      assertThat(result.references())
          .extracting(ReferenceResult::requests)
          .containsExactly(2L, 3L, 0L, 0L, 0L);
    }
  }

  @Test
  void aTokenWithoutTheOwnersScopeSkipsTheOwnersTableAloneAndSaysWhichScopeToAdd() {
    try (Sandbox sandbox = Sandbox.builder().records(50).withoutScopes(Set.of("owners")).start()) {
      Path out = tmp.resolve("out");
      RunResult result = pull(sandbox, out);

      assertThat(result.failures()).isEmpty();
      assertThat(result.skippedReferences())
          .extracting(ReferenceResult::name, ReferenceResult::missingScope)
          .containsExactly(tuple("owners", "crm.objects.owners.read"));
      assertThat(out.resolve("owners.csv")).doesNotExist();
      assertThat(out.resolve("pipelines.csv")).isRegularFile();
      assertThat(out.resolve("properties.csv")).isRegularFile();
      Manifest.ReferenceEntry owners = PulledManifests.read(out).references().get(0);
      assertThat(owners.status()).isEqualTo("skipped");
      assertThat(owners.missingScope()).isEqualTo("crm.objects.owners.read");
      assertThat(owners.failed()).isTrue(); // its file is absent: readers pass it by
      assertThat(result.completedTables()).doesNotContain("owners").contains("pipelines");
    }
  }

  /** The rows of {@code objects}' pipelines and of their stages, as the sandbox has them. */
  private static List<List<List<String>>> pipelinesOf(Sandbox sandbox, String... objects) {
    List<List<String>> pipelines = new ArrayList<>();
    List<List<String>> stages = new ArrayList<>();
    for (String object : objects) {
      for (PortalPipeline p : sandbox.portal().pipelines(object)) {
        pipelines.add(
            row(
                object,
                p.id(),
                p.label(),
                p.displayOrder(),
                p.archived(),
                p.createdAt(),
                p.updatedAt()));
        for (PortalPipeline.Stage s : p.stages()) {
          Map<String, String> m = s.metadata();
          stages.add(
              row(
                  object,
                  p.id(),
                  s.id(),
                  s.label(),
                  s.displayOrder(),
                  m.get("probability"),
                  m.get("ticketState"),
                  m.get("isClosed"),
                  s.archived(),
                  s.createdAt(),
                  s.updatedAt()));
        }
      }
    }
    return List.of(pipelines, stages);
  }

  @Test
  void oneObjectsPipelinesRefusedForAScopeLeaveItOutAndTheOthersAreWritten() {
    try (Sandbox sandbox =
        Sandbox.builder().records(50).withoutScopes(Set.of("tickets.pipelines")).start()) {
      Path out = tmp.resolve("out");
      RunResult result = pull(sandbox, out);

      // not a failure: a scope, said so; the deals' pipelines are all there
      assertThat(result.failures()).isEmpty();
      assertThat(result.skippedReferences()).isEmpty();
      List<List<List<String>>> expected = pipelinesOf(sandbox, "deals");
      assertThat(body(out.resolve("pipelines.csv"))).isEqualTo(expected.get(0)).isNotEmpty();
      assertThat(body(out.resolve("pipeline_stages.csv"))).isEqualTo(expected.get(1)).isNotEmpty();
      ReferenceResult pipelines = result.references().get(1);
      assertThat(pipelines.leftOut())
          .extracting(ReferenceResult.LeftOut::object, ReferenceResult.LeftOut::missingScope)
          .containsExactly(tuple("tickets", "tickets"));
      assertThat(pipelines.scopeLackedFor("tickets")).contains("tickets");
      assertThat(pipelines.scopeLackedFor("deals")).isEmpty();
      assertThat(result.references().get(2).scopeLackedFor("tickets")).contains("tickets");

      Manifest manifest = PulledManifests.read(out);
      for (Manifest.ReferenceEntry entry : manifest.references().subList(1, 3)) {
        assertThat(entry.status()).isEqualTo("complete");
        assertThat(entry.failed()).isFalse();
        assertThat(entry.objectsLeftOut())
            .containsExactly(new Manifest.ReferenceEntry.LeftOut("tickets", "skipped", "tickets"));
      }
      assertThat(manifest.references().get(0).objectsLeftOut()).isEmpty();
      assertThat(manifest.failures()).isEmpty();
    }
  }

  @Test
  void oneObjectsPipelinesFailingAfterTheirRetriesLeaveItOutAndFailWhileTheOthersAreWritten() {
    try (Sandbox sandbox = Sandbox.builder().records(50).start()) {
      Path out = tmp.resolve("out");
      HubSpotClient client =
          SandboxPulls.clientThrough(
              sandbox,
              real ->
                  request ->
                      request.path().startsWith("/crm/v3/pipelines/deals")
                          ? new ApiResponse(
                              502,
                              Map.of("Content-Type", List.of("text/html")),
                              "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8))
                          : real.send(request));

      RunResult result = pull(client, out);

      assertThat(result.fatal()).isNull();
      assertThat(result.failures())
          .extracting(TaskFailure::subject, TaskFailure::category)
          .containsExactly(
              tuple("pipelines", FailureCategory.EXTERNAL),
              tuple("pipeline_stages", FailureCategory.EXTERNAL));
      assertThat(result.failures().get(0).message())
          .startsWith("written without the pipelines of deals: ")
          .contains("502");
      assertThat(result.failures().get(1).message())
          .startsWith("written without the stages of deals, as ");
      List<List<List<String>>> expected = pipelinesOf(sandbox, "tickets");
      assertThat(body(out.resolve("pipelines.csv"))).isEqualTo(expected.get(0)).isNotEmpty();
      assertThat(body(out.resolve("pipeline_stages.csv"))).isEqualTo(expected.get(1)).isNotEmpty();
      assertThat(result.references().get(1).scopeLackedFor("deals")).isEmpty();

      Manifest manifest = PulledManifests.read(out);
      assertThat(manifest.references().get(1).status()).isEqualTo("complete");
      assertThat(manifest.references().get(1).objectsLeftOut())
          .containsExactly(new Manifest.ReferenceEntry.LeftOut("deals", "failed", null));
      assertThat(manifest.failures())
          .extracting(Manifest.Failure::reference)
          .containsExactly("pipelines", "pipeline_stages");
      assertThat(manifest.failures()).allMatch(f -> Objects.isNull(f.object()));
    }
  }

  @Test
  void pipelinesThatAreNotHubSpotsAnswerLeaveTheirObjectOutAsAFailure() {
    try (Sandbox sandbox = Sandbox.builder().records(50).start()) {
      Path out = tmp.resolve("out");
      HubSpotClient client =
          SandboxPulls.clientThrough(
              sandbox,
              real ->
                  request ->
                      request.path().startsWith("/crm/v3/pipelines/deals")
                          ? new ApiResponse(
                              200,
                              Map.of("Content-Type", List.of("text/html")),
                              "<html>Sign in</html>".getBytes(StandardCharsets.UTF_8))
                          : real.send(request));

      RunResult result = pull(client, out);

      assertThat(result.fatal()).isNull();
      assertThat(result.failures())
          .extracting(TaskFailure::subject, TaskFailure::category)
          .containsExactly(
              tuple("pipelines", FailureCategory.NOT_HUBSPOT),
              tuple("pipeline_stages", FailureCategory.NOT_HUBSPOT));
      assertThat(result.failures().get(0).message()).contains("an HTML page");
      assertThat(body(out.resolve("pipelines.csv")))
          .isEqualTo(pipelinesOf(sandbox, "tickets").get(0));
      assertThat(out.resolve("owners.csv")).isRegularFile();
    }
  }

  @Test
  void theDryRunListsEveryReferenceTableWithWhatItCosts() {
    try (Sandbox sandbox = Sandbox.builder().records(20).start()) {
      HubSpotClient client = SandboxPulls.clientThrough(sandbox, wire -> wire);
      Plan plan =
          SandboxPulls.plan(
              client,
              SandboxPulls.objectsOnly(
                  tmp.resolve("out"), ReadOptions.DEFAULT, "deals", "tickets"));

      String described = plan.describe(table -> table + ".csv", text -> text.text());

      assertThat(described)
          .contains("reference tables (5):")
          .contains("owners.csv\n      2 requests (the active and the archived owners")
          .contains("pipelines.csv\n      2 requests, one per object")
          .contains("property_options.csv\n      no request (read with the plan)");
    }
  }
}
