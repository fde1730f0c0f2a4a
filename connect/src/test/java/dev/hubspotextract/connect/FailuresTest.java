package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.sandbox.ChangeReport;
import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.TimeoutException;
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
      connect.start(ConnectHarness.objectsAlone(sandbox, "contacts"));
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

  @Test
  void aPassFailingMidwayThroughTheRecycleBinLosesNoTombstone() throws Exception {
    // 150 archived contacts make a recycle bin of two pages (100 a page); its second page is
    // refused once, after the first page's tombstones were queued: the pass fails there
    try (Sandbox sandbox = Sandbox.builder().records(400).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness()) {
      connect.start(ConnectHarness.objectsAlone(sandbox, "contacts"));
      connect.runUntilPasses(1);
      ChangeReport archived = sandbox.portal().apply(ChangeSet.of("contacts").archive(150));
      sandbox.clearRequests();
      sandbox.refuseNext(400, "/crm/v3/objects/contacts", "archived=true", "after=");

      connect.runUntilPasses(connect.passes() + 2); // the failing pass, then one that completes

      assertThat(sandbox.requests())
          .as("the recycle bin's second page was refused")
          .anyMatch(
              r ->
                  r.status() == 400
                      && r.rawQuery() != null
                      && r.rawQuery().contains("archived=true"));
      assertThat(connect.view.topic("hs.contacts").keySet())
          .as("every archived contact tombstoned")
          .doesNotContainAnyElementsOf(archived.archived().stream().map(Long::parseLong).toList());
      new PortalMatch(sandbox.portal(), connect.view).objectMatches("contacts");
    }
  }

  @Test
  void aReadBackThatFailsLeavesTheChangesFollowedAndHubSpotUnlistedForTheVerify() throws Exception {
    FailingReadBack readBack = new FailingReadBack();
    try (Sandbox sandbox = Sandbox.builder().records(200).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness(readBack)) {
      connect.start(
          ConnectHarness.settings(
              sandbox,
              HubSpotSourceConfig.OBJECTS,
              "contacts,deals",
              HubSpotSourceConfig.ASSOCIATIONS,
              "deals:contacts",
              HubSpotSourceConfig.VERIFY_INTERVAL_MS,
              "1",
              HubSpotSourceConfig.FULL_REREAD_INTERVAL_MS,
              "1",
              HubSpotSourceConfig.READBACK_BOOTSTRAP_SERVERS,
              "kafka.invalid:9092"));
      connect.runUntilPasses(1); // the backfills
      long backfillMark = markOf(connect.committedOffset("object/contacts"));
      sandbox.portal().apply(ChangeSet.of("contacts").create(3).update(5).archive(2).relink(3));
      sandbox.clearRequests();
      long before = connect.passes();

      connect.runUntilPasses(before + 2);

      new PortalMatch(sandbox.portal(), connect.view).objectMatches("contacts");
      Map<String, Object> offset = connect.committedOffset("object/contacts");
      assertThat(markOf(offset))
          .as("the changes were followed: the mark moved on")
          .isGreaterThan(backfillMark);
      assertThat(offset).as("no verify was made").containsEntry("verified", backfillMark);
      assertThat(connect.committedOffset("pair/deals/contacts"))
          .as("no full pass was made")
          .containsEntry("verified", backfillMark);
      assertThat(sandbox.requests())
          .as("no object was listed whole for a verify or full pass it could not make")
          .noneMatch(
              r ->
                  r.method().equals("GET")
                      && r.path().startsWith("/crm/v3/objects/")
                      && (r.rawQuery() == null || !r.rawQuery().contains("archived=true")));
      assertThat(readBack.calls.get())
          .as("once a pass: a failed read-back is not tried again for each stream")
          .isBetween(2L, connect.passes() - 1);
    }
  }

  @Test
  void anObjectThatFailsPlanningKeepsItsPipelinesInTheirTopics() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(200).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness()) {
      connect.start(ConnectHarness.objectsAlone(sandbox, "contacts,deals"));
      connect.runUntilPasses(1);
      int sentBefore = connect.delivered.size();
      sandbox.clearRequests();
      sandbox.refuseNext(403, "/crm/v3/properties/deals", "archived=false"); // the next plan's

      connect.runUntilPasses(connect.passes() + 2);

      assertThat(sandbox.requests())
          .as("the deals' properties were refused once")
          .anyMatch(r -> r.status() == 403 && r.path().equals("/crm/v3/properties/deals"));
      assertThat(connect.delivered.subList(sentBefore, connect.delivered.size()))
          .as("no pipeline or stage tombstoned while deals could not be planned")
          .noneMatch(
              r ->
                  r.value() == null
                      && (r.topic().equals("hs.pipelines")
                          || r.topic().equals("hs.pipeline_stages")));
      new PortalMatch(sandbox.portal(), connect.view).referencesMatch(List.of("contacts", "deals"));
    }
  }

  @Test
  void anErrorOnTheWorkerEndsTheTaskInsteadOfLeavingItRunningIdle() throws Exception {
    TopicKeys dying =
        new TopicKeys() {
          @Override
          public Set<Object> keys(String topic) {
            throw new OutOfMemoryError("Java heap space (a test's)");
          }

          @Override
          public void close() {}
        };
    try (Sandbox sandbox = Sandbox.builder().records(20).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness(dying)) {
      connect.start(
          ConnectHarness.objectsAlone(
              sandbox,
              "contacts",
              HubSpotSourceConfig.VERIFY_INTERVAL_MS,
              "1",
              HubSpotSourceConfig.READBACK_BOOTSTRAP_SERVERS,
              "kafka.invalid:9092"));
      assertThatThrownBy(
              () -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                  connect.poll();
                }
              })
          .as("the verify of the second pass reads back, and dies")
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("Java heap space")
          .hasCauseInstanceOf(OutOfMemoryError.class);
      assertThat(connect.view.topic("hs.contacts"))
          .as("what was read before is handed over first")
          .hasSize((int) sandbox.portal().records("contacts").count());
    }
  }

  private static long markOf(Map<String, Object> offset) {
    return ((Number) offset.get("mark")).longValue();
  }

  /** A read-back whose Kafka cluster does not answer. */
  private static final class FailingReadBack implements TopicKeys {
    final AtomicLong calls = new AtomicLong();

    @Override
    public Set<Object> keys(String topic) {
      calls.incrementAndGet();
      throw new TimeoutException("Timeout expired while fetching topic metadata");
    }

    @Override
    public void close() {}
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
