package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchEndpointTest {
  private static Sandbox sandbox;
  private static SandboxClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.builder().records(400).start();
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void modifiedSinceSortedAscendingPagesWithIntegerOffsetsThroughEveryMatch() {
    Instant since = Instant.parse("2025-01-01T00:00:00Z");
    List<PortalRecord> expected =
        sandbox
            .portal()
            .records("companies")
            .filter(r -> !r.updatedAt().isBefore(since))
            .sorted(Comparator.comparing(PortalRecord::updatedAt).thenComparing(PortalRecord::id))
            .toList();
    List<String> ids = new ArrayList<>();
    String after = "0";
    long total = -1;
    while (after != null) {
      JsonNode page =
          SandboxClient.json(
              client.post(
                  "/crm/v3/objects/companies/search",
                  "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"GTE\","
                      + "\"value\":\""
                      + since.toEpochMilli()
                      + "\"}]}],"
                      + "\"sorts\":[{\"propertyName\":\"hs_lastmodifieddate\",\"direction\":\"ASCENDING\"}],"
                      + "\"limit\":7,\"after\":\""
                      + after
                      + "\"}"));
      total = page.path("total").asLong();
      page.path("results").forEach(r -> ids.add(r.path("id").asText()));
      after = page.path("paging").path("next").path("after").asText(null);
      if (after != null) {
        assertThat(after).matches("\\d+");
      }
    }
    assertThat(total).isEqualTo(expected.size());
    assertThat(ids).containsExactlyElementsOf(expected.stream().map(PortalRecord::id).toList());
  }

  @Test
  void betweenOnCreateDateAndTheStringSortFormWork() {
    List<PortalRecord> all = sandbox.portal().records("contacts").toList();
    Instant low = all.get(10).createdAt();
    Instant high = all.get(19).createdAt();
    JsonNode page =
        SandboxClient.json(
            client.post(
                "/crm/v3/objects/contacts/search",
                "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"createdate\",\"operator\":\"BETWEEN\","
                    + "\"value\":\""
                    + low
                    + "\",\"highValue\":\""
                    + high
                    + "\"}]}],"
                    + "\"sorts\":[\"-hs_object_id\"],\"limit\":100}"));
    assertThat(page.path("total").asInt()).isEqualTo(10);
    assertThat(page.path("results").get(0).path("id").asText()).isEqualTo(all.get(19).id());
    assertThat(page.has("paging")).isFalse();
  }

  @Test
  void idFiltersAndPropertyPresenceFiltersCombineAsHubSpotDoes() {
    List<PortalRecord> all = sandbox.portal().records("contacts").toList();
    JsonNode in =
        SandboxClient.json(
            client.post(
                "/crm/v3/objects/contacts/search",
                "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"hs_object_id\",\"operator\":\"IN\","
                    + "\"values\":[\""
                    + all.get(3).id()
                    + "\",\""
                    + all.get(5).id()
                    + "\"]}]},"
                    + "{\"filters\":[{\"propertyName\":\"hs_object_id\",\"operator\":\"EQ\",\"value\":\""
                    + all.get(7).id()
                    + "\"}]}]}"));
    assertThat(in.path("total").asInt()).isEqualTo(3);
    long withoutJobTitle =
        all.stream()
            .filter(
                r ->
                    r.properties().get("jobtitle") == null
                        || r.properties().get("jobtitle").isEmpty())
            .count();
    JsonNode missing =
        SandboxClient.json(
            client.post(
                "/crm/v3/objects/contacts/search",
                "{\"filters\":[{\"propertyName\":\"jobtitle\",\"operator\":\"NOT_HAS_PROPERTY\"}]}"));
    assertThat(missing.path("total").asLong()).isEqualTo(withoutJobTitle);
  }

  @Test
  void searchRefusesToPagePastTenThousandAndLimitsAbove200() {
    JsonNode deep =
        SandboxClient.json(
            client.post("/crm/v3/objects/contacts/search", "{\"limit\":100,\"after\":9950}"));
    assertThat(deep.path("category").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(
            client
                .post("/crm/v3/objects/contacts/search", "{\"limit\":100,\"after\":9950}")
                .statusCode())
        .isEqualTo(400);
    assertThat(client.post("/crm/v3/objects/contacts/search", "{\"limit\":201}").statusCode())
        .isEqualTo(400);
    assertThat(
            client.post("/crm/v3/objects/contacts/search", "{\"after\":\"NTI1Cg==\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void tooManyFiltersAreAValidationError() {
    String filter = "{\"propertyName\":\"hs_object_id\",\"operator\":\"GT\",\"value\":\"1\"}";
    String seven = String.join(",", java.util.Collections.nCopies(7, filter));
    assertThat(
            client
                .post(
                    "/crm/v3/objects/contacts/search",
                    "{\"filterGroups\":[{\"filters\":[" + seven + "]}]}")
                .statusCode())
        .isEqualTo(400);
  }
}
