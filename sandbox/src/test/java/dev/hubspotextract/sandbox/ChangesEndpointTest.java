package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /sandbox/v1/changes}: the sandbox's own endpoint applies change sets sent as JSON,
 * answers with the ids each change touched, wants the sandbox's token and is not a HubSpot request.
 */
class ChangesEndpointTest {
  private static final String PATH = "/sandbox/v1/changes";

  @Test
  void aChangeSetIsAppliedAndAnsweredWithTheIdsOfEachKindOfChange() {
    try (Sandbox sandbox = Sandbox.builder().records(500).start()) {
      HttpResponse<String> response =
          new SandboxClient(sandbox)
              .post(
                  PATH,
                  "{\"object\": \"contacts\", \"create\": 3, \"update\": 4, \"bulkUpdate\": 5,"
                      + " \"archive\": 2, \"delete\": 1, \"merge\": 1, \"relink\": 2,"
                      + " \"relinkTouchesModified\": false, \"newProperty\": \"favourite_colour\"}");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode result = SandboxClient.json(response).path("results").get(0);
      assertThat(result.path("object").asText()).isEqualTo("contacts");
      assertThat(result.path("create")).hasSize(3);
      assertThat(result.path("update")).hasSize(4);
      assertThat(result.path("bulkUpdate")).hasSize(5);
      assertThat(result.path("bulkUpdatedAt").asText()).isNotEmpty();
      assertThat(result.path("archive")).hasSize(2);
      assertThat(result.path("delete")).hasSize(1);
      assertThat(result.path("merge")).hasSize(1);
      assertThat(result.path("relink")).hasSize(2);
      assertThat(result.path("relink").get(0).path("toObject").asText()).isNotEmpty();
      assertThat(result.path("newProperty").asText()).isEqualTo("favourite_colour");
      Portal portal = sandbox.portal();
      for (JsonNode id : result.path("create")) {
        assertThat(portal.record("contacts", id.asText())).isNotNull();
      }
      assertThat(portal.record("contacts", result.path("archive").get(0).asText()).archived())
          .isTrue();
      assertThat(portal.record("contacts", result.path("delete").get(0).asText())).isNull();
      JsonNode merge = result.path("merge").get(0);
      assertThat(portal.record("contacts", merge.path("id").asText())).isNull();
      assertThat(portal.record("contacts", merge.path("into").asText())).isNotNull();
      assertThat(portal.properties("contacts"))
          .extracting(PortalProperty::name)
          .contains("favourite_colour");
    }
  }

  @Test
  void anArrayAppliesOneSetPerObjectAndIsAnsweredInItsOrder() {
    try (Sandbox sandbox = Sandbox.builder().records(500).start()) {
      JsonNode results =
          SandboxClient.json(
                  new SandboxClient(sandbox)
                      .post(
                          PATH,
                          "[{\"object\":\"deals\",\"update\":2},{\"object\":\"0-2\",\"archive\":1}]"))
              .path("results");

      assertThat(results).hasSize(2);
      assertThat(results.get(0).path("object").asText()).isEqualTo("deals");
      assertThat(results.get(0).path("update")).hasSize(2);
      assertThat(results.get(1).path("object").asText()).isEqualTo("companies");
      assertThat(results.get(1).path("archive")).hasSize(1);
      assertThat(results.get(1).has("bulkUpdatedAt")).as("no bulk update, no time").isFalse();
    }
  }

  @Test
  void badInputIsRefusedWithAMessageNamingTheFieldAndChangesNothing() {
    try (Sandbox sandbox = Sandbox.builder().records(500).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      long contacts = sandbox.portal().count("contacts");

      assertRefused(client, "{\"object\":\"contacts\",\"update\":-3}", "update must be between");
      assertRefused(
          client,
          "[{\"object\":\"contacts\",\"create\":5},{\"object\":\"deals\",\"archive\":\"many\"}]",
          "[1].archive must be a whole number of records, got \"many\"");
      assertRefused(
          client,
          "{\"object\":\"contacts\",\"updates\":3}",
          "updates is not a field of a change set");
      assertRefused(client, "{\"update\":3}", "object is required");
      assertRefused(
          client,
          "{\"object\":\"contacts\",\"relinkTouchesModified\":\"yes\"}",
          "relinkTouchesModified");
      assertRefused(
          client, "{\"object\":\"contacts\",\"newProperty\":\"Bad Name\"}", "newProperty");
      assertRefused(client, "{\"object\":\"contacts\",\"archive\":100000}", "ask for 100000");
      assertRefused(client, "[]", "a non-empty array");
      assertRefused(client, "{\"object\":", "Invalid input JSON");

      assertThat(sandbox.portal().count("contacts")).isEqualTo(contacts);
      assertThat(client.get(PATH).statusCode()).isEqualTo(405);
    }
  }

  @Test
  void theSandboxTokenIsRequired() {
    try (Sandbox sandbox = Sandbox.builder().records(100).start()) {
      String body = "{\"object\":\"contacts\",\"create\":1}";
      long contacts = sandbox.portal().count("contacts");

      assertThat(new SandboxClient(sandbox, null).post(PATH, body).statusCode()).isEqualTo(401);
      assertThat(
              new SandboxClient(sandbox, "pat-na1-11111111-1111-4111-8111-111111111111")
                  .post(PATH, body)
                  .statusCode())
          .isEqualTo(401);
      assertThat(sandbox.portal().count("contacts")).isEqualTo(contacts);
    }
  }

  @Test
  void changesAreNeitherRateLimitedNorFaultedAsHubSpotRequestsAre() {
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(100)
            .rateLimit(RateLimitTier.STARTER)
            .dailyLimit(1)
            .faults(FaultPlan.parse("5xx=1"))
            .start()) {
      SandboxClient client = new SandboxClient(sandbox);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response = client.post(PATH, "{\"object\":\"contacts\",\"update\":1}");
        statuses.add(response.statusCode());
        assertThat(response.headers().firstValue("X-HubSpot-RateLimit-Daily-Remaining")).isEmpty();
      }

      assertThat(statuses).containsOnly(200);
      assertThat(client.get("/crm/v3/objects/contacts").statusCode())
          .as("the day's one request is still there for HubSpot's API, which the plan faults")
          .isBetween(500, 599);
      assertThat(client.get("/crm/v3/objects/contacts").statusCode()).isEqualTo(429);
    }
  }

  private static void assertRefused(SandboxClient client, String body, String message) {
    HttpResponse<String> response = client.post(PATH, body);
    assertThat(response.statusCode()).as(body).isEqualTo(400);
    JsonNode error = SandboxClient.json(response);
    assertThat(error.path("category").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(error.path("message").asText()).as(body).contains(message);
  }
}
