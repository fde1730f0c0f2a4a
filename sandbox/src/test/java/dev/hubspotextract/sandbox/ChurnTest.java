package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
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
