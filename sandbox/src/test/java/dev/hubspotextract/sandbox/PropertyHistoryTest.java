package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubspotextract.testing.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code propertiesWithHistory} on list, GET and batch read, and what the histories tell. */
class PropertyHistoryTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
  private Sandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().records(400).clock(clock).start();
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aDealsStageMovesForwardAlongItsPipelineToTheStageItIsIn() {
    int moved = 0;
    Set<String> pipelinesMovedAlong = new HashSet<>();
    for (PortalRecord deal : sandbox.portal().records("deals").toList()) {
      List<PortalHistoryEntry> history = sandbox.portal().history("deals", deal.id(), "dealstage");
      String stage = deal.properties().get("dealstage");
      if (stage == null) {
        assertThat(history).isEmpty();
        continue;
      }
      assertThat(history.get(0).value()).as("deal %s ends where it is", deal.id()).isEqualTo(stage);
      // along its own pipeline: the default one's stages, or Renewals' numeric ones
      Pipelines.Pipeline pipeline = Pipelines.ofStage("deals", stage);
      assertThat(pipeline).as("deal %s's stage %s", deal.id(), stage).isNotNull();
      assertThat(deal.properties().get("pipeline")).isEqualTo(pipeline.id());
      List<String> stages = pipeline.stages().stream().map(Pipelines.Stage::id).toList();
      List<String> closed =
          pipeline.stages().stream()
              .filter(Pipelines.Stage::isClosed)
              .map(Pipelines.Stage::id)
              .toList();
      List<String> oldestFirst = new ArrayList<>();
      history.forEach(entry -> oldestFirst.add(0, entry.value()));
      List<Integer> places = oldestFirst.stream().map(stages::indexOf).toList();
      assertThat(places).as("deal %s: %s", deal.id(), oldestFirst).isSorted().doesNotContain(-1);
      assertThat(oldestFirst.subList(0, oldestFirst.size() - 1))
          .as("deal %s: %s", deal.id(), oldestFirst)
          .doesNotContainAnyElementsOf(closed);
      assertWithinTheRecordsLife(deal, history);
      if (history.size() > 1) {
        pipelinesMovedAlong.add(pipeline.id());
      }
      moved += history.size() > 2 ? 1 : 0;
    }
    assertThat(moved).as("deals that passed through several stages").isGreaterThan(20);
    assertThat(pipelinesMovedAlong)
        .as("pipelines deals moved along")
        .containsExactlyInAnyOrder(Pipelines.DEALS.id(), Pipelines.RENEWALS.id());
  }

  @Test
  void atEveryMomentTheStageInForceBelongsToThePipelineInForce() {
    clock.advance(Duration.ofHours(1));
    sandbox
        .portal()
        .apply(List.of(ChangeSet.of("deals").update(60), ChangeSet.of("tickets").update(60)));
    int pipelineChanges = 0;
    for (String[] object :
        new String[][] {
          {"deals", "dealstage", "pipeline"}, {"tickets", "hs_pipeline_stage", "hs_pipeline"}
        }) {
      for (PortalRecord record : sandbox.portal().records(object[0]).toList()) {
        List<PortalHistoryEntry> stages = oldestFirst(object[0], record.id(), object[1]);
        List<PortalHistoryEntry> pipelines = oldestFirst(object[0], record.id(), object[2]);
        String what = object[0] + " " + record.id();
        assertThat(pipelines.isEmpty()).as(what).isEqualTo(stages.isEmpty());
        Set<Instant> stageMoments = new HashSet<>();
        stages.forEach(e -> stageMoments.add(e.timestamp()));
        for (int i = 0; i < pipelines.size(); i++) {
          assertThat(stageMoments)
              .as("%s: the pipeline changes only when the stage does", what)
              .contains(pipelines.get(i).timestamp());
          if (i > 0) {
            assertThat(pipelines.get(i).value())
                .as("%s: a pipeline entry is a change", what)
                .isNotEqualTo(pipelines.get(i - 1).value());
          }
        }
        pipelineChanges += Math.max(0, pipelines.size() - 1);
        for (PortalHistoryEntry stage : stages) {
          String pipeline = inForce(pipelines, stage.timestamp());
          if (stage.value().isEmpty()) {
            assertThat(pipeline).as("%s: no stage, no pipeline", what).isEmpty();
          } else {
            assertThat(pipeline)
                .as("%s at %s: stage %s", what, stage.timestamp(), stage.value())
                .isNotNull();
            assertThat(Pipelines.of(object[0]))
                .as(
                    "%s at %s: stage %s in pipeline %s",
                    what, stage.timestamp(), stage.value(), pipeline)
                .anyMatch(
                    p ->
                        p.id().equals(pipeline)
                            && p.stages().stream().anyMatch(st -> st.id().equals(stage.value())));
          }
        }
      }
    }
    assertThat(pipelineChanges).as("updates that moved a record to another pipeline").isPositive();
  }

  /** A history that starts with {@code ""} clears a value never set; {@code [""]} sets "" alone. */
  @Test
  void noHistoryStartsWithAClearedValue() {
    int records = 0;
    for (String object : List.of("contacts", "deals")) {
      for (PortalRecord record : sandbox.portal().records(object).limit(150).toList()) {
        boolean sameMoment = record.createdAt().equals(record.updatedAt());
        records += sameMoment ? 1 : 0;
        for (PortalProperty property : sandbox.portal().properties(object)) {
          List<PortalHistoryEntry> history = oldestFirst(object, record.id(), property.name());
          String value = record.properties().get(property.name());
          if (!history.isEmpty() && !(history.size() == 1 && "".equals(value))) {
            assertThat(history.get(0).value())
                .as(
                    "%s %s's %s: a value is set before it is cleared",
                    object, record.id(), property.name())
                .isNotEmpty();
          }
        }
      }
    }
    assertThat(records).as("records created and last modified at one moment").isGreaterThan(20);
  }

  private List<PortalHistoryEntry> oldestFirst(String object, String id, String property) {
    List<PortalHistoryEntry> oldestFirst = new ArrayList<>();
    sandbox.portal().history(object, id, property).forEach(e -> oldestFirst.add(0, e));
    return oldestFirst;
  }

  /** The value in force at {@code at}: that of the last entry at or before it; null before any. */
  private static String inForce(List<PortalHistoryEntry> oldestFirst, Instant at) {
    String value = null;
    for (PortalHistoryEntry e : oldestFirst) {
      if (!e.timestamp().isAfter(at)) {
        value = e.value();
      }
    }
    return value;
  }

  @Test
  void everyPropertyEndsAtItsValueWithinTheRecordsLifeAndNamesItsSource() {
    int withEarlierValues = 0;
    for (PortalRecord contact : sandbox.portal().records("contacts").limit(60).toList()) {
      for (PortalProperty property : sandbox.portal().properties("contacts")) {
        List<PortalHistoryEntry> history =
            sandbox.portal().history("contacts", contact.id(), property.name());
        String value = contact.properties().get(property.name());
        if (history.isEmpty()) {
          assertThat(value).as("%s of %s", property.name(), contact.id()).isNull();
          continue;
        }
        assertThat(history.get(0).value())
            .as("%s of %s", property.name(), contact.id())
            .isEqualTo(value == null ? "" : value);
        assertWithinTheRecordsLife(contact, history);
        for (PortalHistoryEntry entry : history) {
          if (entry.sourceType().equals("CRM_UI")) {
            assertThat(entry.sourceId()).isEqualTo("userId:" + entry.updatedByUserId());
          }
        }
        withEarlierValues += history.size() > 1 ? 1 : 0;
      }
    }
    assertThat(withEarlierValues).isGreaterThan(200);
  }

  @Test
  void listGetAndBatchReadServeThePortalsHistoriesNewestFirst() {
    PortalRecord deal =
        sandbox
            .portal()
            .records("deals")
            .filter(d -> sandbox.portal().history("deals", d.id(), "dealstage").size() > 2)
            .findFirst()
            .orElseThrow();
    String wanted = "dealstage,amount,hs_lastmodifieddate";
    JsonNode got =
        SandboxClient.json(
                client.get(
                    "/crm/v3/objects/deals/" + deal.id() + "?propertiesWithHistory=" + wanted))
            .path("propertiesWithHistory");
    JsonNode batch =
        SandboxClient.json(
                client.post(
                    "/crm/v3/objects/deals/batch/read",
                    "{\"properties\":[],\"propertiesWithHistory\":[\"dealstage\",\"amount\","
                        + "\"hs_lastmodifieddate\"],\"inputs\":[{\"id\":\""
                        + deal.id()
                        + "\"}]}"))
            .path("results")
            .get(0)
            .path("propertiesWithHistory");
    for (String property : wanted.split(",")) {
      List<PortalHistoryEntry> expected = sandbox.portal().history("deals", deal.id(), property);
      assertThat(entries(got.path(property))).as(property).isEqualTo(expected);
      assertThat(entries(batch.path(property))).as(property).isEqualTo(expected);
    }
    assertThat(got.path("hs_lastmodifieddate").get(0).path("value").asText())
        .isEqualTo(deal.updatedAt().toString());
  }

  @Test
  void anUpdateAddsAnEntryAtTheNewModifiedTimeForEachPropertyItChanged() {
    List<PortalRecord> before = sandbox.portal().records("deals").toList();
    clock.advance(Duration.ofHours(1));
    ChangeReport report = sandbox.portal().apply(ChangeSet.of("deals").update(40));
    int changedStages = 0;
    for (String id : report.updated()) {
      PortalRecord old = before.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
      PortalRecord now = sandbox.portal().record("deals", id);
      assertThat(now.updatedAt()).isEqualTo(clock.instant());
      for (String property : List.of("dealstage", "amount", "dealname")) {
        List<PortalHistoryEntry> history = sandbox.portal().history("deals", id, property);
        String was = old.properties().get(property);
        String is = now.properties().get(property);
        if (Objects.equals(was, is)) {
          assertThat(history).noneMatch(e -> e.timestamp().equals(clock.instant()));
        } else {
          assertThat(history.get(0).timestamp()).isEqualTo(clock.instant());
          assertThat(history.get(0).value()).isEqualTo(is == null ? "" : is);
          if (was != null) {
            assertThat(history.get(1).value()).isEqualTo(was);
          }
          changedStages += property.equals("dealstage") ? 1 : 0;
        }
      }
    }
    assertThat(changedStages).isGreaterThan(5);
  }

  @Test
  void aListPageWithHistoryHoldsAtMostFiftyRecordsAndItsCursorGoesOnFromThe51st() {
    List<String> ids =
        sandbox.portal().records("contacts").limit(51).map(PortalRecord::id).toList();
    JsonNode page =
        SandboxClient.json(
            client.get("/crm/v3/objects/contacts?limit=100&propertiesWithHistory=email"));
    assertThat(page.path("results")).hasSize(50);
    assertThat(page.path("paging").path("next").path("after").asText()).isEqualTo(ids.get(50));
    assertThat(page.path("results").get(0).path("propertiesWithHistory").has("email")).isTrue();
  }

  @Test
  void aBatchReadOfMoreThanFiftyWithHistoryGetsHubSpotsAnswer() {
    String inputs =
        sandbox
            .portal()
            .records("contacts")
            .limit(51)
            .map(r -> "{\"id\":\"" + r.id() + "\"}")
            .collect(Collectors.joining(",", "[", "]"));
    HttpResponse<String> refused =
        client.post(
            "/crm/v3/objects/contacts/batch/read",
            "{\"properties\":[],\"propertiesWithHistory\":[\"email\"],\"inputs\":" + inputs + "}");
    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode body = SandboxClient.json(refused);
    assertThat(body.path("category").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(body.path("message").asText())
        .isEqualTo(
            "The maximum number of inputs supported in a batch request for property histories is"
                + " 50. Please reduce the number of items and try again");
  }

  private static void assertWithinTheRecordsLife(
      PortalRecord record, List<PortalHistoryEntry> newestFirst) {
    for (int i = 0; i < newestFirst.size(); i++) {
      Instant at = newestFirst.get(i).timestamp();
      assertThat(at).isBetween(record.createdAt(), record.updatedAt());
      if (i > 0) {
        assertThat(at)
            .as("newest first, one change per moment")
            .isBefore(newestFirst.get(i - 1).timestamp());
      }
    }
  }

  private static List<PortalHistoryEntry> entries(JsonNode list) {
    List<PortalHistoryEntry> entries = new ArrayList<>();
    for (JsonNode e : list) {
      entries.add(
          new PortalHistoryEntry(
              e.path("value").asText(),
              Instant.parse(e.path("timestamp").asText()),
              e.path("sourceType").asText(),
              e.has("sourceId") ? e.path("sourceId").asText() : null,
              e.has("sourceLabel") ? e.path("sourceLabel").asText() : null,
              e.has("updatedByUserId") ? e.path("updatedByUserId").asInt() : null));
    }
    return entries;
  }
}
