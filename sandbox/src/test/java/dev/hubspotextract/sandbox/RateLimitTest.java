package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubspotextract.testing.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));

  private Sandbox start(RateLimitTier tier) {
    return Sandbox.builder().records(50).rateLimit(tier).clock(clock).start();
  }

  @Test
  void theHundredAndFirstRequestInTenSecondsOnFreeIsRejectedWithTenSecondlyRolling() {
    try (Sandbox sandbox = start(RateLimitTier.FREE)) {
      SandboxClient client = new SandboxClient(sandbox);
      for (int i = 0; i < 100; i++) {
        assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> rejected = client.get("/crm/v3/objects/contacts?limit=1");
      assertThat(rejected.statusCode()).isEqualTo(429);
      JsonNode body = SandboxClient.json(rejected);
      assertThat(body.path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
      assertThat(body.path("errorType").asText()).isEqualTo("RATE_LIMIT");
      assertThat(body.path("correlationId").asText()).hasSize(36);
      assertThat(rejected.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("0");

      clock.advance(Duration.ofSeconds(10));
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void standardAnswersCarryTheTiersRateLimitHeaders() {
    try (Sandbox sandbox = start(RateLimitTier.PROFESSIONAL)) {
      HttpResponse<String> response =
          new SandboxClient(sandbox).get("/crm/v3/objects/deals?limit=1");
      assertThat(response.headers().firstValue("X-HubSpot-RateLimit-Max")).hasValue("190");
      assertThat(response.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("189");
      assertThat(response.headers().firstValue("X-HubSpot-RateLimit-Interval-Milliseconds"))
          .hasValue("10000");
      assertThat(response.headers().firstValue("X-HubSpot-RateLimit-Daily")).hasValue("625000");
      assertThat(response.headers().firstValue("X-HubSpot-RateLimit-Daily-Remaining"))
          .hasValue("624999");
    }
  }

  @Test
  void eachTierHasItsDocumentedLimits() {
    assertThat(RateLimitTier.FREE.perTenSeconds()).isEqualTo(100);
    assertThat(RateLimitTier.STARTER.perDay()).isEqualTo(250_000);
    assertThat(RateLimitTier.ENTERPRISE.perTenSeconds()).isEqualTo(190);
    assertThat(RateLimitTier.ENTERPRISE.perDay()).isEqualTo(1_000_000);
    assertThat(RateLimitTier.API_ADD_ON.perTenSeconds()).isEqualTo(250);
    assertThat(RateLimitTier.parse("api-add-on")).isEqualTo(RateLimitTier.API_ADD_ON);
  }

  @Test
  void searchAllowsFivePerSecondAndAnswersTheSixthWithSecondlyWithoutRateLimitHeaders() {
    try (Sandbox sandbox = start(RateLimitTier.ENTERPRISE)) {
      SandboxClient client = new SandboxClient(sandbox);
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> ok = client.post("/crm/v3/objects/contacts/search", "{\"limit\":1}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-HubSpot-RateLimit-Max")).isEmpty();
      }
      HttpResponse<String> rejected =
          client.post("/crm/v3/objects/contacts/search", "{\"limit\":1}");
      assertThat(rejected.statusCode()).isEqualTo(429);
      assertThat(SandboxClient.json(rejected).path("policyName").asText()).isEqualTo("SECONDLY");
      assertThat(SandboxClient.json(rejected).path("message").asText())
          .isEqualTo("You have reached your secondly limit.");
      assertThat(rejected.headers().firstValue("X-HubSpot-RateLimit-Remaining")).isEmpty();
      assertThat(rejected.headers().firstValue("Retry-After")).isEmpty();

      clock.advance(Duration.ofSeconds(1));
      assertThat(client.post("/crm/v3/objects/contacts/search", "{\"limit\":1}").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void searchAndAssociationBatchReadsAreExemptFromTheTenSecondWindow() {
    try (Sandbox sandbox = start(RateLimitTier.FREE)) {
      SandboxClient client = new SandboxClient(sandbox);
      for (int i = 0; i < 100; i++) {
        client.get("/crm/v3/objects/contacts?limit=1");
      }
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(429);
      String id = sandbox.portal().records("deals").findFirst().orElseThrow().id();
      HttpResponse<String> associations =
          client.post(
              "/crm/v4/associations/deals/companies/batch/read",
              "{\"inputs\":[{\"id\":\"" + id + "\"}]}");
      assertThat(associations.statusCode()).isIn(200, 207);
      assertThat(client.post("/crm/v3/objects/contacts/search", "{\"limit\":1}").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void theDailyLimitAnswersDailyOnceUsedUpAndResetsAtMidnightInThePortalsTimeZone() {
    // 10:00Z is 06:00 in New York (EDT, UTC-4), the default zone
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(20)
            .rateLimit(RateLimitTier.FREE)
            .dailyLimit(3)
            .clock(clock)
            .start()) {
      SandboxClient client = new SandboxClient(sandbox);
      for (int i = 0; i < 3; i++) {
        assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> rejected = client.get("/crm/v3/objects/contacts?limit=1");
      assertThat(rejected.statusCode()).isEqualTo(429);
      assertThat(SandboxClient.json(rejected).path("policyName").asText()).isEqualTo("DAILY");
      assertThat(SandboxClient.json(rejected).path("message").asText())
          .isEqualTo("You have reached your daily limit.");
      assertThat(rejected.headers().firstValue("Retry-After")).isEmpty();

      clock.advance(Duration.ofHours(14)); // midnight UTC, 20:00 in New York: same day there
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(429);
      clock.advance(Duration.ofHours(4).minusMillis(1)); // 23:59:59.999 in New York
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(429);
      clock.advance(Duration.ofMillis(1)); // midnight in New York
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anotherTimeZoneMovesTheDailyReset() {
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(20)
            .rateLimit(RateLimitTier.FREE)
            .dailyLimit(1)
            .timeZone(ZoneId.of("Asia/Tokyo")) // 10:00Z is 19:00 in Tokyo
            .clock(clock)
            .start()) {
      SandboxClient client = new SandboxClient(sandbox);
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(429);
      clock.advance(Duration.ofHours(5)); // 15:00Z: midnight in Tokyo
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void everyNonSearchAnswerReportsTheSecondlyAllowanceATenthOfTheTenSecondOne() {
    try (Sandbox sandbox = start(RateLimitTier.PROFESSIONAL)) {
      SandboxClient client = new SandboxClient(sandbox);
      HttpResponse<String> first = client.get("/crm/v3/objects/deals?limit=1");
      assertThat(first.headers().firstValue("X-HubSpot-RateLimit-Secondly")).hasValue("19");
      assertThat(first.headers().firstValue("X-HubSpot-RateLimit-Secondly-Remaining"))
          .hasValue("18");
      String id = sandbox.portal().records("deals").findFirst().orElseThrow().id();
      HttpResponse<String> associations =
          client.post(
              "/crm/v4/associations/deals/companies/batch/read",
              "{\"inputs\":[{\"id\":\"" + id + "\"}]}");
      // outside the window, so outside its per-second allowance (unless SecondlyLimit.ALL)
      assertThat(associations.headers().firstValue("X-HubSpot-RateLimit-Secondly-Remaining"))
          .hasValue("18");
      HttpResponse<String> notFound = client.get("/crm/v3/objects/deals/2");
      assertThat(notFound.statusCode()).isEqualTo(404);
      assertThat(notFound.headers().firstValue("X-HubSpot-RateLimit-Secondly")).hasValue("19");
      HttpResponse<String> search = client.post("/crm/v3/objects/deals/search", "{\"limit\":1}");
      assertThat(search.headers().firstValue("X-HubSpot-RateLimit-Secondly")).isEmpty();

      clock.advance(Duration.ofSeconds(1));
      assertThat(
              client
                  .get("/crm/v3/objects/deals?limit=1")
                  .headers()
                  .firstValue("X-HubSpot-RateLimit-Secondly-Remaining"))
          .hasValue("18");
      // not enforced by default: far past the allowance in one second, nothing is refused
      for (int i = 0; i < 40; i++) {
        assertThat(client.get("/crm/v3/objects/deals?limit=1").statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void anEnforcedSecondlyLimitAnswers429SecondlyWithRateLimitHeadersAndRetryAfter() {
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(20)
            .rateLimit(RateLimitTier.FREE)
            .secondlyLimit(SecondlyLimit.ALL)
            .clock(clock)
            .start()) {
      SandboxClient client = new SandboxClient(sandbox);
      for (int i = 0; i < 9; i++) {
        assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
      }
      // the tenth: exempt from the 10-second window, not (with ALL) from the per-second one
      assertThat(associationRead(sandbox, client).statusCode()).isIn(200, 207);
      HttpResponse<String> rejected = client.get("/crm/v3/objects/contacts?limit=1");
      assertThat(rejected.statusCode()).isEqualTo(429);
      JsonNode body = SandboxClient.json(rejected);
      assertThat(body.path("policyName").asText()).isEqualTo("SECONDLY");
      assertThat(body.path("message").asText()).isEqualTo("You have reached your secondly limit.");
      assertThat(body.path("errorType").asText()).isEqualTo("RATE_LIMIT");
      // unlike search's SECONDLY answer, this one carries the rate-limit headers (9 of the
      // 10-second window used: the association read is exempt from it)
      assertThat(rejected.headers().firstValue("X-HubSpot-RateLimit-Secondly-Remaining"))
          .hasValue("0");
      assertThat(rejected.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("91");
      assertThat(rejected.headers().firstValue("Retry-After")).hasValue("1");

      clock.advance(Duration.ofMillis(1000));
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void bySecondlyLimitWindowAssociationReadsAreOutsideThePerSecondAllowanceAsOutsideTheWindow() {
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(20)
            .rateLimit(RateLimitTier.FREE)
            .secondlyLimit(SecondlyLimit.WINDOW)
            .clock(clock)
            .start()) {
      SandboxClient client = new SandboxClient(sandbox);
      for (int i = 0; i < 30; i++) {
        assertThat(associationRead(sandbox, client).statusCode()).isIn(200, 207);
      }
      for (int i = 0; i < 10; i++) {
        assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> rejected = client.get("/crm/v3/objects/contacts?limit=1");
      assertThat(rejected.statusCode()).isEqualTo(429);
      assertThat(SandboxClient.json(rejected).path("policyName").asText()).isEqualTo("SECONDLY");
      assertThat(associationRead(sandbox, client).statusCode()).isIn(200, 207);
    }
  }

  @Test
  void associationReadsCountedCountInTheTenSecondWindowAndItsRemainingLikeAnyRequest() {
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(20)
            .rateLimit(RateLimitTier.FREE)
            .associationReadsCounted(true)
            .clock(clock)
            .start()) {
      SandboxClient client = new SandboxClient(sandbox);
      HttpResponse<String> first = associationRead(sandbox, client);
      assertThat(first.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("99");
      for (int i = 1; i < 100; i++) {
        assertThat(associationRead(sandbox, client).statusCode()).isIn(200, 207);
      }
      HttpResponse<String> rejected = associationRead(sandbox, client);
      assertThat(rejected.statusCode()).isEqualTo(429);
      assertThat(SandboxClient.json(rejected).path("policyName").asText())
          .isEqualTo("TEN_SECONDLY_ROLLING");
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(429);
    }
  }

  private static HttpResponse<String> associationRead(Sandbox sandbox, SandboxClient client) {
    String id = sandbox.portal().records("deals").findFirst().orElseThrow().id();
    return client.post(
        "/crm/v4/associations/deals/companies/batch/read",
        "{\"inputs\":[{\"id\":\"" + id + "\"}]}");
  }

  @Test
  void aTenSecondlyRejectionSaysInRetryAfterWhenTheWindowFrees() {
    try (Sandbox sandbox = start(RateLimitTier.FREE)) {
      SandboxClient client = new SandboxClient(sandbox);
      for (int i = 0; i < 100; i++) {
        client.get("/crm/v3/objects/contacts?limit=1");
        if (i == 49) {
          clock.advance(Duration.ofMillis(2500));
        }
      }
      clock.advance(Duration.ofMillis(500));
      HttpResponse<String> rejected = client.get("/crm/v3/objects/contacts?limit=1");
      assertThat(rejected.statusCode()).isEqualTo(429);
      // the oldest request leaves the window 7 s from now
      assertThat(rejected.headers().firstValue("Retry-After")).hasValue("7");
    }
  }

  @Test
  void withRateLimitsOffNothingIsLimitedAndNoHeadersAreSent() {
    try (Sandbox sandbox = start(RateLimitTier.OFF)) {
      SandboxClient client = new SandboxClient(sandbox);
      for (int i = 0; i < 120; i++) {
        assertThat(client.post("/crm/v3/objects/contacts/search", "{\"limit\":1}").statusCode())
            .isEqualTo(200);
      }
      assertThat(
              client
                  .get("/crm/v3/objects/contacts")
                  .headers()
                  .firstValue("X-HubSpot-RateLimit-Max"))
          .isEmpty();
    }
  }
}
