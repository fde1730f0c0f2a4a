package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.testing.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The rate budget against the sandbox's real rate limiter, when another app shares the window. Both
 * count on one clock that the budget's waits move, so the window passes without real waiting.
 */
class SharedBudgetTest {
  @Test
  void requestsAnotherAppSpentAreLearntFromRemainingAndNotAnswered429() throws Exception {
    ManualClock clock = new ManualClock();
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(2_500)
            .rateLimit(RateLimitTier.FREE)
            .recordRequests(1_000)
            .clock(clock)
            .start()) {
      HttpClient otherApp = HttpClient.newHttpClient();
      for (int i = 0; i < 90; i++) { // of the window's 100
        otherApp.send(
            HttpRequest.newBuilder(
                    URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts?limit=1"))
                .header("Authorization", "Bearer " + sandbox.token())
                .build(),
            HttpResponse.BodyHandlers.discarding());
      }
      HubSpotClient client =
          HubSpotClient.builder()
              .baseUrl(sandbox.baseUrl())
              .token(sandbox.token())
              .pacer(new RateBudget(100, true, clock, clock::advance))
              .build();

      List<String> ids =
          client.objects().stream(
                  "contacts",
                  List.of("email"),
                  RecordFetch.LIST_WITH_PROPERTIES,
                  OptionalLong.empty())
              .map(HubSpotRecord::id)
              .toList();

      assertThat(ids).hasSize((int) sandbox.portal().count("contacts"));
      assertThat(sandbox.requests()).hasSizeGreaterThan(90 + 20);
      assertThat(sandbox.requests()).noneMatch(request -> request.status() == 429);
      // the other app's 90 left room for 10: the rest waited for the window to move on
      assertThat(clock.millis()).isGreaterThanOrEqualTo(10_000);
    }
  }
}
