package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WireRulesTest {
  private static Sandbox sandbox;
  private static SandboxClient client;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.builder()
            .records(100)
            .token("pat-na1-test-token")
            .withoutScopes(Set.of("tickets"))
            .contactProperties(1200)
            .maxRequestLineLength(8000)
            .start();
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aTokenWithoutHubSpotsShapeIsAnswered530ByTheEdgeNot401() {
    for (String malformed : List.of("wrong", "Bearer-less", "pat-wrong", "eyJhbGciOiJIUzI1NiJ9")) {
      HttpResponse<String> response =
          new SandboxClient(sandbox, malformed).get("/crm/v3/objects/deals");
      assertThat(response.statusCode()).as(malformed).isEqualTo(530);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    }
    // the sandbox's own token is accepted whatever its shape
    try (Sandbox own = Sandbox.builder().records(5).token("secret").start()) {
      assertThat(new SandboxClient(own).get("/crm/v3/objects/deals").statusCode()).isEqualTo(200);
      assertThat(new SandboxClient(own, "pat-na1-0000").get("/crm/v3/objects/deals").statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void aWrongTokenIsAnsweredWith401AndHubSpotsErrorBody() {
    HttpResponse<String> response =
        new SandboxClient(sandbox, "pat-na1-wrong").get("/crm/v3/objects/deals");
    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode body = SandboxClient.json(response);
    assertThat(body.path("status").asText()).isEqualTo("error");
    assertThat(body.path("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
    assertThat(body.path("correlationId").asText()).matches("[0-9a-f-]{36}");
    assertThat(body.path("message").asText()).contains("Authentication credentials not found");
  }

  @Test
  void anObjectWithoutItsScopeIsAnswered403MissingScopesNamingTheScope() {
    for (String path :
        List.of(
            "/crm/v3/objects/tickets",
            "/crm/v3/objects/0-5",
            "/crm/v3/properties/ticket",
            "/crm/v4/objects/contacts/1/associations/tickets")) {
      HttpResponse<String> response = client.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(403);
      JsonNode body = SandboxClient.json(response);
      assertThat(body.path("category").asText()).isEqualTo("MISSING_SCOPES");
      assertThat(
              body.path("errors")
                  .get(0)
                  .path("context")
                  .path("requiredGranularScopes")
                  .get(0)
                  .asText())
          .isEqualTo("tickets");
    }
    assertThat(client.get("/crm/v3/objects/contacts").statusCode()).isEqualTo(200);
  }

  @Test
  void aRequestLineOverTheLimitIsAnswered414WhileTheSamePropertiesInABatchReadBodyWork() {
    List<String> names =
        sandbox.portal().properties("contacts").stream().map(PortalProperty::name).toList();
    assertThat(names).hasSize(1200);
    String all = String.join(",", names);
    assertThat(client.get("/crm/v3/objects/contacts?limit=10&properties=" + all).statusCode())
        .isEqualTo(414);

    String id = sandbox.portal().records("contacts").findFirst().orElseThrow().id();
    String body =
        "{\"inputs\":[{\"id\":\""
            + id
            + "\"}],\"properties\":["
            + names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","))
            + "]}";
    HttpResponse<String> response = client.post("/crm/v3/objects/contacts/batch/read", body);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SandboxClient.json(response).path("results").get(0).path("properties").size())
        .isEqualTo(1200);
  }

  @Test
  void errorBodiesCarryStatusMessageCorrelationIdAndCategory() {
    for (String path :
        List.of(
            "/crm/v3/objects/contacts?limit=101",
            "/crm/v3/objects/nonsense",
            "/crm/v3/objects/contacts/999",
            "/nowhere")) {
      HttpResponse<String> response = client.get(path);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      JsonNode body = SandboxClient.json(response);
      assertThat(body.path("status").asText()).isEqualTo("error");
      assertThat(body.path("message").asText()).isNotBlank();
      assertThat(body.path("correlationId").asText()).hasSize(36);
      assertThat(body.path("category").asText()).isIn("VALIDATION_ERROR", "OBJECT_NOT_FOUND");
    }
  }

  @Test
  void recordedRequestsKeepTheAuthorizationHeaderRedacted() {
    client.get("/crm/v3/owners");
    RecordedRequest last =
        sandbox.requests().stream()
            .filter(r -> r.path().equals("/crm/v3/owners"))
            .findFirst()
            .orElseThrow();
    assertThat(last.header("Authorization")).isEqualTo("Bearer ***");
    assertThat(last.status()).isEqualTo(200);
    assertThat(sandbox.requests().toString()).doesNotContain("pat-na1-test-token");
    assertThat(sandbox.requestCount()).isGreaterThanOrEqualTo(1);
  }
}
