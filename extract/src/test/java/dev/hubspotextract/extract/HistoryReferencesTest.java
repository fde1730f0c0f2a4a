package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which reference tables a property history needs, from the sandbox's own property definitions, and
 * the partial outcome of a run that skipped one of them for a missing scope.
 */
class HistoryReferencesTest {
  private static final ObjectType DEALS = new ObjectType("deals", "0-3", "deals", false, "deals");

  @TempDir Path tmp;

  private RunResult pull(Sandbox sandbox, List<String> history, String... objects) {
    HubSpotClient client = SandboxPulls.clientThrough(sandbox, wire -> wire);
    PullRequest request =
        SandboxPulls.objectsOnly(tmp.resolve("out"), ReadOptions.DEFAULT, objects)
            .withHistory(history);
    return SandboxPulls.pull(client, SandboxPulls.plan(client, request), 2);
  }

  private static ReferenceResult written(ReferenceTable table) {
    return new ReferenceResult(table, 3, 1, 0.1, null, null);
  }

  private static ReferenceResult skipped(ReferenceTable table, String scope) {
    return new ReferenceResult(table, 0, 1, 0.1, scope, null);
  }

  @Test
  void eachHistoryPropertyIsOfTheKindItsDefinitionSaysAndOtherPropertiesOfNone() {
    try (Sandbox sandbox = Sandbox.builder().records(100).start()) {
      RunResult result =
          pull(
              sandbox,
              List.of(
                  "hubspot_owner_id",
                  "dealstage",
                  "pipeline",
                  "dealtype",
                  "amount",
                  "hs_pipeline_stage",
                  "subject"),
              "deals",
              "tickets");

      assertThat(result.plan().histories()).hasSize(2);
      PlannedHistory deals = result.plan().histories().get(0);
      assertThat(deals.labelled())
          .containsExactly(
              entry("hubspot_owner_id", LabelKind.OWNER),
              entry("dealstage", LabelKind.STAGE),
              entry("pipeline", LabelKind.PIPELINE),
              entry("dealtype", LabelKind.OPTION));
      assertThat(result.plan().histories().get(1).labelled())
          .containsExactly(
              entry("hubspot_owner_id", LabelKind.OWNER),
              entry("hs_pipeline_stage", LabelKind.STAGE));
      assertThat(deals.readWith(ReferenceTable.OWNERS)).containsExactly("hubspot_owner_id");
      assertThat(deals.readWith(ReferenceTable.PROPERTIES)).containsExactly("dealtype");
      assertThat(deals.readWith(ReferenceTable.PROPERTY_OPTIONS)).containsExactly("dealtype");
      assertThat(result.historiesLackingReferences()).isEmpty();
    }
  }

  @Test
  void theHistoryOfAnOwnerPropertyLacksTheOwnersSkippedForTheirScopeAndSaysWhichScopeToAdd() {
    try (Sandbox sandbox = Sandbox.builder().records(100).withoutScopes(Set.of("owners")).start()) {
      RunResult owners = pull(sandbox, List.of("amount", "hubspot_owner_id"), "deals");

      assertThat(owners.failures()).isEmpty();
      assertThat(owners.skippedReferences())
          .extracting(ReferenceResult::name)
          .containsExactly("owners");
      assertThat(owners.completedTables()).contains("deals_property_history");
      TaskFailure lacking = owners.historiesLackingReferences().get(0);
      assertThat(owners.historiesLackingReferences()).hasSize(1);
      assertThat(lacking.subject()).isEqualTo("deals_property_history");
      assertThat(lacking.category()).isEqualTo(FailureCategory.PERMISSION);
      assertThat(lacking.message())
          .isEqualTo(
              "the history of hubspot_owner_id holds owner ids that owners.csv names, and it was"
                  + " skipped: the access token lacks the scope crm.objects.owners.read. Add it to"
                  + " the private app's scopes in HubSpot and run again to have owners.csv beside"
                  + " deals_property_history.csv");

      // the same portal, a history that needs no owner
      RunResult amount = pull(sandbox, List.of("amount", "dealstage"), "deals");
      assertThat(amount.skippedReferences()).isNotEmpty();
      assertThat(amount.historiesLackingReferences()).isEmpty();
    }
  }

