package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubspotextract.testing.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changes made on demand are seen through the HTTP API as HubSpot would show them (list, archived
 * list, batch read, search after its lag, v4 associations both ways, properties), and the Java view
 * agrees with it.
 */
class ChangesTest {
  private static final long SEED = 42;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
  private Sandbox sandbox;
  private Portal portal;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox =
        Sandbox.builder()
            .records(2000)
            .seed(SEED)
            .clock(clock)
            .searchLag(Duration.ofSeconds(2))
            .start();
    portal = sandbox.portal();
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void createdRecordsAreListedAndReadAtOnceAndSearchedAfterTheLag() {
    List<String> before = listIds("contacts", false);
    long highest = Long.parseLong(before.get(before.size() - 1));

    ChangeReport report = portal.apply(ChangeSet.of("contacts").create(20));

    List<String> created = report.created();
    assertThat(created).hasSize(20).allMatch(id -> portal.record("contacts", id) != null);
    assertThat(created)
        .as("ids anywhere in the id space")
        .anyMatch(id -> Long.parseLong(id) < highest);
    assertThat(listIds("contacts", false)).containsAll(created);
    assertThat(ids(batchRead("contacts", created, false).path("results"))).containsAll(created);
    assertThat(searchIds("contacts", created)).as("search trails the creation").isEmpty();

    clock.advance(Duration.ofSeconds(2));
    assertThat(searchIds("contacts", created)).containsExactlyInAnyOrderElementsOf(created);
    assertSameAsPortal("contacts", created);
  }

  @Test
  void updatedRecordsGetNewValuesAndALaterModifiedDateThatSearchSeesAfterTheLag() {
    ChangeSet change = ChangeSet.of("deals").update(30);
    Map<String, JsonNode> before =
        byId(batchRead("deals", peek(change), false, "dealname", "amount"));

    ChangeReport report = portal.apply(change);

    assertThat(report.updated()).hasSize(30).containsExactlyInAnyOrderElementsOf(before.keySet());
    Map<String, JsonNode> after =
        byId(batchRead("deals", report.updated(), false, "dealname", "amount"));
    for (String id : report.updated()) {
      JsonNode was = before.get(id);
      JsonNode is = after.get(id);
      assertThat(Instant.parse(is.path("updatedAt").asText()))
          .isAfter(Instant.parse(was.path("updatedAt").asText()));
      assertThat(is.path("properties").path("hs_lastmodifieddate").asText())
          .isEqualTo(is.path("updatedAt").asText());
    }
    assertThat(report.updated())
        .as("a new version of the values")
        .anyMatch(
            id -> !before.get(id).path("properties").equals(after.get(id).path("properties")));
    String modified = after.get(report.updated().get(0)).path("updatedAt").asText();
    assertThat(searchTotal("deals", modifiedFrom("hs_lastmodifieddate", modified))).isZero();

    clock.advance(Duration.ofSeconds(2));
    assertThat(searchTotal("deals", modifiedFrom("hs_lastmodifieddate", modified))).isEqualTo(30);
    assertSameAsPortal("deals", report.updated());
  }

  @Test
  void contactsUpdatedShowTheirNewDateInLastmodifieddate() {
    ChangeReport report = portal.apply(ChangeSet.of("contacts").update(5));

    for (JsonNode record : batchRead("contacts", report.updated(), false).path("results")) {
      assertThat(record.path("properties").path("lastmodifieddate").asText())
          .isEqualTo(record.path("updatedAt").asText())
          .isEqualTo(now());
    }
  }

  @Test
  void aBulkUpdateGivesMoreThanTenThousandRecordsOneMillisecond() {
    try (Sandbox large =
        Sandbox.builder().records(24_000).clock(clock).searchLag(Duration.ofSeconds(2)).start()) {
      ChangeReport report = large.portal().apply(ChangeSet.of("contacts").bulkUpdate(12_000));

      Instant at = report.bulkUpdatedAt();
      assertThat(at).isEqualTo(clock.instant());
      assertThat(report.bulkUpdated()).hasSize(12_000);
      assertThat(large.portal().records("contacts").filter(r -> r.updatedAt().equals(at)))
          .hasSize(12_000);
      SandboxClient http = new SandboxClient(large);
      String sameMillisecond =
          "{\"filters\":[{\"propertyName\":\"lastmodifieddate\",\"operator\":\"EQ\",\"value\":\""
              + Timestamps.iso(at.toEpochMilli())
              + "\"}],\"limit\":1}";
      assertThat(total(http, "contacts", sameMillisecond)).isZero();

      clock.advance(Duration.ofSeconds(2));
      assertThat(total(http, "contacts", sameMillisecond)).isEqualTo(12_000);
    }
  }

