package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
    assertThat(stage.path("options").size()).isEqualTo(7);
    assertThat(
            SandboxClient.json(client.get("/crm/v3/properties/deals?dataSensitivity=sensitive"))
                .findValuesAsText("name"))
        .containsExactly("bank_account_number");
  }

  @Test
  void ownersAndPipelinesAreServed() {
    JsonNode owners = SandboxClient.json(client.get("/crm/v3/owners?limit=4"));
    assertThat(owners.path("results")).hasSize(4);
    assertThat(owners.path("paging").path("next").path("after").asText()).isEqualTo("4");
    JsonNode pipelines = SandboxClient.json(client.get("/crm/v3/pipelines/deals"));
    assertThat(pipelines.path("results").get(0).path("stages").size()).isEqualTo(7);
    assertThat(
            SandboxClient.json(client.get("/crm/v3/pipelines/tickets"))
                .path("results")
                .get(0)
                .path("id")
                .asText())
        .isEqualTo("0");
  }
}
