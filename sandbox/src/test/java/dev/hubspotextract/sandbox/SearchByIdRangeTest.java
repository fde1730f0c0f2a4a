package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubspotextract.testing.ManualClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Searches bounded by {@code hs_object_id} (the client's keyset walk) answer exactly what a scan of
 * the portal's records gives, and generate only the records of their window.
 */
class SearchByIdRangeTest {
  /** A search and, computed independently, which contacts it matches and in which order. */
  private record Query(
      String name,
      String filterGroups,
      Predicate<PortalRecord> matches,
      String sort,
      Comparator<PortalRecord> order,
      int after,
      int limit) {}

  private static final Comparator<PortalRecord> ID_ASCENDING =
      Comparator.comparingLong(r -> Long.parseLong(r.id()));

  /** HubSpot's order without sorts: creation, oldest first. */
  private static final Comparator<PortalRecord> CREATION =
      Comparator.comparing(PortalRecord::createdAt).thenComparing(ID_ASCENDING);

  @Test
  void idBoundedSearchesAnswerWhatAScanOfThePortalGives() {
    try (Sandbox sandbox = Sandbox.builder().records(600).start()) {
      assertThat(sandbox.portal().archivedRecords("contacts").count())
          .as("archived contacts the searches must leave out")
          .isPositive();
      assertEveryQueryMatchesThePortal(sandbox);
    }
  }

  @Test
  void idBoundedSearchesSeeTheRecordsChurnCreatesAndArchivesOnceTheSearchLagHasPassed() {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
    try (Sandbox sandbox = Sandbox.builder().records(600).clock(clock).start()) {
      Portal portal = sandbox.portal();
      assertEveryQueryMatchesThePortal(sandbox); // counts archived records before churn starts
      long archivedBefore = portal.archivedRecords("contacts").count();
      long lastGenerated = portal.records("contacts").mapToLong(r -> id(r)).max().orElseThrow();
      Set<String> generated =
          portal.records("contacts").map(PortalRecord::id).collect(Collectors.toSet());
      Churn churn = new Churn(portal, clock, 7);
      for (int i = 0; i < 3000; i++) {
        churn.step();
        clock.advance(Duration.ofMillis(1));
      }
      clock.advance(Duration.ofSeconds(3)); // past the search lag
      assertThat(portal.archivedRecords("contacts").count())
          .as("contacts churn archived")
          .isGreaterThan(archivedBefore);
      List<Long> created =
          portal
              .records("contacts")
              .filter(r -> !generated.contains(r.id()))
              .map(r -> id(r))
              .toList();
      assertThat(created).as("contacts churn created, some in the gaps below the top").isNotEmpty();
      assertThat(created).anyMatch(id -> id < lastGenerated);
      assertEveryQueryMatchesThePortal(sandbox);
    }
  }

  @Test
  void aKeysetPageOnALargeObjectGeneratesOnlyTheRecordsOfItsPage() throws IOException {
    Portal portal = new Portal(300_000, 50, 42);
    SearchEndpoint search =
        new SearchEndpoint(
            portal,
            new RecordWriter(portal.associationModel(), portal.histories()),
            Clock.systemUTC());
    ObjectDef contacts = portal.catalog().resolve("contacts");
    ObjectStore store = portal.store(contacts);
    long[] byId = toArray(store.byId(0, Long.MAX_VALUE, false));
    int below = 299_000; // the walk has come down to the 299,000th record in id order
    String bounded =
        "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"hs_object_id\",\"operator\":\"LT\","
            + "\"value\":\""
            + contacts.idOf(byId[below])
            + "\"}]}],\"sorts\":[{\"propertyName\":\"hs_object_id\",\"direction\":\"DESCENDING\"}],"
            + "\"properties\":[\"email\",\"firstname\"],\"limit\":200,\"after\":\"0\"}";

    JsonNode page = search(search, contacts, bounded);

    assertThat(search.recordsViewed()).isBetween(200L, 300L);
    assertThat(page.path("total").asLong())
        .isEqualTo(Arrays.stream(byId, 0, below).filter(store::isLive).count());
    assertThat(page.path("results")).hasSize(200);
    long lastLiveBelow =
        IntStream.iterate(below - 1, k -> k - 1)
            .mapToLong(k -> byId[k])
            .filter(store::isLive)
            .findFirst()
            .orElseThrow();
    assertThat(page.path("results").get(0).path("id").asLong())
        .isEqualTo(contacts.idOf(lastLiveBelow));

    long before = search.recordsViewed();
    JsonNode first =
        search(
            search,
            contacts,
            "{\"filterGroups\":[],\"sorts\":[{\"propertyName\":\"hs_object_id\",\"direction\":\"DESCENDING\"}],"
                + "\"limit\":200,\"after\":\"1000\"}");

    assertThat(search.recordsViewed() - before).isBetween(1200L, 1300L);
    assertThat(first.path("total").asLong()).isEqualTo(portal.count("contacts"));

    before = search.recordsViewed();
    JsonNode byCreation =
        search(
            search,
            contacts,
            bounded.replace("hs_object_id\",\"direction", "createdate\",\"direction"));
    assertThat(search.recordsViewed() - before)
        .as("a page sorted by create date within id bounds")
        .isBetween(200L, 300L);
    assertThat(byCreation.path("total").asLong()).isEqualTo(page.path("total").asLong());
  }

  private static long[] toArray(PrimitiveIterator.OfLong indices) {
    LongStream.Builder all = LongStream.builder();
    indices.forEachRemaining((long i) -> all.add(i));
    return all.build().toArray();
  }

  private static JsonNode search(SearchEndpoint search, ObjectDef def, String body)
      throws IOException {
    Response response =
        search.search(
            new Request("POST", "/crm/v3/objects/" + def.name + "/search", null, body), def, null);
    assertThat(response.status).isEqualTo(200);
    return SandboxClient.MAPPER.readTree(response.bytes());
  }

  private static void assertEveryQueryMatchesThePortal(Sandbox sandbox) {
    SandboxClient client = new SandboxClient(sandbox);
    for (Query q : queries(sandbox.portal())) {
      List<PortalRecord> expected =
          sandbox.portal().records("contacts").filter(q.matches()).sorted(q.order()).toList();
      StringBuilder body = new StringBuilder("{");
      if (q.filterGroups() != null) {
        body.append(q.filterGroups()).append(',');
      }
      if (q.sort() != null) {
        body.append("\"sorts\":[").append(q.sort()).append("],");
      }
      body.append("\"limit\":").append(q.limit()).append(",\"after\":\"").append(q.after());
      body.append("\"}");

      JsonNode page =
          SandboxClient.json(client.post("/crm/v3/objects/contacts/search", body.toString()));

      List<String> ids = new ArrayList<>();
      page.path("results").forEach(r -> ids.add(r.path("id").asText()));
      int end = Math.min(expected.size(), q.after() + q.limit());
      List<String> window =
          expected.subList(Math.min(q.after(), end), end).stream().map(PortalRecord::id).toList();
      assertThat(page.path("total").asLong()).as(q.name() + ": total").isEqualTo(expected.size());
      assertThat(ids).as(q.name() + ": results").containsExactlyElementsOf(window);
      assertThat(page.path("paging").path("next").path("after").asText(null))
          .as(q.name() + ": next page")
          .isEqualTo(end < expected.size() && q.limit() > 0 ? Integer.toString(end) : null);
    }
  }

  private static List<Query> queries(Portal portal) {
    List<Long> ids = portal.records("contacts").map(r -> Long.parseLong(r.id())).toList();
    long lowId = ids.get(50);
    long midId = ids.get(300);
    long highId = ids.get(500);
    String desc = "{\"propertyName\":\"hs_object_id\",\"direction\":\"DESCENDING\"}";
    String asc = "{\"propertyName\":\"hs_object_id\",\"direction\":\"ASCENDING\"}";
    Comparator<PortalRecord> idDesc = ID_ASCENDING.reversed();
    String withJobTitle = "{\"propertyName\":\"jobtitle\",\"operator\":\"HAS_PROPERTY\"}";
    Predicate<PortalRecord> hasJobTitle =
        r -> r.properties().get("jobtitle") != null && !r.properties().get("jobtitle").isEmpty();
    return List.of(
        new Query("first page of a walk", "\"filterGroups\":[]", r -> true, desc, idDesc, 0, 200),
        new Query("no filters, no sort", null, r -> true, null, CREATION, 13, 7),
        new Query(
            "LT, descending", groups(id("LT", midId)), r -> id(r) < midId, desc, idDesc, 0, 50),
        new Query(
            "LT, descending, second page",
            groups(id("LT", midId)),
            r -> id(r) < midId,
            desc,
            idDesc,
            50,
            50),
        new Query(
            "LTE, ascending",
            groups(id("LTE", midId)),
            r -> id(r) <= midId,
            asc,
            ID_ASCENDING,
            5,
            20),
        new Query(
            "GT, no sort", groups(id("GT", lowId)), r -> id(r) > lowId, null, CREATION, 0, 30),
        new Query(
            "GTE, descending", groups(id("GTE", lowId)), r -> id(r) >= lowId, desc, idDesc, 10, 30),
        new Query(
            "BETWEEN, descending",
            groups(between(lowId, lowId + 30)),
            r -> id(r) >= lowId && id(r) <= lowId + 30,
            desc,
            idDesc,
            0,
            200),
        new Query("EQ", groups(id("EQ", midId)), r -> id(r) == midId, asc, ID_ASCENDING, 0, 10),
        new Query(
            "LT and another filter",
            groups(id("LT", midId) + "," + withJobTitle),
            r -> id(r) < midId && hasJobTitle.test(r),
            desc,
            idDesc,
            3,
            25),
        new Query(
            "OR'ed groups, one with another filter",
            groups(
                id("LT", lowId), between(midId, midId + 40) + "," + withJobTitle, id("GT", highId)),
            r ->
                id(r) < lowId
                    || id(r) >= midId && id(r) <= midId + 40 && hasJobTitle.test(r)
                    || id(r) > highId,
            desc,
            idDesc,
            10,
            15),
        new Query(
            "overlapping OR'ed groups",
            groups(id("LT", midId), id("GTE", lowId)),
            r -> true,
            asc,
            ID_ASCENDING,
            100,
            9),
        new Query(
            "GTE, sorted by create date ascending",
            groups(id("GTE", midId)),
            r -> id(r) >= midId,
            "{\"propertyName\":\"createdate\",\"direction\":\"ASCENDING\"}",
            CREATION,
            0,
            40),
        new Query(
            "LT, sorted by create date",
            groups(id("LT", highId)),
            r -> id(r) < highId,
            "{\"propertyName\":\"createdate\",\"direction\":\"DESCENDING\"}",
            Comparator.comparing(PortalRecord::createdAt).thenComparing(ID_ASCENDING).reversed(),
            2,
            10),
        new Query(
            "GT and LT, sorted by last modified date",
            groups(id("GT", lowId) + "," + id("LT", midId)),
            r -> id(r) > lowId && id(r) < midId,
            "{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}",
            Comparator.comparing(PortalRecord::updatedAt).thenComparing(ID_ASCENDING),
            4,
            20),
        new Query("below every id", groups(id("LT", 1)), r -> false, desc, idDesc, 0, 200),
        new Query(
            "above every id", groups(id("GT", 99_999_999_999L)), r -> false, desc, idDesc, 0, 200),
        new Query("a bound every id passes", groups(id("GT", 0)), r -> true, desc, idDesc, 37, 200),
        new Query(
            "limit 0 still counts",
            groups(id("LT", midId)),
            r -> id(r) < midId,
            desc,
            idDesc,
            0,
            0),
        new Query(
            "top-level filters",
            "\"filters\":[" + id("LT", midId) + "]",
            r -> id(r) < midId,
            desc,
            idDesc,
            0,
            20));
  }

  private static long id(PortalRecord r) {
    return Long.parseLong(r.id());
  }

  private static String id(String operator, long value) {
    return "{\"propertyName\":\"hs_object_id\",\"operator\":\""
        + operator
        + "\",\"value\":\""
        + value
        + "\"}";
  }

  private static String between(long low, long high) {
    return "{\"propertyName\":\"hs_object_id\",\"operator\":\"BETWEEN\",\"value\":\""
        + low
        + "\",\"highValue\":\""
        + high
        + "\"}";
  }

  /** {@code "filterGroups":[...]} with one group per argument, each a comma-separated list. */
  private static String groups(String... groups) {
    StringBuilder s = new StringBuilder("\"filterGroups\":[");
    for (int i = 0; i < groups.length; i++) {
      s.append(i == 0 ? "" : ",").append("{\"filters\":[").append(groups[i]).append("]}");
    }
    return s.append(']').toString();
  }
}