  @Test
  void archivingLeavesTheLastModifiedDateAsItWas() {
    java.util.Map<String, Instant> modifiedBefore = new java.util.HashMap<>();
    portal.records("contacts").forEach(r -> modifiedBefore.put(r.id(), r.updatedAt()));
    clock.advance(Duration.ofMinutes(5));

    List<String> archived = portal.apply(ChangeSet.of("contacts").archive(10)).archived();

    // HubSpot's archiving does not move hs_lastmodifieddate (airbytehq/airbyte#19838)
    JsonNode read = batchRead("contacts", archived, true, "lastmodifieddate").path("results");
    assertThat(read).hasSize(10);
    for (JsonNode record : read) {
      String id = record.path("id").asText();
      assertThat(Instant.parse(record.path("updatedAt").asText()))
          .isEqualTo(modifiedBefore.get(id));
      assertThat(record.path("properties").path("lastmodifieddate").asText())
          .isEqualTo(record.path("updatedAt").asText())
          .isNotEqualTo(now());
      assertThat(record.path("archivedAt").asText()).isEqualTo(now());
    }
  }

  @Test
  void archivedRecordsLeaveTheLiveListAndSearchForTheArchivedListWithArchivedAt() {
    ChangeReport report = portal.apply(ChangeSet.of("contacts").archive(10));
    List<String> archived = report.archived();

    assertThat(listIds("contacts", false)).doesNotContainAnyElementsOf(archived);
    JsonNode archivedList = list("contacts", true);
    assertThat(ids(archivedList)).containsAll(archived);
    for (JsonNode record : archivedList) {
      if (archived.contains(record.path("id").asText())) {
        assertThat(record.path("archived").asBoolean()).isTrue();
        assertThat(record.path("archivedAt").asText()).isEqualTo(now());
      }
    }
    assertThat(batchRead("contacts", archived, false).path("results")).isEmpty();
    assertThat(ids(batchRead("contacts", archived, true).path("results")))
        .containsExactlyInAnyOrderElementsOf(archived);
    assertThat(searchIds("contacts", archived)).as("search trails the archiving").hasSize(10);

    clock.advance(Duration.ofSeconds(2));
    assertThat(searchIds("contacts", archived)).isEmpty();
    assertThat(portal.archivedRecords("contacts").map(PortalRecord::id)).containsAll(archived);
    assertThat(portal.records("contacts").map(PortalRecord::id))
        .doesNotContainAnyElementsOf(archived);
  }

  @Test
  void deletedRecordsAreGoneFromEveryReadAndEveryLink() {
    ChangeSet change = ChangeSet.of("contacts").delete(10);
    List<String> doomed = peek(change);
    Map<String, List<String>> companiesOf = new HashMap<>();
    doomed.forEach(id -> companiesOf.put(id, linkedIds("contacts", id, "companies")));
    assertThat(companiesOf.values())
        .as("some deleted contacts had companies")
        .anyMatch(c -> !c.isEmpty());

    ChangeReport report = portal.apply(change);

    assertThat(report.deleted()).containsExactlyInAnyOrderElementsOf(doomed);
    assertThat(listIds("contacts", false)).doesNotContainAnyElementsOf(doomed);
    assertThat(ids(list("contacts", true))).doesNotContainAnyElementsOf(doomed);
    HttpResponse<String> read = client.post("/crm/v3/objects/contacts/batch/read", inputs(doomed));
    assertThat(read.statusCode()).isEqualTo(207);
    assertThat(SandboxClient.json(read).path("errors").get(0).path("category").asText())
        .isEqualTo("OBJECT_NOT_FOUND");
    assertThat(batchRead("contacts", doomed, true).path("results")).isEmpty();
    assertThat(client.get("/crm/v3/objects/contacts/" + doomed.get(0)).statusCode()).isEqualTo(404);
    for (String id : doomed) {
      assertThat(linkedIds("contacts", id, "companies")).isEmpty();
      for (String company : companiesOf.get(id)) {
        assertThat(linkedIds("companies", company, "contacts")).doesNotContain(id);
        assertThat(portal.associations("companies", "contacts", company))
            .extracting(PortalAssociation::toId)
            .doesNotContain(id);
      }
      assertThat(portal.record("contacts", id)).isNull();
    }
    assertThat(searchIds("contacts", doomed)).as("search trails the deletion").hasSize(10);

    clock.advance(Duration.ofSeconds(2));
    assertThat(searchIds("contacts", doomed)).isEmpty();
  }

