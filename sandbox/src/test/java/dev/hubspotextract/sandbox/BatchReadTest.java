package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchReadTest {
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

  private static String inputs(List<String> ids) {
    return ids.stream()
        .map(id -> "{\"id\":\"" + id + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  @Test
  void missingIdsGive207WithObjectNotFoundListingThem() {
    List<String> ids = sandbox.portal().records("contacts").limit(3).map(PortalRecord::id).toList();
    HttpResponse<String> response =
        client.post(
            "/crm/v3/objects/contacts/batch/read",
            "{\"properties\":[\"email\"],\"inputs\":"
                + inputs(List.of(ids.get(0), "42", ids.get(1), ids.get(2)))
                + "}");
    assertThat(response.statusCode()).isEqualTo(207);
    JsonNode body = SandboxClient.json(response);
    assertThat(body.path("results")).hasSize(3);
    assertThat(body.path("numErrors").asInt()).isEqualTo(1);
    JsonNode error = body.path("errors").get(0);
    assertThat(error.path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(error.path("context").path("ids").get(0).asText()).isEqualTo("42");
  }

  @Test
  void resultsAreNotInTheOrderOfTheInputsAsHubSpotWarns() {
    List<String> ids = sandbox.portal().records("contacts").limit(5).map(PortalRecord::id).toList();
    HttpResponse<String> response =
        client.post(
            "/crm/v3/objects/contacts/batch/read",
            "{\"properties\":[\"email\"],\"inputs\":" + inputs(ids) + "}");
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> answered = new java.util.ArrayList<>();
    SandboxClient.json(response).path("results").forEach(r -> answered.add(r.path("id").asText()));
    assertThat(answered).containsExactlyInAnyOrderElementsOf(ids).isNotEqualTo(ids);
  }

  @Test
  void propertiesComeFromTheBodyWithNullForNoValue() {
    PortalRecord record =
        sandbox
            .portal()
            .records("contacts")
            .filter(r -> r.properties().get("jobtitle") == null)
            .findFirst()
            .orElseThrow();
    JsonNode body =
        SandboxClient.json(
            client.post(
                "/crm/v3/objects/contacts/batch/read",
                "{\"properties\":[\"jobtitle\",\"undefined_prop\"],\"inputs\":"
                    + inputs(List.of(record.id()))
                    + "}"));
    JsonNode props = body.path("results").get(0).path("properties");
    assertThat(props.has("jobtitle")).isTrue();
    assertThat(props.get("jobtitle").isNull()).isTrue();
    assertThat(props.has("undefined_prop")).isFalse();
  }

  @Test
  void moreThanAHundredInputsOrFiftyWithHistoryAreRejected() {
    List<String> ids = IntStream.range(0, 101).mapToObj(i -> Integer.toString(i)).toList();
    assertThat(
            client
                .post("/crm/v3/objects/contacts/batch/read", "{\"inputs\":" + inputs(ids) + "}")
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> history =
        client.post(
            "/crm/v3/objects/contacts/batch/read",
            "{\"propertiesWithHistory\":[\"email\"],\"inputs\":"
                + inputs(ids.subList(0, 51))
                + "}");
    assertThat(history.statusCode()).isEqualTo(400);
    assertThat(SandboxClient.json(history).path("message").asText())
        .contains(
            "maximum number of inputs supported in a batch request for property histories is 50");
  }

  @Test
  void contactsCanBeReadByEmail() {
    PortalRecord record =
        sandbox
            .portal()
            .records("contacts")
            .filter(r -> r.properties().get("email") != null)
            .findFirst()
            .orElseThrow();
    String email = record.properties().get("email");
    JsonNode body =
        SandboxClient.json(
            client.post(
                "/crm/v3/objects/contacts/batch/read",
                "{\"idProperty\":\"email\",\"inputs\":[{\"id\":\""
                    + email.replace("\"", "\\\"")
                    + "\"}]}"));
    assertThat(body.path("results").get(0).path("id").asText()).isEqualTo(record.id());
  }

  @Test
  void propertiesWithHistoryListValuesWithTimestamps() {
    PortalRecord record =
        sandbox
            .portal()
            .records("deals")
            .filter(r -> r.properties().get("amount") != null)
            .findFirst()
            .orElseThrow();
    JsonNode body =
        SandboxClient.json(
            client.post(
                "/crm/v3/objects/deals/batch/read",
                "{\"propertiesWithHistory\":[\"amount\"],\"inputs\":"
                    + inputs(List.of(record.id()))
                    + "}"));
    JsonNode history = body.path("results").get(0).path("propertiesWithHistory").path("amount");
    // newest first: the value the record has now, set at most when it was last modified
    assertThat(history.get(0).path("value").asText()).isEqualTo(record.properties().get("amount"));
    assertThat(Instant.parse(history.get(0).path("timestamp").asText()))
        .isBetween(record.createdAt(), record.updatedAt());
    assertThat(history.get(0).path("sourceType").asText()).isNotBlank();
  }
}
