package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryingTest {
  private final ScriptedTransport wire = new ScriptedTransport();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final Retrying retrying = new Retrying(RetryPolicy.DEFAULT, sleeper, wire);

  @Test
  void waitsOutTheTenSecondWindowOnATenSecondlyRollingLimit() {
    wire.then(
            ScriptedTransport.json(
                429,
                "{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling"
                    + " limit.\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}",
                Map.of()))
        .then(200, "{\"results\":[]}");

    ApiResponse response = retrying.send(ApiRequest.get("/crm/v3/objects/contacts"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void waitsASecondOnASecondlyLimit() {
    wire.then(
            429,
            "{\"policyName\":\"SECONDLY\",\"message\":\"You have reached your secondly limit.\"}")
        .then(200, "{}");

    retrying.send(ApiRequest.get("/crm/v3/objects/contacts"));

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void honoursRetryAfterWhenHubSpotSendsIt() {
    wire.then(
            ScriptedTransport.json(
                429, "{\"policyName\":\"TEN_SECONDLY_ROLLING\"}", Map.of("Retry-After", "3")))
        .then(200, "{}");

    retrying.send(ApiRequest.get("/crm/v3/objects/contacts"));

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void stopsWithARateLimitErrorWhenTheDailyLimitIsUsedUp() {
    wire.then(
        429,
        "{\"status\":\"error\",\"message\":\"You have reached your daily limit.\","
            + "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"}");

    assertThatThrownBy(() -> retrying.send(ApiRequest.get("/crm/v3/objects/deals")))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(HubSpotException.Category.RATE_LIMIT))
        .hasMessageContaining("daily")
        .hasMessageContaining("midnight");
    assertThat(wire.requests).hasSize(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void retriesServerErrorsWithGrowingJitteredBackoffAndKeepsEarlierFailuresAsSuppressed() {
    for (int i = 0; i < 5; i++) {
      wire.then(503, "{\"message\":\"unavailable\"}");
    }

    assertThatThrownBy(() -> retrying.send(ApiRequest.get("/crm/v3/objects/deals")))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> {
              assertThat(e.category()).isEqualTo(HubSpotException.Category.TRANSIENT);
              assertThat(e.getSuppressed()).hasSize(4);
              assertThat(e.getMessage()).contains("503").contains("gave up after 5 attempts");
            });
    assertThat(wire.requests).hasSize(5);
    assertThat(sleeper.waits).hasSize(4);
    for (int i = 0; i < 4; i++) {
      Duration ceiling = RetryPolicy.DEFAULT.backoff(i + 1);
      assertThat(sleeper.waits.get(i)).isBetween(ceiling.dividedBy(2), ceiling);
    }
  }

  @Test
  void retriesDroppedConnectionsThenSucceeds() {
    wire.thenFail(new HubSpotException(HubSpotException.Category.TRANSIENT, "connection reset"))
        .then(200, "{\"results\":[]}");

    assertThat(retrying.send(ApiRequest.get("/crm/v3/objects/deals")).status()).isEqualTo(200);
    assertThat(wire.requests).hasSize(2);
  }

  @Test
  void retriesABodyThatWasCutShort() {
    wire.then(200, "{\"results\":[{\"id\":\"1\",\"prop").then(200, "{\"results\":[]}");

    ApiResponse response = retrying.send(ApiRequest.get("/crm/v3/objects/deals"));

    assertThat(new String(response.body())).isEqualTo("{\"results\":[]}");
    assertThat(wire.requests).hasSize(2);
  }

  @Test
  void doesNotRetryClientErrors() {
    wire.then(403, "{\"category\":\"MISSING_SCOPES\"}");

    assertThat(retrying.send(ApiRequest.get("/crm/v3/objects/tickets")).status()).isEqualTo(403);
    assertThat(wire.requests).hasSize(1);
  }
}
