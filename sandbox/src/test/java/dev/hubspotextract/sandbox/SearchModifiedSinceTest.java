package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubspotextract.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A search for records modified since the portal was generated (a sync's search for changes) looks
 * only at the records changed or created since start, and answers exactly what a scan of every
 * record answers: the same query with a second filter group that matches nothing (an id no record
 * has) takes the scan, since that group puts no bound on the modified date.
 */
class SearchModifiedSinceTest {
  private static final int CONTACTS = 20_000;
  private static final Duration LAG = Duration.ofSeconds(2);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-02T10:00:00Z"));
  private final Portal portal = new Portal(CONTACTS, 50, 42, LAG.toMillis(), clock);
  private final SearchEndpoint search =
      new SearchEndpoint(
          portal, new RecordWriter(portal.associationModel(), portal.histories()), clock);
  private final ObjectDef contacts = portal.catalog().resolve("contacts");

  @Test
  void aSearchForRecentChangesLooksOnlyAtTheChangedRecordsAndAnswersWhatAScanAnswers()
      throws IOException {
    long since = clock.millis() - 3_600_000L;
    ChangeReport first =
        portal.apply(
            ChangeSet.of("contacts")
                .create(40)
                .update(300)
                .bulkUpdate(250)
                .archive(20)
                .delete(10)
                .relink(30)
                .relinkTouchesModified(true));
    clock.advance(LAG.plusMillis(1));
    // a second change search does not see yet: its records show as they were
    portal.apply(ChangeSet.of("contacts").create(5).update(60).archive(5));
    long bulk = first.bulkUpdatedAt().toEpochMilli();
    String aboveId = first.bulkUpdated().get(100);

    String modified = "lastmodifieddate";
    List<String> bodies =
        List.of(
            body(filter(modified, "GTE", since), sort(modified, "ASCENDING"), 0, 200),
            body(filter(modified, "GTE", since), sort(modified, "ASCENDING"), 200, 200),
            body(filter(modified, "GT", bulk), sort(modified, "DESCENDING"), 0, 100),
            body(filter(modified, "GTE", since), null, 7, 30),
            body(filter(modified, "GTE", since), sort("createdate", "DESCENDING"), 3, 40),
            body(
                filter(modified, "EQ", bulk) + "," + filter("hs_object_id", "GT", aboveId),
                sort("hs_object_id", "ASCENDING"),
                0,
                100),
            body(
                filter(modified, "EQ", bulk) + "," + filter("hs_object_id", "GT", aboveId),
                sort("hs_object_id", "DESCENDING"),
                20,
                50),
            body(
                filter(modified, "BETWEEN", since)
                    .replace("\"}", "\",\"highValue\":\"" + bulk + "\"}"),
                sort(modified, "ASCENDING"),
                0,
                200));

    for (String body : bodies) {
      long before = search.recordsViewed();
      JsonNode recent = search(body);
      long viewed = search.recordsViewed() - before;
      before = search.recordsViewed();
      JsonNode scanned = search(orNothing(body));
      long scannedViewed = search.recordsViewed() - before;

      assertThat(recent).as(body).isEqualTo(scanned);
      assertThat(recent.path("results")).as(body).isNotEmpty();
      assertThat(viewed).as(body + ": records looked at").isLessThan(1_000);
      assertThat(scannedViewed)
          .as(body + ": records the scan looked at (all, or those its id bound leaves)")
          .isGreaterThan(CONTACTS / 4);
    }
    assertThat(search(bodies.get(0)).path("total").asLong())
        .as("what search sees: the first change but its archived and deleted records")
        .isEqualTo(40 + 300 + 250 + 30);
  }

  @Test
  void aBoundBeforeTheGeneratedRecordsWereLastModifiedStillScansThemAll() throws IOException {
    portal.apply(ChangeSet.of("contacts").update(10));
    clock.advance(LAG.plusMillis(1));
    String body =
        body(
            filter("lastmodifieddate", "GTE", Catalog.T_END - 86_400_000L),
            sort("lastmodifieddate", "ASCENDING"),
            0,
            200);

    long before = search.recordsViewed();
    JsonNode page = search(body);

    assertThat(search.recordsViewed() - before).isGreaterThan(CONTACTS);
    assertThat(page).isEqualTo(search(orNothing(body)));
    assertThat(page.path("total").asLong()).isGreaterThan(10);
  }

  private JsonNode search(String body) throws IOException {
    Response response =
        search.search(
            new Request("POST", "/crm/v3/objects/contacts/search", null, body), contacts, null);
    assertThat(response.status).as(body).isEqualTo(200);
    return SandboxClient.MAPPER.readTree(response.bytes());
  }

  private static String filter(String property, String operator, Object value) {
    return "{\"propertyName\":\""
        + property
        + "\",\"operator\":\""
        + operator
        + "\",\"value\":\""
        + value
        + "\"}";
  }

  private static String sort(String property, String direction) {
    return "{\"propertyName\":\"" + property + "\",\"direction\":\"" + direction + "\"}";
  }

  private static String body(String filters, String sort, int after, int limit) {
    return "{\"filterGroups\":[{\"filters\":["
        + filters
        + "]}],"
        + (sort == null ? "" : "\"sorts\":[" + sort + "],")
        + "\"properties\":[\"hs_object_id\",\"lastmodifieddate\"],\"limit\":"
        + limit
        + ",\"after\":\""
        + after
        + "\"}";
  }

  /** The same search with a second group that matches no record and bounds no modified date. */
  private static String orNothing(String body) {
    return body.replace("]}],", "]},{\"filters\":[" + filter("hs_object_id", "EQ", 0) + "]}],");
  }
}
