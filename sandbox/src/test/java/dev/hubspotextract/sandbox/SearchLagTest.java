package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubspotextract.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search trails writes by the search lag, measured on the sandbox clock (moved by hand here): it
 * shows a changed record's previous version, a created one not at all and an archived one still,
 * while list, GET and batch read see every change at once.
 */
class SearchLagTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
  private Sandbox sandbox;
  private SandboxClient client;
  private ObjectStore contacts;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().records(300).clock(clock).searchLag(Duration.ofSeconds(2)).start();
    client = new SandboxClient(sandbox);
    contacts = sandbox.portal().store(sandbox.portal().catalog().resolve("contacts"));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void anUpdatedRecordShowsItsPreviousVersionInSearchUntilTheLagHasPassed() {
    String id = sandbox.portal().records("contacts").skip(7).findFirst().orElseThrow().id();
    long index = contacts.indexOf(Long.parseLong(id));
    JsonNode before = searchOne(id);

    contacts.update(index, clock.millis());
    JsonNode first = get(id);
    assertThat(first.path("updatedAt").asText())
        .as("GET sees the change at once")
        .isNotEqualTo(before.path("updatedAt").asText());
    assertThat(batchRead(id).path("updatedAt")).isEqualTo(first.path("updatedAt"));
    assertThat(searchOne(id)).as("search still shows the previous version").isEqualTo(before);
    assertThat(modifiedSince(first.path("updatedAt").asText())).isZero();

    clock.advance(Duration.ofMillis(1_000));
    contacts.update(index, clock.millis());
    JsonNode second = get(id);
    clock.advance(Duration.ofMillis(999));
    assertThat(searchOne(id)).isEqualTo(before);

    clock.advance(Duration.ofMillis(1));
    JsonNode seen = searchOne(id);
    assertThat(seen.path("updatedAt")).isEqualTo(first.path("updatedAt"));
    assertThat(seen.path("properties").path("lastmodifieddate").asText())
        .isEqualTo(first.path("updatedAt").asText());
    assertThat(modifiedSince(first.path("updatedAt").asText())).isOne();

    clock.advance(Duration.ofSeconds(1));
    assertThat(searchOne(id).path("updatedAt")).isEqualTo(second.path("updatedAt"));
    assertThat(searchOne(id).path("properties"))
        .isEqualTo(
            get(id + "?properties=" + String.join(",", names(searchOne(id)))).path("properties"));
  }

  @Test
  void aCreatedRecordIsNotSearchableUntilTheLagHasPassed() {
    long total = total("{}");
    long counted = total(idAbove(0));
    long index = contacts.create(clock.millis(), 12_345);
    String id = Long.toString(contacts.view(index).id);

    assertThat(client.get("/crm/v3/objects/contacts/" + id).statusCode()).isEqualTo(200);
    assertThat(sandbox.portal().records("contacts").map(PortalRecord::id)).contains(id);
    assertThat(total(idEquals(id))).isZero();
    assertThat(total("{}")).isEqualTo(total);
    assertThat(total(idAbove(0))).as("a total that is counted, not scanned").isEqualTo(counted);

    clock.advance(Duration.ofSeconds(2));
    assertThat(total(idEquals(id))).isOne();
    assertThat(total("{}")).isEqualTo(total + 1);
    assertThat(total(idAbove(0))).isEqualTo(counted + 1);
  }

  @Test
  void anArchivedRecordStaysInSearchForTheLag() {
    String id = sandbox.portal().records("contacts").skip(3).findFirst().orElseThrow().id();
    long counted = total(idAbove(0));
    JsonNode before = searchOne(id);
    contacts.archive(contacts.indexOf(Long.parseLong(id)), clock.millis());

    assertThat(client.get("/crm/v3/objects/contacts/" + id).statusCode()).isEqualTo(404);
    assertThat(sandbox.portal().records("contacts").map(PortalRecord::id)).doesNotContain(id);
    assertThat(searchOne(id)).isEqualTo(before);
    assertThat(total(idAbove(0))).isEqualTo(counted);

    clock.advance(Duration.ofSeconds(2));
    assertThat(total(idEquals(id))).isZero();
    assertThat(total(idAbove(0))).isEqualTo(counted - 1);
  }

  @Test
  void withoutALagSearchSeesChangesAtOnce() {
    try (Sandbox still =
        Sandbox.builder().records(100).clock(clock).searchLag(Duration.ZERO).start()) {
      ObjectStore store = still.portal().store(still.portal().catalog().resolve("contacts"));
      long index = store.create(clock.millis(), 99);
      JsonNode page =
          SandboxClient.json(
              new SandboxClient(still)
                  .post(
                      "/crm/v3/objects/contacts/search",
                      idEquals(Long.toString(store.view(index).id))));
      assertThat(page.path("total").asLong()).isOne();
    }
    assertThatThrownBy(() -> Sandbox.builder().searchLag(Duration.ofMillis(-1)))
        .hasMessageContaining("search lag must be between 0 and 24 hours");
  }

  private JsonNode get(String idAndQuery) {
    return SandboxClient.json(client.get("/crm/v3/objects/contacts/" + idAndQuery));
  }

  private JsonNode batchRead(String id) {
    return SandboxClient.json(
            client.post(
                "/crm/v3/objects/contacts/batch/read", "{\"inputs\":[{\"id\":\"" + id + "\"}]}"))
        .path("results")
        .get(0);
  }

  private JsonNode searchOne(String id) {
    JsonNode page =
        SandboxClient.json(client.post("/crm/v3/objects/contacts/search", idEquals(id)));
    assertThat(page.path("results")).hasSize(1);
    return page.path("results").get(0);
  }

  private long modifiedSince(String iso) {
    return total(
        "{\"filters\":[{\"propertyName\":\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\""
            + iso
            + "\"}]}");
  }

  private long total(String body) {
    return SandboxClient.json(client.post("/crm/v3/objects/contacts/search", body))
        .path("total")
        .asLong();
  }

  private static String idEquals(String id) {
    return "{\"filters\":[{\"propertyName\":\"hs_object_id\",\"operator\":\"EQ\",\"value\":\""
        + id
        + "\"}]}";
  }

  private static String idAbove(long id) {
    return "{\"filters\":[{\"propertyName\":\"hs_object_id\",\"operator\":\"GT\",\"value\":\""
        + id
        + "\"}]}";
  }

  private static List<String> names(JsonNode record) {
    List<String> names = new ArrayList<>();
    record.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
