package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.sandbox.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * What fails one stream leaves the others running; a cursor HubSpot refuses restarts its stream's
 * backfill; a rejected token ends the task with a message that does not hold the token.
 */
class FailuresTest {
  @Test
  void aListCursorRefusedOnResumeRestartsThatStreamsBackfill() throws Exception {
    // The sandbox's list cursor is the id the next page starts at; HubSpot's are opaque and may
    // expire. A stored cursor the sandbox cannot read is answered as HubSpot answers an invalid
    // one: 400 "Invalid 'after' cursor".
    try (Sandbox sandbox = Sandbox.builder().records(200).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness()) {
      connect.committed.put(
          StreamOffsets.partition("object/contacts"),
          Map.of("phase", "backfill", "after", "expired-cursor", "mark", 1_700_000_000_000L));
      connect.start(
          ConnectHarness.settings(
              sandbox,
              HubSpotSourceConfig.OBJECTS,
              "contacts",
              HubSpotSourceConfig.ASSOCIATIONS,
              "none"));
      connect.runUntilPasses(1);

      assertThat(sandbox.requests())
          .anyMatch(
              r ->
                  r.status() == 400
                      && r.rawQuery() != null
                      && r.rawQuery().contains("after=expired-cursor"));
      new PortalMatch(sandbox.portal(), connect.view).objectMatches("contacts");
      assertThat(connect.committedOffset("object/contacts"))
          .containsEntry("phase", "changes")
          .as("a new mark: when the backfill started over")
          .doesNotContainEntry("mark", 1_700_000_000_000L);
    }
  }

  @Test
  void aScopeMissingForOneObjectFailsItsStreamsAloneAndTheOthersComplete() throws Exception {
    try (Sandbox sandbox =
            Sandbox.builder()
                .records(200)
                .searchLag(Duration.ZERO)
                .withoutScopes(Set.of("companies"))
                .start();
        ConnectHarness connect = new ConnectHarness()) {
      connect.start(ConnectHarness.settings(sandbox));
      connect.runUntilPasses(2); // the failing streams are tried again in the second pass

      PortalMatch match = new PortalMatch(sandbox.portal(), connect.view);
      match.objectMatches("contacts");
      match.objectMatches("deals");
      match.pairMatches("deals", "contacts");
      match.referencesMatch(List.of("contacts", "deals"));
      assertThat(connect.view.topicNames())
          .doesNotContain("hs.companies", "hs.deals_companies", "hs.companies_contacts");
      assertThat(connect.committedOffset("object/companies")).isNull();
    }
  }

  @Test
  void aRejectedTokenEndsTheTaskWithAMessageThatNamesTheTokenButDoesNotHoldIt() throws Exception {
    String wrong = "pat-na1-11111111-2222-4333-8444-555555555555";
    try (Sandbox sandbox = Sandbox.builder().records(20).start();
        ConnectHarness connect = new ConnectHarness()) {
      connect.start(ConnectHarness.settings(sandbox, HubSpotSourceConfig.ACCESS_TOKEN, wrong));
      assertThatThrownBy(
              () -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                  connect.poll();
                }
              })
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("rejected the access token")
          .satisfies(e -> assertThat(stackMessages(e)).doesNotContain(wrong));
    }
  }

  /** Every message of a failure and its causes. */
  private static String stackMessages(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