  @Test
  void aMergedRecordIsReadUnderTheIdOfTheRecordItWentInto() {
    ChangeReport report = portal.apply(ChangeSet.of("deals").merge(5));

    assertThat(report.merged()).hasSize(5);
    for (ChangeReport.Merge merge : report.merged()) {
      assertThat(merge.intoId()).isNotEqualTo(merge.id());
      assertThat(portal.record("deals", merge.id())).isNull();
      assertThat(portal.record("deals", merge.intoId())).isNotNull();
      // HubSpot answers the old id with the survivor, under the survivor's id, and no error
      HttpResponse<String> read =
          client.post("/crm/v3/objects/deals/batch/read", inputs(List.of(merge.id())));
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(ids(SandboxClient.json(read).path("results"))).containsExactly(merge.intoId());
      assertThat(SandboxClient.json(client.get("/crm/v3/objects/deals/" + merge.id())).path("id"))
          .hasToString("\"" + merge.intoId() + "\"");
      // asked for both, the survivor comes once
      assertThat(
              ids(batchRead("deals", List.of(merge.id(), merge.intoId()), false).path("results")))
          .containsExactly(merge.intoId());
    }
    List<String> mergedIds = report.merged().stream().map(ChangeReport.Merge::id).toList();
    assertThat(listIds("deals", false)).doesNotContainAnyElementsOf(mergedIds);
    assertThat(listIds("deals", true)).doesNotContainAnyElementsOf(mergedIds);
    assertThat(searchIds("deals", mergedIds)).as("search trails the merge").hasSize(5);
    clock.advance(Duration.ofSeconds(2));
    assertThat(searchIds("deals", mergedIds)).isEmpty();
  }

