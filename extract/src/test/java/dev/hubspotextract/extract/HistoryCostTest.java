package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code --dry-run} says a property history costs when HubSpot's count of the records is not
 * to be had: one object's search refused leaves that object uncounted, and a failure that would
 * stop the pull (a rejected token, the daily limit, a page that is not HubSpot's) stops the dry
 * run.
 */
class HistoryCostTest {
  @TempDir Path tmp;
  private Sandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().records(120).start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** A client whose searches of tickets are answered {@code status} with {@code body}. */
  private HubSpotClient ticketSearchesAnswered(int status, String contentType, String body) {
    return SandboxPulls.clientThrough(
        sandbox,
        real ->
            request ->
                request.path().startsWith("/crm/v3/objects/tickets/search")
                    ? new ApiResponse(
                        status,
                        Map.of("Content-Type", List.of(contentType)),
                        body.getBytes(StandardCharsets.UTF_8))
                    : real.send(request));
  }

  private Plan plan() {
    HubSpotClient client = SandboxPulls.clientThrough(sandbox, real -> real);
    return SandboxPulls.plan(
        client,
        SandboxPulls.objectsOnly(tmp.resolve("out"), ReadOptions.DEFAULT, "deals", "tickets")
            .withHistory(List.of("dealstage", "hs_pipeline_stage")));
  }

  @Test
  void aSearchRefusedForOneObjectLeavesItUncountedAndCountsTheOthers() {
    HubSpotClient client =
        ticketSearchesAnswered(
            403,
            "application/json",
            "{\"status\":\"error\",\"message\":\"This app hasn't been granted all required"
                + " scopes to make this call.\",\"category\":\"MISSING_SCOPES\","
                + "\"errors\":[{\"message\":\"One or more of the following scopes are required.\","
                + "\"context\":{\"requiredGranularScopes\":[\"tickets\"]}}]}");

    String cost = HistoryCost.describe(client, plan());

    long deals = sandbox.portal().count("deals");
    assertThat(cost)
        .containsPattern(
            "deals_property_history +" + deals + " records → " + (deals + 49) / 50 + " requests")
        .contains("tickets_property_history not counted (search failed)")
        .containsPattern("total +" + (deals + 49) / 50 + " requests and the ones not counted");
  }

  @Test
  void theDailyLimitOnACountStopsTheDryRunAsItWouldStopThePull() {
    HubSpotClient client =
        ticketSearchesAnswered(
            429,
            "application/json",
            "{\"status\":\"error\",\"message\":\"You have reached your daily limit.\","
                + "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"}");
    Plan plan = plan();

    assertThatThrownBy(() -> HistoryCost.describe(client, plan))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMIT));
  }

  @Test
  void aRejectedTokenOnACountStopsTheDryRun() {
    HubSpotClient client =
        ticketSearchesAnswered(
            401,
            "application/json",
            "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                + "\"category\":\"INVALID_AUTHENTICATION\"}");
    Plan plan = plan();

    assertThatThrownBy(() -> HistoryCost.describe(client, plan))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.AUTHENTICATION));
  }

  @Test
  void aCountAnsweredWithAPageThatIsNotHubSpotsStopsTheDryRun() {
    HubSpotClient client = ticketSearchesAnswered(200, "text/html", "<html>Sign in</html>");
    Plan plan = plan();

    assertThatThrownBy(() -> HistoryCost.describe(client, plan))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_HUBSPOT));
  }
}
