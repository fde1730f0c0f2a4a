package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.sandbox.Sandbox;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelinesApiTest {
  @Test
  void readsPipelinesWithTheirStagesAndMetadataEachIdOnce() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                200,
                "{\"results\":[{\"id\":\"default\",\"label\":\"Sales\",\"displayOrder\":0,"
                    + "\"archived\":false,\"createdAt\":\"1970-01-01T00:00:00Z\",\"stages\":["
                    + "{\"id\":\"a\",\"label\":\"A\",\"displayOrder\":0,\"metadata\":"
                    + "{\"probability\":\"0.2\",\"isClosed\":\"false\",\"odd\":{\"x\":1}}},"
                    + "{\"id\":\"a\",\"label\":\"again\",\"displayOrder\":1,\"metadata\":{}},"
                    + "{\"id\":\"1094532\",\"label\":\"B\",\"displayOrder\":\"two\",\"metadata\":{}}]},"
                    + "{\"id\":\"default\",\"label\":\"twice\",\"stages\":[]}]}");

    List<Pipeline> pipelines = new PipelinesApi(wire).list("deals", "crm.objects.deals.read");

    assertThat(pipelines).hasSize(1);
    Pipeline sales = pipelines.get(0);
    assertThat(sales.label()).isEqualTo("Sales");
    assertThat(sales.displayOrder()).isZero();
    assertThat(sales.stages()).extracting(PipelineStage::id).containsExactly("a", "1094532");
    assertThat(sales.stages().get(0).label()).isEqualTo("A");
    assertThat(sales.stages().get(0).metadata())
        .isEqualTo(Map.of("probability", "0.2", "isClosed", "false"));
    assertThat(sales.stages().get(1).displayOrder()).isNull(); // "two" is no display order
    assertThat(wire.requests)
        .extracting(ApiRequest::pathAndQuery)
        .containsExactly("/crm/v3/pipelines/deals");
  }

  @Test
  void anObjectWithoutPipelinesHasNoneWhetherHubSpotSays400Or404() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(400, "{\"status\":\"error\",\"category\":\"VALIDATION_ERROR\"}")
            .then(404, "<html>not found</html>");
    PipelinesApi api = new PipelinesApi(wire);

    assertThat(api.list("contacts", "crm.objects.contacts.read")).isEmpty();
    assertThat(api.list("2-123", "crm.objects.custom.read")).isEmpty();
  }

  @Test
  void dealsAndTicketsAlwaysHavePipelinesSoA400Or404FailsThemInsteadOfLeavingThemEmpty() {
    for (String object : List.of("deals", "tickets", "0-3", "0-5")) {
      ScriptedTransport wire =
          new ScriptedTransport()
              .then(400, "{\"status\":\"error\",\"category\":\"VALIDATION_ERROR\"}")
              .then(404, "<html>not found</html>");
      PipelinesApi api = new PipelinesApi(wire);

      for (String status : List.of("(400 VALIDATION_ERROR)", "(404)")) {
        assertThatThrownBy(() -> api.list(object, "crm.objects.deals.read"))
            .isInstanceOfSatisfying(
                HubSpotException.class,
                e -> assertThat(e.category()).isEqualTo(FailureCategory.EXTERNAL))
            .hasMessageContaining("listing the pipelines of " + object + " " + status);
      }
    }
  }

  @Test
  void behindABaseUrlWhosePathIsWrongDealsPipelinesFailWhileContactsHaveNone() {
    try (Sandbox sandbox = Sandbox.builder().records(50).start()) {
      // every path under /wrong answers 404, as a proxy mounted elsewhere would
      PipelinesApi api =
          HubSpotClient.builder()
              .baseUrl(URI.create(sandbox.baseUrl() + "/wrong"))
              .token(sandbox.token())
              .sleeper(new RecordingSleeper())
              .build()
              .pipelines();

      assertThat(api.list("contacts", "crm.objects.contacts.read")).isEmpty();
      assertThatThrownBy(() -> api.list("deals", "crm.objects.deals.read"))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.EXTERNAL))
          .hasMessageContaining("listing the pipelines of deals (404");
    }
  }

  @Test
  void aMissingScopeNamesTheObjectsReadScopeWhenHubSpotNamesNone() {
    ScriptedTransport wire =
        new ScriptedTransport().then(403, "{\"category\":\"MISSING_SCOPES\",\"message\":\"no\"}");

    assertThatThrownBy(() -> new PipelinesApi(wire).list("tickets", "tickets"))
        .isInstanceOfSatisfying(
            MissingScopeException.class, e -> assertThat(e.scope()).isEqualTo("tickets"));
  }

  @Test
  void aPipelineWithoutAnIdIsNotHubSpotsAnswer() {
    ScriptedTransport wire =
        new ScriptedTransport().then(200, "{\"results\":[{\"label\":\"x\",\"stages\":[]}]}");

    assertThatThrownBy(() -> new PipelinesApi(wire).list("deals", "crm.objects.deals.read"))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_HUBSPOT));
  }
}