  @Test
  void aRecordMergedIntoOneMergedLaterIsReadAsTheLastSurvivor() {
    ChangeReport first = portal.apply(ChangeSet.of("deals").merge(300));
    clock.advance(Duration.ofSeconds(1));
    ChangeReport second = portal.apply(ChangeSet.of("deals").merge(300));
    Map<String, String> secondInto = new HashMap<>();
    second.merged().forEach(m -> secondInto.put(m.id(), m.intoId()));
    ChangeReport.Merge chained =
        first.merged().stream()
            .filter(m -> secondInto.containsKey(m.intoId()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no survivor of the first merges merged again"));

    assertThat(ids(batchRead("deals", List.of(chained.id()), false).path("results")))
        .containsExactly(secondInto.get(chained.intoId()));
  }

  @Test
  void relinkingEditsLinksInBothDirectionsAndLeavesTheModifiedDateAlone() {
    ChangeSet change = ChangeSet.of("contacts").relink(20);
    Map<String, Instant> modified = new HashMap<>();
    peek(change).forEach(id -> modified.put(id, portal.record("contacts", id).updatedAt()));

    ChangeReport report = portal.apply(change);

    assertThat(report.relinked()).hasSize(20);
    for (ChangeReport.LinkEdit edit : report.relinked()) {
      List<String> links = linkedIds("contacts", edit.id(), edit.toObject());
      assertThat(edit.linkedId()).isNotNull();
      assertThat(links).contains(edit.linkedId());
      assertThat(linkedIds(edit.toObject(), edit.linkedId(), "contacts")).contains(edit.id());
      if (edit.unlinkedId() != null) {
        assertThat(links).doesNotContain(edit.unlinkedId());
        assertThat(linkedIds(edit.toObject(), edit.unlinkedId(), "contacts"))
            .doesNotContain(edit.id());
      }
      assertThat(
              portal.associations("contacts", edit.toObject(), edit.id()).stream()
                  .map(PortalAssociation::toId)
                  .distinct())
          .as("the Java view")
          .containsExactlyElementsOf(links);
      assertThat(portal.record("contacts", edit.id()).updatedAt())
          .isEqualTo(modified.get(edit.id()));
    }
    assertThat(report.relinked())
        .as("links removed too")
        .anyMatch(edit -> edit.unlinkedId() != null);
  }

  @Test
  void relinkingTouchesTheModifiedDateWhenAskedTo() {
    ChangeReport report = portal.apply(ChangeSet.of("deals").relink(5).relinkTouchesModified(true));

    for (ChangeReport.LinkEdit edit : report.relinked()) {
      JsonNode deal = SandboxClient.json(client.get("/crm/v3/objects/deals/" + edit.id()));
      assertThat(deal.path("updatedAt").asText()).isEqualTo(now());
    }
  }

  @Test
  void aNewPropertyIsListedWithValuesOnExistingAndNewRecords() {
    ChangeReport report =
        portal.apply(ChangeSet.of("contacts").create(10).newProperty("favourite_colour"));

    assertThat(report.newProperty()).isEqualTo("favourite_colour");
    JsonNode properties = SandboxClient.json(client.get("/crm/v3/properties/contacts"));
    assertThat(properties.path("results").findValuesAsText("name")).contains("favourite_colour");
    assertThat(portal.properties("contacts"))
        .extracting(PortalProperty::name)
        .contains("favourite_colour");
    JsonNode page =
        SandboxClient.json(
            client.get("/crm/v3/objects/contacts?limit=100&properties=favourite_colour"));
    assertThat(values(page.path("results"), "favourite_colour"))
        .as("existing records have values")
        .hasSizeGreaterThan(50);
    JsonNode created = batchRead("contacts", report.created(), false, "favourite_colour");
    assertThat(values(created.path("results"), "favourite_colour")).isNotEmpty();
    for (JsonNode record : page.path("results")) {
      assertThat(
              portal
                  .record("contacts", record.path("id").asText())
                  .properties()
                  .get("favourite_colour"))
          .isEqualTo(textOrNull(record.path("properties").path("favourite_colour")));
    }
  }

  @Test
  void theSameChangesToTheSameSeedTouchTheSameRecords() {
    ChangeSet change =
        ChangeSet.of("contacts").create(5).update(10).bulkUpdate(10).archive(5).delete(5).relink(5);
    Portal one = new Portal(500, 50, 7, 2000, clock);
    Portal other = new Portal(500, 50, 7, 2000, clock);

    List<ChangeReport> first = List.of(one.apply(change), one.apply(change));
    List<ChangeReport> second = List.of(other.apply(change), other.apply(change));

    assertThat(first).isEqualTo(second);
    assertThat(first.get(0).updated())
        .as("a second set picks records anew")
        .isNotEqualTo(first.get(1).updated());
    assertThat(one.records("contacts"))
        .containsExactlyElementsOf(other.records("contacts").toList());
  }

  @Test
  void eachSetChangesDifferentRecords() {
    ChangeReport report =
        portal.apply(
            ChangeSet.of("tickets").update(50).bulkUpdate(50).archive(50).delete(50).relink(50));

    List<String> all = new ArrayList<>(report.updated());
    all.addAll(report.bulkUpdated());
    all.addAll(report.archived());
    all.addAll(report.deleted());
    report.relinked().forEach(edit -> all.add(edit.id()));
    assertThat(all).hasSize(250).doesNotHaveDuplicates();
  }

  @Test
  void badSetsAreRefusedNamingTheFieldAndChangeNothing() {
    long contacts = portal.count("contacts");

    assertThatThrownBy(() -> ChangeSet.of("contacts").update(-1))
        .hasMessage("update must be between 0 and 1000000, got -1");
    assertThatThrownBy(() -> ChangeSet.of("contacts").newProperty("Favourite Colour"))
        .hasMessageStartingWith("newProperty 'Favourite Colour' is not a property name");
    assertThatThrownBy(
            () ->
                portal.apply(
                    List.of(
                        ChangeSet.of("contacts").create(5), ChangeSet.of("unicorns").update(1))))
        .hasMessageStartingWith("object 'unicorns' is not an object type");
    assertThatThrownBy(() -> portal.apply(List.of(ChangeSet.of("contacts"), ChangeSet.of("0-1"))))
        .hasMessage("object: contacts has two change sets: send one per object");
    assertThatThrownBy(() -> portal.apply(ChangeSet.of("products").relink(1)))
        .hasMessage("relink: products has no associations to edit");
    assertThatThrownBy(() -> portal.apply(ChangeSet.of("contacts").newProperty("email")))
        .hasMessage("newProperty: contacts has a property named email already");
    assertThatThrownBy(() -> portal.apply(ChangeSet.of("contacts").update(1500).archive(1500)))
        .hasMessageStartingWith(
            "update, bulkUpdate, archive, delete, merge (two each) and relink ask for 3000");
    assertThatThrownBy(() -> portal.apply(ChangeSet.of("contacts").update(1000).merge(1000)))
        .hasMessageStartingWith(
            "update, bulkUpdate, archive, delete, merge (two each) and relink ask for 3000");

    assertThat(portal.count("contacts"))
        .as("the creates before a bad set did not happen")
        .isEqualTo(contacts);
  }

  @Test
  void changesAreSafeWhileRequestsAreServed() throws Exception {
    String someContacts = inputs(listIds("contacts", false).subList(0, 100));
    ExecutorService readers = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<Integer>>> statuses = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        statuses.add(
            readers.submit(
                () -> {
                  List<Integer> seen = new ArrayList<>();
                  for (int i = 0; i < 10; i++) {
                    seen.add(client.get("/crm/v3/objects/contacts?limit=100").statusCode());
                    seen.add(
                        client
                            .post(
                                "/crm/v4/associations/contacts/companies/batch/read", someContacts)
                            .statusCode());
                    seen.add(
                        client
                            .post("/crm/v3/objects/contacts/batch/read", someContacts)
                            .statusCode());
                  }
                  return seen;
                }));
      }
      for (int i = 0; i < 20; i++) {
        portal.apply(ChangeSet.of("contacts").create(5).update(5).archive(2).delete(2).relink(5));
        clock.advance(Duration.ofMillis(300));
      }
      for (Future<List<Integer>> status : statuses) {
        assertThat(status.get()).allMatch(s -> s == 200 || s == 207);
      }
    } finally {
      readers.shutdownNow();
    }
    assertSameAsPortal("contacts", listIds("contacts", false).subList(0, 100));
  }

