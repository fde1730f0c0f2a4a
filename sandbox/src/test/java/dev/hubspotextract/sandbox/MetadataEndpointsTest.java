package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetadataEndpointsTest {
  private static Sandbox sandbox;
  private static SandboxClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.builder().records(50).start();
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void bothSchemaPathsListTheCustomObjectsWithFullyQualifiedNames() {
    JsonNode a = SandboxClient.json(client.get("/crm/v3/schemas"));
    JsonNode b = SandboxClient.json(client.get("/crm-object-schemas/v3/schemas"));
    assertThat(a).isEqualTo(b);
    assertThat(a.path("results")).hasSize(2);
    JsonNode pets = a.path("results").get(0);
    assertThat(pets.path("objectTypeId").asText()).startsWith("2-");
    assertThat(pets.path("fullyQualifiedName").asText())
        .isEqualTo("p" + sandbox.portal().portalId() + "_pets");
    assertThat(pets.path("properties").size())
        .isEqualTo(sandbox.portal().properties("pets").size());
    assertThat(pets.path("associations").size()).isEqualTo(2);
  }

  @Test
  void customObjectRecordsAreServedByTypeIdAndFullyQualifiedName() {
    String typeId = sandbox.portal().objectType("pets").objectTypeId();
    JsonNode byId = SandboxClient.json(client.get("/crm/v3/objects/" + typeId + "?limit=3"));
    JsonNode byName =
        SandboxClient.json(
            client.get("/crm/v3/objects/p" + sandbox.portal().portalId() + "_pets?limit=3"));
    assertThat(byId.path("results")).hasSize(3);
    assertThat(byId.path("results")).isEqualTo(byName.path("results"));
  }

  @Test
  void propertiesListEveryDefinitionWithoutPaging() {
    JsonNode body = SandboxClient.json(client.get("/crm/v3/properties/deals"));
    assertThat(body.path("results").size()).isEqualTo(sandbox.portal().properties("deals").size());
    assertThat(body.has("paging")).isFalse();
    JsonNode stage = null;
    for (JsonNode p : body.path("results")) {
      if (p.path("name").asText().equals("dealstage")) {
        stage = p;
      }
    }
    assertThat(stage).isNotNull();
    assertThat(stage.path("type").asText()).isEqualTo("enumeration");
    // every stage of every deal pipeline: the default one's 7 and the Renewals pipeline's 4
    assertThat(stage.path("options").findValuesAsText("value"))
        .containsExactlyElementsOf(
            sandbox.portal().pipelines("deals").stream()
                .flatMap(p -> p.stages().stream())
                .map(PortalPipeline.Stage::id)
                .toList())
        .hasSize(11);
    assertThat(
            SandboxClient.json(client.get("/crm/v3/properties/deals?dataSensitivity=sensitive"))
                .findValuesAsText("name"))
        .containsExactly("bank_account_number");
  }

  @Test
  void ownersListTheActiveOnesByDefaultAndTheArchivedOnesWhenAsked() {
    JsonNode page = SandboxClient.json(client.get("/crm/v3/owners?limit=4"));
    assertThat(page.path("results")).hasSize(4);
    assertThat(page.path("paging").path("next").path("after").asText()).isEqualTo("4");
    JsonNode active = SandboxClient.json(client.get("/crm/v3/owners?limit=500"));
    JsonNode archived = SandboxClient.json(client.get("/crm/v3/owners?limit=500&archived=true"));
    assertThat(active.has("paging")).isFalse();
    assertThat(active.findValuesAsText("archived")).isNotEmpty().containsOnly("false");
    assertThat(archived.path("results")).isNotEmpty();
    for (JsonNode owner : archived.path("results")) {
      assertThat(owner.path("archived").asBoolean()).isTrue();
      // a deactivated user: the owner keeps its user id only as including inactive ones
      assertThat(owner.has("userId")).isFalse();
      assertThat(owner.path("userIdIncludingInactive").isInt()).isTrue();
    }
    List<String> listed = new ArrayList<>();
    active.path("results").forEach(o -> listed.add(o.path("id").asText()));
    archived.path("results").forEach(o -> listed.add(o.path("id").asText()));
    assertThat(listed)
        .containsExactlyElementsOf(
            sandbox.portal().owners().stream().map(PortalOwner::id).toList());
    // the variety a real portal has: a queue, an owner in two teams, one in none
    assertThat(active.path("results").findValuesAsText("type")).contains("PERSON", "QUEUE");
    List<Integer> teams = new ArrayList<>();
    active.path("results").forEach(o -> teams.add(o.path("teams").size()));
    assertThat(teams).contains(0, 1, 2);
  }

  @Test
  void dealAndTicketPipelinesListTheirStagesWithHubSpotsMetadata() {
    JsonNode deals = SandboxClient.json(client.get("/crm/v3/pipelines/deals"));
    assertThat(deals.path("results").findValuesAsText("label"))
        .contains("Sales Pipeline", "Renewals");
    for (JsonNode pipeline : deals.path("results")) {
      // a pipeline added after the portal was set up was changed no earlier than it was created
      assertThat(pipeline.path("updatedAt").asText())
          .isGreaterThanOrEqualTo(pipeline.path("createdAt").asText());
      for (JsonNode stage : pipeline.path("stages")) {
        assertThat(stage.path("updatedAt").asText())
            .isGreaterThanOrEqualTo(stage.path("createdAt").asText());
      }
    }
    JsonNode renewals = deals.path("results").get(1);
    assertThat(renewals.path("displayOrder").asInt()).isEqualTo(1);
    assertThat(renewals.path("stages").get(0).path("id").asText()).matches("\\d+");
    for (JsonNode stage : deals.path("results").findValues("stages").get(0)) {
      assertThat(stage.path("metadata").path("probability").asText()).matches("[01]\\.\\d");
      assertThat(stage.path("metadata").path("isClosed").asText()).isIn("true", "false");
    }
    JsonNode tickets = SandboxClient.json(client.get("/crm/v3/pipelines/tickets"));
    JsonNode support = tickets.path("results").get(0);
    assertThat(support.path("id").asText()).isEqualTo("0");
    // HubSpot's default pipelines were created at 0, as its spec says
    assertThat(support.path("createdAt").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
    for (JsonNode stage : support.path("stages")) {
      assertThat(stage.path("metadata").path("ticketState").asText()).isIn("OPEN", "CLOSED");
      assertThat(stage.path("metadata").has("isClosed")).isTrue();
    }
    // an object without pipelines is refused, as HubSpot refuses it
    assertThat(client.get("/crm/v3/pipelines/contacts").statusCode()).isEqualTo(400);
  }

  @Test
  void aTokenWithoutTheOwnersScopeCannotListOwners() {
    try (Sandbox scoped = Sandbox.builder().records(10).withoutScopes(Set.of("owners")).start()) {
      HttpResponse<String> refused = new SandboxClient(scoped).get("/crm/v3/owners");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("MISSING_SCOPES", "crm.objects.owners.read");
      assertThat(new SandboxClient(scoped).get("/crm/v3/pipelines/deals").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aTokenWithoutOneObjectsPipelineScopeCannotListItsPipelinesAlone() {
    try (Sandbox scoped =
        Sandbox.builder().records(10).withoutScopes(Set.of("tickets.pipelines")).start()) {
      SandboxClient scopedClient = new SandboxClient(scoped);
      HttpResponse<String> refused = scopedClient.get("/crm/v3/pipelines/tickets");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("MISSING_SCOPES", "\"tickets\"");
      // its records and properties are served, and the other objects' pipelines
      assertThat(scopedClient.get("/crm/v3/objects/tickets?limit=1").statusCode()).isEqualTo(200);
      assertThat(scopedClient.get("/crm/v3/properties/tickets").statusCode()).isEqualTo(200);
      assertThat(scopedClient.get("/crm/v3/pipelines/deals").statusCode()).isEqualTo(200);
    }
  }
}
