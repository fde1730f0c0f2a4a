package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryingTest {
  private final ScriptedTransport wire = new ScriptedTransport();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final Retrying retrying = new Retrying(RetryPolicy.DEFAULT, sleeper, wire);
  private final Clock noon = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
  private final Retrying retryingAtNoon =
      new Retrying(RetryPolicy.DEFAULT, sleeper, noon, null, wire);
  private static final String TEN_SECONDLY = "{\"policyName\":\"TEN_SECONDLY_ROLLING\"}";

  private static ApiResponse answer(int status, String retryAfter) {
    return ScriptedTransport.json(status, TEN_SECONDLY, Map.of("Retry-After", retryAfter));
  }

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
  void waitsAsTheRateLimitReadBelowSaysWithoutReadingThe429Again() {
    // the rate-budget step below read this 429 as SECONDLY with 2 s; its body says otherwise
    RateLimit readBelow = new RateLimit("SECONDLY", Duration.ofSeconds(2));
    wire.then(
            new ApiResponse(
                429,
                Map.of(),
                TEN_SECONDLY.getBytes(StandardCharsets.UTF_8),
                Optional.of(readBelow)))
        .then(200, "{}");

    retrying.send(ApiRequest.get("/crm/v3/objects/contacts"));

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void overTheClientsChainThePacingStepReadsA429OnceForTheBudgetAndTheRetry() {
    List<ApiResponse> observed = new ArrayList<>();
    Pacer pacer =
        new Pacer() {
          @Override
          public void acquire() {}

          @Override
          public void observe(ApiRequest request, ApiResponse response) {
            observed.add(response);
          }
        };
    Retrying chain = new Retrying(RetryPolicy.DEFAULT, sleeper, new Pacing(pacer, wire));
    wire.then(429, "{\"policyName\":\"SECONDLY\"}").then(200, "{}");

    assertThat(chain.send(ApiRequest.get("/crm/v3/objects/contacts")).status()).isEqualTo(200);

    assertThat(observed)
        .extracting(ApiResponse::rateLimit)
        .containsExactly(
            Optional.of(new RateLimit("SECONDLY", Duration.ofSeconds(1))), Optional.empty());
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
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
            e -> assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMIT))
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
              // HubSpot answered every time: what asked fails, not the run
              assertThat(e.category()).isEqualTo(FailureCategory.EXTERNAL);
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
  void aConnectionThatKeepsFailingGivesUpAsTransientSoTheRunStops() {
    wire.then(503, "{\"message\":\"unavailable\"}"); // the last failure decides: the wire's
    for (int i = 0; i < 4; i++) {
      wire.thenFail(new HubSpotException(FailureCategory.TRANSIENT, "connection reset"));
    }

    assertThatThrownBy(() -> retrying.send(ApiRequest.get("/crm/v3/objects/deals")))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.TRANSIENT));
    assertThat(wire.requests).hasSize(5);
  }

  @Test
  void retriesDroppedConnectionsThenSucceeds() {
    wire.thenFail(new HubSpotException(FailureCategory.TRANSIENT, "connection reset"))
        .then(200, "{\"results\":[]}");

    assertThat(retrying.send(ApiRequest.get("/crm/v3/objects/deals")).status()).isEqualTo(200);
    assertThat(wire.requests).hasSize(2);
  }

  @Test
  void retriesABodyThatWasCutShort() {
    wire.then(200, "{\"results\":[{\"id\":\"1\",\"prop").then(200, "{\"results\":[]}");

    ApiResponse response = retrying.send(ApiRequest.get("/crm/v3/objects/deals"));

    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"results\":[]}");
    assertThat(wire.requests).hasSize(2);
  }

  @Test
  void doesNotRetryClientErrors() {
    wire.then(403, "{\"category\":\"MISSING_SCOPES\"}");

    assertThat(retrying.send(ApiRequest.get("/crm/v3/objects/tickets")).status()).isEqualTo(403);
    assertThat(wire.requests).hasSize(1);
  }

  @Test
  void aRetryAfterBeyondTwoMinutesOnA429StopsTheRunResumablySayingWhenToComeBack() {
    wire.then(answer(429, "999999999"));

    assertThatThrownBy(() -> retryingAtNoon.send(ApiRequest.get("/crm/v3/objects/deals?limit=1")))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMIT))
        .hasMessage(
            "HubSpot asked to come back later: it answered 429 (TEN_SECONDLY_ROLLING) to GET"
                + " /crm/v3/objects/deals with Retry-After: 999999999 (11574 d 1 h, until"
                + " 2056-01-08T13:46:39Z), longer than the 2 min this tool waits; run the same"
                + " command again then and it resumes.");
    assertThat(wire.requests).hasSize(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void aRetryAfterBeyondTwoMinutesOnAMigrationInProgressStopsTheRunToo() {
    wire.then(answer(477, "86400"));

    assertThatThrownBy(() -> retryingAtNoon.send(ApiRequest.get("/crm/v3/objects/deals")))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMIT))
        .hasMessageContaining("answered 477 (Migration in Progress) to GET /crm/v3/objects/deals")
        .hasMessageContaining("(1 d 0 h, until 2024-05-02T12:00:00Z)")
        .hasMessageContaining("run the same command again");
    assertThat(wire.requests).hasSize(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void absurdRetryAftersStopTheRunInsteadOfCrashing() {
    for (String absurd : new String[] {"9223372036854775807", "99999999999999999999999999"}) {
      wire.then(answer(429, absurd)).then(answer(503, absurd));

      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> retryingAtNoon.send(ApiRequest.get("/crm/v3/objects/deals")))
            .as(absurd)
            .isInstanceOfSatisfying(
                HubSpotException.class,
                e -> assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMIT))
            .hasMessageContaining("come back later")
            .hasMessageContaining("with Retry-After: " + absurd + " (");
      }
    }
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void aRetryAfterOfExactlyTwoMinutesIsWaitedOut() {
    wire.then(answer(429, "120")).then(answer(503, "120")).then(200, "{}");

    assertThat(retrying.send(ApiRequest.get("/crm/v3/objects/deals")).status()).isEqualTo(200);
    assertThat(sleeper.waits).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(2));
  }

  @Test
  void aNegativeOrUnreadableRetryAfterIsIgnoredAndThePolicysOwnWaitApplies() {
    wire.then(answer(429, "-5"))
        .then(answer(429, "soon"))
        .then(answer(503, "-5"))
        .then(answer(503, "Wed, 21 Oct 2015 07:28:00 GMT"))
        .then(200, "{}");

    assertThat(retrying.send(ApiRequest.get("/crm/v3/objects/deals")).status()).isEqualTo(200);
    assertThat(sleeper.waits).hasSize(4);
    assertThat(sleeper.waits.subList(0, 2)).containsOnly(Duration.ofSeconds(10));
    assertThat(sleeper.waits.get(2)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(sleeper.waits.get(3)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void aRateLimitIntervalOutsideItsSaneRangeIsIgnoredForTheTenSecondWait() {
    for (String interval : new String[] {"1000000000000", "-1", "9223372036854775807"}) {
      wire.then(
          ScriptedTransport.json(
              429, TEN_SECONDLY, Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", interval)));
    }
    wire.then(200, "{}");

    retrying.send(ApiRequest.get("/crm/v3/objects/deals"));

    assertThat(sleeper.waits).containsOnly(Duration.ofSeconds(10)).hasSize(3);
  }

  @Test
  void aMigrationInProgressStopsTheRunResumablyEvenWhenItsRetryAfterIsShort() {
    wire.then(answer(477, "30"));

    assertThatThrownBy(() -> retryingAtNoon.send(ApiRequest.get("/crm/v3/objects/deals?limit=1")))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMIT))
        .hasMessage(
            "HubSpot asked to come back later: it answered 477 (Migration in Progress) to GET"
                + " /crm/v3/objects/deals with Retry-After: 30 (0 min 30 s, until"
                + " 2024-05-01T12:00:30Z); run the same command again then and it resumes.");
    assertThat(wire.requests).hasSize(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void aMigrationInProgressWithoutRetryAfterStopsTheRunSayingHubSpotDidNotSayHowLong() {
    wire.then(477, "{\"message\":\"Migration in progress\"}")
        .then(answer(477, "Wed, 21 Oct 2015 07:28:00 GMT"));

    for (String sent : new String[] {"without a Retry-After", "which says no number of seconds"}) {
      assertThatThrownBy(() -> retryingAtNoon.send(ApiRequest.get("/crm/v3/objects/deals")))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.RATE_LIMIT))
          .hasMessageStartingWith(
              "HubSpot asked to come back later: it answered 477 (Migration in Progress) to GET"
                  + " /crm/v3/objects/deals")
          .hasMessageContaining(sent)
          .hasMessageContaining("HubSpot did not say how long")
          .hasMessageEndingWith("run the same command again later and it resumes.");
    }
    assertThat(wire.requests).hasSize(2);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void a530IsHandedOnUnretriedAndReadAsARejectedTokenLikeA401() {
    wire.then(
        new ApiResponse(
            530,
            Map.of("Content-Type", java.util.List.of("text/html")),
            "<html><body>error code: 1016</body></html>".getBytes(StandardCharsets.UTF_8)));

    ApiResponse response = retrying.send(ApiRequest.get("/crm/v3/objects/deals"));

    assertThat(wire.requests).hasSize(1);
    assertThat(sleeper.waits).isEmpty();
    assertThatThrownBy(() -> Responses.requireSuccess(response, "listing deals", "deals"))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.AUTHENTICATION))
        .hasMessage(
            "HubSpot rejected the access token (530) while listing deals. Check the access"
                + " token: a private app token starts with pat-.");
  }
}
