package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListEndpointTest {
  private static Sandbox sandbox;
  private static SandboxClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.builder().records(300).start();
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void pagingThroughContactsReturnsEveryLiveRecordInAscendingIdOrder() {
    List<String> ids = new ArrayList<>();
    String after = null;
    do {
      HttpResponse<String> response =
          client.get(
              "/crm/v3/objects/contacts?limit=100" + (after == null ? "" : "&after=" + after));
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode page = SandboxClient.json(response);
      page.path("results").forEach(r -> ids.add(r.path("id").asText()));
      after = page.path("paging").path("next").path("after").asText(null);
    } while (after != null);
    List<String> expected = sandbox.portal().records("contacts").map(PortalRecord::id).toList();
    assertThat(ids).containsExactlyElementsOf(expected);
    assertThat(ids).hasSize((int) sandbox.portal().count("contacts"));
  }

  @Test
  void listOrderIsIdOrderWhichIsNotCreationOrder() {
    List<PortalRecord> records = sandbox.portal().records("contacts").toList();
    assertThat(records)
        .as("a record listed after one created later")
        .anySatisfy(
            r -> {
              int k = records.indexOf(r);
              assertThat(k).isPositive();
              assertThat(r.createdAt()).isBefore(records.get(k - 1).createdAt());
            });
  }

  @Test
  void aCursorInAGapBetweenIdsStartsAtTheNextId() {
    List<Long> ids = sandbox.portal().records("contacts").map(r -> Long.parseLong(r.id())).toList();
    int k = 1;
    while (ids.get(k) - ids.get(k - 1) < 2) {
      k++;
    }
    JsonNode page =
        SandboxClient.json(
            client.get("/crm/v3/objects/contacts?limit=2&after=" + (ids.get(k - 1) + 1)));
    assertThat(page.path("results").get(0).path("id").asLong()).isEqualTo(ids.get(k));
    assertThat(page.path("paging").path("next").path("after").asLong()).isEqualTo(ids.get(k + 2));
  }

  @Test
  void defaultPropertiesAreTheContactsDefaultsPlusIdAndTimestamps() {
    JsonNode first =
        SandboxClient.json(client.get("/crm/v3/objects/contacts?limit=1")).path("results").get(0);
    List<String> names = new ArrayList<>();
    first.path("properties").fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname");
    assertThat(first.path("properties").path("hs_object_id").asText())
        .isEqualTo(first.path("id").asText());
    assertThat(first.path("createdAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void propertiesAreAcceptedCommaSeparatedAndRepeated() {
    JsonNode comma =
        SandboxClient.json(
            client.get("/crm/v3/objects/deals?limit=5&properties=amount,dealstage,nope"));
    JsonNode repeated =
        SandboxClient.json(
            client.get(
                "/crm/v3/objects/deals?limit=5&properties=amount&properties=dealstage&properties=nope"));
    assertThat(comma.path("results")).isEqualTo(repeated.path("results"));
    JsonNode props = comma.path("results").get(0).path("properties");
    assertThat(props.has("amount")).isTrue();
    assertThat(props.has("nope")).as("undefined properties are omitted").isFalse();
  }

  @Test
  void missingTokenIsAnsweredWith401InvalidAuthentication() {
    HttpResponse<String> response =
        new SandboxClient(sandbox, null).get("/crm/v3/objects/contacts");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(SandboxClient.json(response).path("category").asText())
        .isEqualTo("INVALID_AUTHENTICATION");
  }

  @Test
  void everyServedValueEqualsThePortalsValueForEveryObjectType() {
    for (PortalObjectType type : sandbox.portal().objectTypes()) {
      List<String> names =
          sandbox.portal().properties(type.name()).stream().map(PortalProperty::name).toList();
      JsonNode page =
          SandboxClient.json(
              client.get(
                  "/crm/v3/objects/"
                      + type.name()
                      + "?limit=100&properties="
                      + String.join(",", names)));
      List<PortalRecord> expected = sandbox.portal().records(type.name()).limit(100).toList();
      assertThat(page.path("results")).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        PortalRecord record = expected.get(i);
        JsonNode served = page.path("results").get(i);
        assertThat(served.path("id").asText()).isEqualTo(record.id());
        assertThat(served.path("createdAt").asText())
            .isEqualTo(Timestamps.iso(record.createdAt().toEpochMilli()));
        assertThat(served.path("updatedAt").asText())
            .isEqualTo(Timestamps.iso(record.updatedAt().toEpochMilli()));
        for (String name : names) {
          JsonNode value = served.path("properties").get(name);
          assertThat(value).as(type.name() + " " + record.id() + " " + name).isNotNull();
          assertThat(value.isNull() ? null : value.asText())
              .as(type.name() + " " + record.id() + " " + name)
              .isEqualTo(record.properties().get(name));
        }
      }
    }
  }
}
