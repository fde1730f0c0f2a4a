package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
  private static final int LIMIT = 64 * 1024;
  private static final String BATCH_READ = "POST /crm/v3/objects/contacts/batch/read HTTP/1.1";

  /**
   * More than any socket buffers between client and server can hold: a server that reads the body
   * lets all of it through, one that stops reading breaks the connection long before.
   */
  private static final long ENDLESS = 256L * 1024 * 1024;

  private static final long UNREAD = 64L * 1024 * 1024;

  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.builder().records(50).token("pat-na1-body-test").maxRequestBodyBytes(LIMIT).start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aRequestWithoutTheTokenIsAnswered401WithoutWaitingForTheBodyItPromises() {
    try (RawHttp http = new RawHttp(sandbox)) {
      RawHttp.Answer answer =
          http.sendHead(
                  BATCH_READ,
                  "Host: sandbox",
                  "Content-Type: application/json",
                  "Content-Length: 10000000000")
              .read();

      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.body()).contains("\"category\":\"INVALID_AUTHENTICATION\"");
      assertThat(answer.headers()).containsEntry("connection", "close");
    }
  }

  @Test
  void anEndlessChunkedBodyWithAWrongTokenIsAnswered401AndNotRead() throws Exception {
    try (RawHttp http = new RawHttp(sandbox)) {
      http.sendHead(
          BATCH_READ,
          "Host: sandbox",
          "Authorization: Bearer pat-na1-wrong",
          "Content-Type: application/json",
          "Transfer-Encoding: chunked");
      RawHttp.ChunkedWriter writer = http.writeChunksUpTo(ENDLESS);

      RawHttp.Answer answer = http.read();
      writer.join(30_000);

      assertThat(answer.status()).isEqualTo(401);
      assertThat(writer.broken).as("the server closed the connection").isTrue();
      assertThat(writer.written).isLessThan(UNREAD);
    }
  }

  @Test
  void aDeclaredBodyOverTheLimitIsAnswered413BeforeItIsSent() {
    try (RawHttp http = new RawHttp(sandbox)) {
      RawHttp.Answer answer =
          http.sendHead(
                  BATCH_READ,
                  "Host: sandbox",
                  "Authorization: Bearer pat-na1-body-test",
                  "Content-Type: application/json",
                  "Content-Length: " + (LIMIT + 1))
              .read();

      assertThat(answer.status()).isEqualTo(413);
      JsonNode body = SandboxClient.json(answer.body());
      assertThat(body.path("status").asText()).isEqualTo("error");
      assertThat(body.path("category").asText()).isEqualTo("VALIDATION_ERROR");
      assertThat(body.path("message").asText()).contains("larger than the limit of 65536 bytes");
      assertThat(body.path("correlationId").asText()).hasSize(36);
      assertThat(answer.headers()).containsEntry("connection", "close");
    }
  }

  @Test
  void anEndlessChunkedBodyIsCutOffPastTheLimitAndAnswered413() throws Exception {
    try (RawHttp http = new RawHttp(sandbox)) {
      http.sendHead(
          BATCH_READ,
          "Host: sandbox",
          "Authorization: Bearer pat-na1-body-test",
          "Content-Type: application/json",
          "Transfer-Encoding: chunked");
      RawHttp.ChunkedWriter writer = http.writeChunksUpTo(ENDLESS);

      RawHttp.Answer answer = http.read();
      writer.join(30_000);

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).contains("\"category\":\"VALIDATION_ERROR\"");
      assertThat(writer.broken).as("the server closed the connection").isTrue();
      assertThat(writer.written).isLessThan(UNREAD);
    }
  }

  @Test
  void aBodyOfExactlyTheLimitIsServedWhetherItsLengthIsDeclaredOrChunked() {
    String id = sandbox.portal().records("contacts").findFirst().orElseThrow().id();
    String json = "{\"inputs\":[{\"id\":\"" + id + "\"}],\"properties\":[\"email\"]}";
    byte[] body = (json + " ".repeat(LIMIT - json.length())).getBytes(StandardCharsets.UTF_8);
    assertThat(body).hasSize(LIMIT);

    HttpResponse<String> declared =
        SandboxClient.send(batchRead().POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    HttpResponse<String> chunked =
        SandboxClient.send(
            batchRead()
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));

    assertThat(declared.statusCode()).isEqualTo(200);
    assertThat(chunked.statusCode()).isEqualTo(200);
    assertThat(SandboxClient.json(chunked).path("results").get(0).path("id").asText())
        .isEqualTo(id);
  }

  private static HttpRequest.Builder batchRead() {
    return HttpRequest.newBuilder(
            URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts/batch/read"))
        .header("Authorization", "Bearer pat-na1-body-test")
        .header("Content-Type", "application/json");
  }
}
