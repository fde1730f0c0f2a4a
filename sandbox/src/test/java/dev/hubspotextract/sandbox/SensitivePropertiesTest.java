package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensitivePropertiesTest {
  private static final String CONTACTS_SENSITIVE = "crm.objects.contacts.sensitive.read.v2";
  private static final String CONTACTS_HIGHLY = "crm.objects.contacts.highly_sensitive.read.v2";

  private static Sandbox start(String... withoutScopes) {
    return Sandbox.builder().records(60).withoutScopes(Set.of(withoutScopes)).start();
  }

  private static void assertMissingScope(HttpResponse<String> response, String scope) {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(403);
    JsonNode body = SandboxClient.json(response);
    assertThat(body.path("category").asText()).isEqualTo("MISSING_SCOPES");
    assertThat(
            body.path("errors")
                .get(0)
                .path("context")
                .path("requiredGranularScopes")
                .get(0)
                .asText())
        .isEqualTo(scope);
  }

  @Test
  void theDefaultListingHidesSensitivePropertiesAndEachLevelIsListedWhenAskedFor() {
    try (Sandbox sandbox = start()) {
      SandboxClient client = new SandboxClient(sandbox);
      JsonNode plain = SandboxClient.json(client.get("/crm/v3/properties/contacts"));
      assertThat(plain.findValuesAsText("name"))
          .contains("email")
          .doesNotContain("national_id_number", "passport_number", "health_conditions");
      assertThat(plain.findValuesAsText("dataSensitivity")).containsOnly("non_sensitive");
      assertThat(
              SandboxClient.json(
                      client.get("/crm/v3/properties/contacts?dataSensitivity=non_sensitive"))
                  .path("results"))
          .isEqualTo(plain.path("results"));

      JsonNode sensitive =
          SandboxClient.json(client.get("/crm/v3/properties/contacts?dataSensitivity=sensitive"));
      assertThat(sensitive.findValuesAsText("name"))
          .containsExactly("national_id_number", "passport_number");
      assertThat(sensitive.findValuesAsText("dataSensitivity")).containsOnly("sensitive");

      JsonNode highly =
          SandboxClient.json(
              client.get("/crm/v3/properties/contacts?dataSensitivity=highly_sensitive"));
      assertThat(highly.findValuesAsText("name")).containsExactly("health_conditions");
      assertThat(highly.path("results").get(0).path("sensitiveDataCategories").get(0).asText())
          .isEqualTo("HIPAA");

      assertThat(
              SandboxClient.json(
                      client.get("/crm/v3/properties/companies?dataSensitivity=sensitive"))
                  .path("results"))
          .isEmpty();
      assertThat(client.get("/crm/v3/properties/contacts?dataSensitivity=secret").statusCode())
          .isEqualTo(400);
      // the portal's public view is what the default listing shows
      assertThat(sandbox.portal().properties("contacts"))
          .extracting(PortalProperty::name)
          .doesNotContain("national_id_number");
    }
  }

  @Test
  void withTheScopesSensitiveValuesAreReadLikeAnyOther() {
    try (Sandbox sandbox = start()) {
      SandboxClient client = new SandboxClient(sandbox);
      JsonNode page =
          SandboxClient.json(
              client.get(
                  "/crm/v3/objects/contacts?limit=50"
                      + "&properties=national_id_number,passport_number,health_conditions"));
      assertThat(page.path("results").get(0).path("properties").has("health_conditions")).isTrue();
      assertThat(page.findValuesAsText("national_id_number")).contains("123-45-6789");
      HttpResponse<String> deals =
          client.post(
              "/crm/v3/objects/deals/search",
              "{\"properties\":[\"dealname\",\"bank_account_number\"],\"limit\":5}");
      assertThat(deals.statusCode()).isEqualTo(200);
      assertThat(
              SandboxClient.json(deals)
                  .path("results")
                  .get(0)
                  .path("properties")
                  .has("bank_account_number"))
          .isTrue();
    }
  }

  @Test
  void aTokenWithoutTheSensitiveScopeGets403NamingItForTheDefinitionsAndTheValues() {
    try (Sandbox sandbox = start("contacts.sensitive")) {
      SandboxClient client = new SandboxClient(sandbox);
      String id = sandbox.portal().records("contacts").findFirst().orElseThrow().id();
      assertMissingScope(
          client.get("/crm/v3/properties/contacts?dataSensitivity=sensitive"), CONTACTS_SENSITIVE);
      assertMissingScope(
          client.get("/crm/v3/objects/contacts?properties=firstname,passport_number"),
          CONTACTS_SENSITIVE);
      assertMissingScope(
          client.get(
              "/crm/v3/objects/contacts/" + id + "?propertiesWithHistory=national_id_number"),
          CONTACTS_SENSITIVE);
      assertMissingScope(
          client.post(
              "/crm/v3/objects/contacts/batch/read",
              "{\"properties\":[\"national_id_number\"],\"inputs\":[{\"id\":\"" + id + "\"}]}"),
          CONTACTS_SENSITIVE);
      assertMissingScope(
          client.post("/crm/v3/objects/contacts/search", "{\"properties\":[\"passport_number\"]}"),
          CONTACTS_SENSITIVE);

      // other levels, other objects and non-sensitive reads are untouched
      assertThat(client.get("/crm/v3/objects/contacts?properties=health_conditions").statusCode())
          .isEqualTo(200);
      assertThat(client.get("/crm/v3/objects/deals?properties=bank_account_number").statusCode())
          .isEqualTo(200);
      assertThat(client.get("/crm/v3/properties/contacts").statusCode()).isEqualTo(200);
      assertThat(client.get("/crm/v3/objects/contacts?properties=email").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aLevelAloneIsThatScopeOfEveryObject() {
    try (Sandbox sandbox = start("highly_sensitive")) {
      SandboxClient client = new SandboxClient(sandbox);
      assertMissingScope(
          client.get("/crm/v3/objects/contacts?properties=health_conditions"), CONTACTS_HIGHLY);
      assertMissingScope(
          client.get("/crm/v3/properties/deals?dataSensitivity=highly_sensitive"),
          "crm.objects.deals.highly_sensitive.read.v2");
      assertThat(client.get("/crm/v3/objects/contacts?properties=passport_number").statusCode())
          .isEqualTo(200);
    }
    try (Sandbox sandbox = start("sensitive")) {
      assertMissingScope(
          new SandboxClient(sandbox).get("/crm/v3/objects/deals?properties=bank_account_number"),
          "crm.objects.deals.sensitive.read.v2");
    }
  }

  @Test
  void anUnknownObjectInASensitiveEntryIsRefusedAtStart() {
    assertThatThrownBy(() -> start("widgets.sensitive"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without-scope: unknown object 'widgets'");
  }
}