  @Test
  void theHistoryOfAStageLacksThePipelinesOfItsObjectAloneWhenTheirScopeWasLacking() {
    try (Sandbox sandbox =
        Sandbox.builder().records(100).withoutScopes(Set.of("tickets.pipelines")).start()) {
      RunResult result =
          pull(sandbox, List.of("dealstage", "hs_pipeline_stage"), "deals", "tickets");

      assertThat(result.failures()).isEmpty();
      assertThat(result.completedTables())
          .contains("deals_property_history", "tickets_property_history", "pipeline_stages");
      // the deals' stages are there: only the tickets' history lacks its table
      assertThat(result.historiesLackingReferences())
          .singleElement()
          .satisfies(
              lacking -> {
                assertThat(lacking.subject()).isEqualTo("tickets_property_history");
                assertThat(lacking.category()).isEqualTo(FailureCategory.PERMISSION);
                assertThat(lacking.message())
                    .isEqualTo(
                        "the history of hs_pipeline_stage holds stage ids that"
                            + " pipeline_stages.csv names, and it was written without those of"
                            + " tickets: the access token lacks the scope tickets. Add it to the"
                            + " private app's scopes in HubSpot and run again to have"
                            + " pipeline_stages.csv beside tickets_property_history.csv");
              });
    }
  }

  @Test
  void aHistoryNeedsTheTablesOfItsPropertiesKindsOnlyOneFailurePerHistoryAndTable() {
    PlannedHistory history =
        new PlannedHistory(
            DEALS,
            List.of("amount", "dealstage", "hs_all_owner_ids", "hubspot_owner_id", "dealtype"),
            Map.of(
                "hubspot_owner_id", LabelKind.OWNER,
                "hs_all_owner_ids", LabelKind.OWNER,
                "dealstage", LabelKind.STAGE,
                "dealtype", LabelKind.OPTION));
    List<ReferenceResult> pipelinesSkipped =
        List.of(
            written(ReferenceTable.OWNERS),
            skipped(ReferenceTable.PIPELINES, "crm.objects.deals.read"),
            skipped(ReferenceTable.PIPELINE_STAGES, "crm.objects.deals.read"),
            written(ReferenceTable.PROPERTIES),
            written(ReferenceTable.PROPERTY_OPTIONS));
    List<ReferenceResult> ownersSkipped =
        List.of(
            skipped(ReferenceTable.OWNERS, "crm.objects.owners.read"),
            written(ReferenceTable.PIPELINES),
            written(ReferenceTable.PIPELINE_STAGES),
            written(ReferenceTable.PROPERTIES),
            written(ReferenceTable.PROPERTY_OPTIONS));

    // the stages are needed, the pipelines not: no pipeline property is in the history
    assertThat(HistoryReferences.lacking(List.of(history), pipelinesSkipped))
        .singleElement()
        .satisfies(
            failure ->
                assertThat(failure.message())
                    .startsWith(
                        "the history of dealstage holds stage ids that pipeline_stages.csv names")
                    .contains("crm.objects.deals.read"));
    // both owner properties, in the history's order, on one line
    assertThat(HistoryReferences.lacking(List.of(history), ownersSkipped))
        .singleElement()
        .satisfies(
            failure ->
                assertThat(failure.message())
                    .startsWith(
                        "the histories of hs_all_owner_ids, hubspot_owner_id hold owner ids that"
                            + " owners.csv names"));
    assertThat(
            HistoryReferences.lacking(
                List.of(new PlannedHistory(DEALS, List.of("amount"))), ownersSkipped))
        .isEmpty();
  }
}