  // ---- reading as a HubSpot client does ---------------------------------------------------------

  /**
   * The ids of the existing records a first change set will pick, from a twin portal of the same
   * seed it is applied to first.
   */
  private List<String> peek(ChangeSet change) {
    Portal twin = new Portal(2000, 50, SEED, 2000, clock);
    ChangeReport report = twin.apply(change);
    List<String> ids = new ArrayList<>(report.updated());
    ids.addAll(report.bulkUpdated());
    ids.addAll(report.archived());
    ids.addAll(report.deleted());
    report.relinked().forEach(edit -> ids.add(edit.id()));
    return ids;
  }

  /** Every record of a live or archived list, following its cursor to the end. */
  private JsonNode list(String object, boolean archived) {
    com.fasterxml.jackson.databind.node.ArrayNode all = SandboxClient.MAPPER.createArrayNode();
    String after = null;
    do {
      JsonNode page =
          SandboxClient.json(
              client.get(
                  "/crm/v3/objects/"
                      + object
                      + "?limit=100&archived="
                      + archived
                      + (after == null ? "" : "&after=" + after)));
      page.path("results").forEach(all::add);
      after = page.path("paging").path("next").path("after").asText(null);
    } while (after != null);
    return all;
  }

  private List<String> listIds(String object, boolean archived) {
    return ids(list(object, archived));
  }

