package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InternalErrorTest {
  /** A clock that fails: the rate limiter reads it on every request, so every request fails. */
  private static final class BrokenClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      throw new IllegalStateException("clock broke at /internal/secret-detail");
    }
  }

  @Test
  void anUnexpectedFailureIsAnswered500WithAGenericBodyAndItsCauseGoesToTheErrorLog() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(20)
            .rateLimit(RateLimitTier.STARTER)
            .clock(new BrokenClock())
            .errorLog(new PrintStream(log, true, StandardCharsets.UTF_8))
            .start()) {
      HttpResponse<String> response = new SandboxClient(sandbox).get("/crm/v3/objects/contacts");

      assertThat(response.statusCode()).isEqualTo(500);
      JsonNode body = SandboxClient.json(response);
      assertThat(body.path("status").asText()).isEqualTo("error");
      assertThat(body.path("category").asText()).isEqualTo("INTERNAL_ERROR");
      assertThat(body.path("message").asText()).isEqualTo("internal error");
      assertThat(response.body())
          .doesNotContain("IllegalStateException")
          .doesNotContain("secret-detail")
          .doesNotContain("dev.hubspotextract");
      String correlationId = body.path("correlationId").asText();
      assertThat(correlationId).hasSize(36);
      assertThat(response.headers().firstValue("X-HubSpot-Correlation-Id")).hasValue(correlationId);
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains(correlationId)
          .contains("GET /crm/v3/objects/contacts")
          .contains("IllegalStateException: clock broke at /internal/secret-detail")
          .contains("at dev.hubspotextract.sandbox.RateLimiter.admit");
    }
  }
}
