package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubspotextract.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChurnTest {
  @Test
  void churnCreatesUpdatesAndArchivesRecordsWhileTheSandboxRuns() throws InterruptedException {
    // no search lag here: SearchLagTest covers it with a clock of its own
    try (Sandbox sandbox =
        Sandbox.builder().records(100).churnPerSecond(400).searchLag(Duration.ZERO).start()) {
      Portal portal = sandbox.portal();
      long before =
          portal.objectTypes().stream()
              .mapToLong(t -> portal.count(t.name()) + portal.archivedRecords(t.name()).count())
              .sum();
      Instant started = Instant.now().minusSeconds(1);
      Thread.sleep(600);
      long after =
          portal.objectTypes().stream()
              .mapToLong(t -> portal.count(t.name()) + portal.archivedRecords(t.name()).count())
              .sum();
      assertThat(after).as("records created").isGreaterThan(before);
      long changed =
          portal.objectTypes().stream()
              .flatMap(t -> portal.records(t.name()))
              .filter(r -> r.updatedAt().isAfter(started))
              .count();
      assertThat(changed).as("records created or updated since start").isPositive();
      long archivedNow =
          portal.objectTypes().stream()
              .flatMap(t -> portal.archivedRecords(t.name()))
              .filter(r -> r.updatedAt().isAfter(started))
              .count();
      assertThat(archivedNow).as("records archived since start").isPositive();

      // the API sees the same changes: an incremental search finds the changed contacts
      JsonNode page =
          SandboxClient.json(
              new SandboxClient(sandbox)
                  .post(
                      "/crm/v3/objects/contacts/search",
                      "{\"filters\":[{\"propertyName\":\"lastmodifieddate\",\"operator\":\"GT\",\"value\":\""
                          + started
                          + "\"}],\"limit\":100}"));
      assertThat(page.path("total").asLong()).isPositive();
      page.path("results")
          .forEach(r -> assertThat(Instant.parse(r.path("updatedAt").asText())).isAfter(started));
    }
  }

  @Test
  void recordsCreatedInTheGapsBelowAListCursorAreNeverSeenByThatWalk() {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
    try (Sandbox sandbox = Sandbox.builder().records(2000).clock(clock).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      List<String> walked = new ArrayList<>();
      String after = null;
      for (int page = 0; page < 5; page++) {
        after = listPage(client, after, walked);
      }
      long cursor = Long.parseLong(after);
      ObjectStore contacts = sandbox.portal().store(sandbox.portal().catalog().resolve("contacts"));
      List<Long> created = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        created.add(contacts.view(contacts.create(clock.millis(), i)).id);
      }
      assertThat(created).as("created below the cursor").anyMatch(id -> id < cursor);
      assertThat(created).as("created above it").anyMatch(id -> id > cursor);
      while (after != null) {
        after = listPage(client, after, walked);
      }
      List<String> all = sandbox.portal().records("contacts").map(PortalRecord::id).toList();
      for (long id : created) {
        assertThat(all).contains(Long.toString(id));
        assertThat(walked.contains(Long.toString(id)))
            .as("walk saw %d", id)
            .isEqualTo(id >= cursor);
      }
    }
  }

  /** Appends one list page's ids; returns its cursor. */
  private static String listPage(SandboxClient client, String after, List<String> ids) {
    JsonNode page =
        SandboxClient.json(
            client.get(
                "/crm/v3/objects/contacts?limit=100" + (after == null ? "" : "&after=" + after)));
    page.path("results").forEach(r -> ids.add(r.path("id").asText()));
    return page.path("paging").path("next").path("after").asText(null);
  }

  @Test
  void archivedTrueListsOnlyArchivedRecords() {
    try (Sandbox sandbox = Sandbox.builder().records(2000).start()) {
      JsonNode page =
          SandboxClient.json(
              new SandboxClient(sandbox).get("/crm/v3/objects/contacts?archived=true&limit=100"));
      assertThat(page.path("results").size()).isPositive();
      page.path("results")
          .forEach(
              r -> {
                assertThat(r.path("archived").asBoolean()).isTrue();
                assertThat(r.path("archivedAt").asText()).isNotBlank();
              });
      assertThat(page.path("results").size())
          .isEqualTo((int) sandbox.portal().archivedRecords("contacts").count());
    }
  }
}