  private JsonNode batchRead(
      String object, List<String> ids, boolean archived, String... properties) {
    String body = inputs(ids);
    if (properties.length > 0) {
      body =
          body.substring(0, body.length() - 1)
              + ",\"properties\":"
              + quoted(List.of(properties))
              + "}";
    }
    return SandboxClient.json(
        client.post("/crm/v3/objects/" + object + "/batch/read?archived=" + archived, body));
  }

  /** The ids among these that search finds now. */
  private List<String> searchIds(String object, List<String> ids) {
    String body =
        "{\"filters\":[{\"propertyName\":\"hs_object_id\",\"operator\":\"IN\",\"values\":"
            + quoted(ids)
            + "}],\"limit\":200}";
    return ids(
        SandboxClient.json(client.post("/crm/v3/objects/" + object + "/search", body))
            .path("results"));
  }

  private long searchTotal(String object, String body) {
    return total(client, object, body);
  }

  private static long total(SandboxClient http, String object, String body) {
    return SandboxClient.json(http.post("/crm/v3/objects/" + object + "/search", body))
        .path("total")
        .asLong();
  }

  private static String modifiedFrom(String property, String iso) {
    return "{\"filters\":[{\"propertyName\":\""
        + property
        + "\",\"operator\":\"GTE\",\"value\":\""
        + iso
        + "\"}],\"limit\":1}";
  }

  /** The ids a record links to in v4 association reads, every page followed. */
  private List<String> linkedIds(String from, String id, String to) {
    List<String> linked = new ArrayList<>();
    String after = null;
    do {
      JsonNode page =
          SandboxClient.json(
              client.get(
                  "/crm/v4/objects/"
                      + from
                      + "/"
                      + id
                      + "/associations/"
                      + to
                      + (after == null ? "" : "?after=" + after)));
      page.path("results").forEach(link -> linked.add(link.path("toObjectId").asText()));
      after = page.path("paging").path("next").path("after").asText(null);
    } while (after != null);
    return linked;
  }

  /** Each record as batch read shows it, every property asked for, equals the Java view's. */
  private void assertSameAsPortal(String object, List<String> ids) {
    List<String> names = portal.properties(object).stream().map(PortalProperty::name).toList();
    for (List<String> chunk : chunks(ids)) {
      for (JsonNode record :
          batchRead(object, chunk, false, names.toArray(String[]::new)).path("results")) {
        PortalRecord expected = portal.record(object, record.path("id").asText());
        assertThat(Instant.parse(record.path("updatedAt").asText()))
            .isEqualTo(expected.updatedAt());
        Map<String, String> served = new HashMap<>();
        record
            .path("properties")
            .fieldNames()
            .forEachRemaining(
                name -> served.put(name, textOrNull(record.path("properties").path(name))));
        assertThat(served).isEqualTo(new HashMap<>(expected.properties()));
      }
    }
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 100) {
      chunks.add(ids.subList(i, Math.min(ids.size(), i + 100)));
    }
    return chunks;
  }

  private static Map<String, JsonNode> byId(JsonNode batch) {
    Map<String, JsonNode> byId = new HashMap<>();
    batch.path("results").forEach(r -> byId.put(r.path("id").asText(), r));
    return byId;
  }

  private static List<String> ids(JsonNode records) {
    List<String> ids = new ArrayList<>();
    records.forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  private static String inputs(List<String> ids) {
    StringBuilder b = new StringBuilder("{\"inputs\":[");
    for (int i = 0; i < ids.size(); i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids.get(i)).append("\"}");
    }
    return b.append("]}").toString();
  }

  private static String quoted(List<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ",").append('"').append(values.get(i)).append('"');
    }
    return b.append(']').toString();
  }

  /** The values records have for a property, nulls left out. */
  private static List<String> values(JsonNode records, String property) {
    List<String> values = new ArrayList<>();
    records.forEach(
        r -> {
          JsonNode value = r.path("properties").path(property);
          if (value.isTextual()) {
            values.add(value.asText());
          }
        });
    return values;
  }

  private String now() {
    return Timestamps.iso(clock.millis());
  }

  private static String textOrNull(JsonNode value) {
    return value.isNull() ? null : value.asText();
  }
}
