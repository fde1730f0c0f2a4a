package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reads of a sync: searches for changes, archived ids, records by id. */
class ChangesApiTest {
  private final ScriptedTransport wire = new ScriptedTransport();
  private final ChangesApi changes =
      HubSpotClient.builder()
          .token("pat-test")
          .pacer(Pacer.UNLIMITED)
          .transport(wire)
          .build()
          .changes();

  private static long millis(String instant) {
    return java.time.Instant.parse(instant).toEpochMilli();
  }

  private static JsonNode body(ApiRequest request) throws Exception {
    return new ObjectMapper().readTree(new String(request.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aSearchForChangesAsksForTheOldestFirstFromATimeAndReadsEachRecordsDate() throws Exception {
    wire.then(
        200,
        "{\"total\":3,\"results\":["
            + "{\"id\":\"7\",\"properties\":{\"hs_object_id\":\"7\",\"lastmodifieddate\":"
            + "\"2026-12-01T10:00:00.250Z\"},\"createdAt\":\"x\",\"updatedAt\":\"x\",\"archived\":false},"
            + "{\"id\":\"3\",\"properties\":{\"hs_object_id\":\"3\",\"lastmodifieddate\":"
            + "\"1796119200500\"},\"createdAt\":\"x\",\"updatedAt\":\"x\",\"archived\":false},"
            + "{\"id\":\"9\",\"properties\":{\"hs_object_id\":\"9\",\"lastmodifieddate\":null},"
            + "\"createdAt\":\"x\",\"updatedAt\":\"2026-12-01T10:00:01Z\",\"archived\":false}],"
            + "\"paging\":{\"next\":{\"after\":\"200\"}}}");

    ChangesApi.Page page = changes.modifiedSince("contacts", "lastmodifieddate", 1_000L, null);

    assertThat(page.records())
        .containsExactly(
            new ChangesApi.Modified("7", millis("2026-12-01T10:00:00.250Z")),
            new ChangesApi.Modified("3", millis("2026-12-01T10:00:00.500Z")), // as epoch millis
            new ChangesApi.Modified("9", millis("2026-12-01T10:00:01Z"))); // none: its updatedAt
    assertThat(page.nextAfter()).isEqualTo("200");
    assertThat(page.total()).isEqualTo(3);
    ApiRequest sent = wire.requests.get(0);
    assertThat(sent.path()).isEqualTo("/crm/v3/objects/contacts/search");
    JsonNode search = body(sent);
    assertThat(search.at("/filterGroups/0/filters/0").toString())
        .isEqualTo(
            "{\"propertyName\":\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"1000\"}");
    assertThat(search.at("/sorts/0/propertyName").asText()).isEqualTo("lastmodifieddate");
    assertThat(search.at("/sorts/0/direction").asText()).isEqualTo("ASCENDING");
    assertThat(search.path("limit").asInt()).isEqualTo(200);
    assertThat(search.path("after").asText()).isEqualTo("0");
  }

  @Test
  void aMillisecondIsDrainedByIdAboveTheLastOne() throws Exception {
    wire.then(200, "{\"total\":0,\"results\":[]}");

    changes.modifiedAt("deals", "hs_lastmodifieddate", 42L, "1000", null);

    JsonNode search = body(wire.requests.get(0));
    assertThat(search.at("/filterGroups/0/filters/0/operator").asText()).isEqualTo("EQ");
    assertThat(search.at("/filterGroups/0/filters/1").toString())
        .isEqualTo("{\"propertyName\":\"hs_object_id\",\"operator\":\"GT\",\"value\":\"1000\"}");
    assertThat(search.at("/sorts/0/propertyName").asText()).isEqualTo("hs_object_id");
  }

  @Test
  void aDateThatIsNoTimeIsNotHubSpots() {
    wire.then(
        200,
        "{\"results\":[{\"id\":\"7\",\"properties\":{\"hs_lastmodifieddate\":\"soon\"},"
            + "\"createdAt\":\"x\",\"updatedAt\":\"x\",\"archived\":false}]}");

    assertThatThrownBy(() -> changes.modifiedSince("deals", "hs_lastmodifieddate", 0L, null))
        .isInstanceOf(HubSpotException.class)
        .hasMessageContaining("neither an ISO-8601 time nor epoch milliseconds")
        .extracting(e -> ((HubSpotException) e).category())
        .isEqualTo(FailureCategory.NOT_HUBSPOT);
  }

  @Test
  void archivedIdsArePagedToTheEndAndARepeatedCursorStopsTheListing() {
    wire.then(200, page("1", "2") + "")
        .then(200, "{\"results\":[{\"id\":\"5\",\"properties\":{},\"archived\":true}]}");
    List<String> ids = new ArrayList<>();

    changes.archivedIds("contacts", ids::add);

    assertThat(ids).containsExactly("1", "2", "5");
    assertThat(wire.requests.get(0).pathAndQuery())
        .contains("archived=true")
        .doesNotContain("after=");
    assertThat(wire.requests.get(1).pathAndQuery()).contains("after=3");

    wire.then(200, page("1", "2")).then(200, page("1", "2"));
    assertThatThrownBy(() -> changes.archivedIds("contacts", id -> {}))
        .hasMessageContaining("cursor")
        .hasMessageContaining("twice");
  }

  /** An archived list page of these ids whose next cursor is "3". */
  private static String page(String... ids) {
    StringBuilder results = new StringBuilder();
    for (String id : ids) {
      results.append(results.length() == 0 ? "" : ",");
      results.append("{\"id\":\"").append(id).append("\",\"properties\":{},\"archived\":true}");
    }
    return "{\"results\":[" + results + "],\"paging\":{\"next\":{\"after\":\"3\"}}}";
  }
}
