package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.sandbox.ChangeReport;
import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.Sandbox;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After the backfill, passes follow the portal's changes: with verify and full passes the topics
 * converge to the portal, tombstones for what was archived, deleted or unlinked; without them,
 * records deleted for good and links removed stay in the topics.
 */
class ChangesTest {
  private static final List<String> OBJECTS = List.of("contacts", "companies", "deals");

  private static final List<ChangeSet> CHANGES =
      List.of(
          ChangeSet.of("contacts")
              .create(6)
              .update(8)
              .archive(4)
              .delete(3)
              .relink(5)
              .relinkTouchesModified(true)
              .newProperty("favourite_colour"),
          ChangeSet.of("deals").create(2).update(3).archive(1).delete(2).relink(4),
          ChangeSet.of("companies").update(2).delete(1));

  @Test
  void passesWithVerifyAndFullReReadsConvergeToThePortal() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(200).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness()) {
      connect.start(
          ConnectHarness.settings(
              sandbox,
              HubSpotSourceConfig.VERIFY_INTERVAL_MS,
              "1",
              HubSpotSourceConfig.FULL_REREAD_INTERVAL_MS,
              "1",
              HubSpotSourceConfig.READBACK_BOOTSTRAP_SERVERS,
              "kafka.invalid:9092")); // the harness's view is read back instead
      connect.runUntilPasses(1);

      List<ChangeReport> reports = sandbox.portal().apply(CHANGES);
      assertThat(reports.get(0).deleted()).hasSize(3);
      connect.runUntilPasses(connect.passes() + 2); // one whole pass began after the changes

      PortalMatch match = new PortalMatch(sandbox.portal(), connect.view);
      OBJECTS.forEach(match::objectMatches);
      match.pairMatches("deals", "companies");
      match.pairMatches("deals", "contacts");
      match.pairMatches("companies", "contacts");
      match.referencesMatch(OBJECTS);
      assertThat(match.propertyFieldsOf("contacts")).contains("favourite_colour");
      assertThat(connect.view.topic("hs.contacts").keySet())
          .doesNotContainAnyElementsOf(ids(reports.get(0).archived()))
          .doesNotContainAnyElementsOf(ids(reports.get(0).deleted()));
    }
  }

  @Test
  void withoutVerifyOrFullPassesHardDeletesAndRemovedLinksStay() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(200).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness()) {
      connect.start(ConnectHarness.settings(sandbox)); // both intervals 0
      connect.runUntilPasses(1);
      PortalMatch match = new PortalMatch(sandbox.portal(), connect.view);
      Map<String, Set<List<Object>>> linksBefore =
          Map.of(
              "deals_contacts", match.pairInPortal("deals", "contacts"),
              "companies_contacts", match.pairInPortal("companies", "contacts"));

      List<ChangeReport> reports = sandbox.portal().apply(CHANGES);
      connect.runUntilPasses(connect.passes() + 2);

      // contacts: every live record as it is now; archived ones gone; deleted ones still there
      Set<Object> contacts = connect.view.topic("hs.contacts").keySet();
      Set<Object> expected =
          sandbox
              .portal()
              .records("contacts")
              .map(r -> (Object) Long.parseLong(r.id()))
              .collect(Collectors.toCollection(HashSet::new));
      expected.addAll(ids(reports.get(0).deleted()));
      assertThat(contacts).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(contacts).doesNotContainAnyElementsOf(ids(reports.get(0).archived()));

      // contacts' links: today's links whose records changed, and every link removed since
      for (String pair : List.of("deals_contacts", "companies_contacts")) {
        String from = pair.substring(0, pair.indexOf('_'));
        Set<List<Object>> now = match.pairInPortal(from, "contacts");
        Set<List<Object>> removed = new HashSet<>(linksBefore.get(pair));
        removed.removeAll(now);
        assertThat(removed).as("the changes removed some %s links", pair).isNotEmpty();
        Set<List<Object>> stale = new HashSet<>(now);
        stale.addAll(removed);
        assertThat(match.pairInView(from, "contacts"))
            .as("%s: the links now, and those removed, never tombstoned", pair)
            .containsAll(now)
            .containsAll(removed)
            .hasSize(stale.size());
      }
    }
  }

  private static List<Long> ids(List<String> ids) {
    return ids.stream().map(Long::parseLong).toList();
  }
}
