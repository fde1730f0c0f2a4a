package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.sandbox.ChangeReport;
import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.PortalProperty;
import dev.hubspotextract.sandbox.PortalRecord;
import dev.hubspotextract.sandbox.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistoriesApiTest {
  private final ScriptedTransport wire = new ScriptedTransport();
  private final HistoriesApi histories = new HistoriesApi(wire);

  private static String result(String id, String historyJson) {
    return "{\"id\":\""
        + id
        + "\",\"properties\":{\"hs_object_id\":\""
        + id
        + "\"},\"propertiesWithHistory\":"
        + historyJson
        + ",\"createdAt\":\"2024-01-01T00:00:00Z\",\"updatedAt\":\"2024-02-01T00:00:00Z\","
        + "\"archived\":false}";
  }

  private static String answer(String... results) {
    return "{\"status\":\"COMPLETE\",\"results\":["
        + String.join(",", results)
        + "],\"startedAt\":\"2024-03-01T00:00:00Z\",\"completedAt\":\"2024-03-01T00:00:01Z\"}";
  }

  @Test
  void eachRecordsChangesComePropertyByPropertyInTheOrderAskedOldestFirst() {
    wire.then(
        200,
        answer(
            result(
                "20",
                "{\"amount\":[{\"value\":\"12\",\"timestamp\":\"2024-01-05T00:00:00Z\","
                    + "\"sourceType\":\"API\"}],"
                    + "\"dealstage\":[{\"value\":\"closedwon\",\"timestamp\":\"2024-01-09T00:00:00.000Z\","
                    + "\"sourceType\":\"CRM_UI\",\"sourceId\":\"userId:7\",\"updatedByUserId\":7},"
                    + "{\"value\":\"qualifiedtobuy\",\"timestamp\":\"2024-01-03T00:00:00.000Z\","
                    + "\"sourceType\":\"IMPORT\",\"sourceLabel\":\"Import: \\\"a, b\\\"\"}]}"),
            result("10", "{\"dealstage\":[],\"amount\":[]}")));
    Map<String, List<HistoriesApi.Change>> read =
        histories.read("deals", List.of("10", "20"), List.of("dealstage", "amount"));
    assertThat(read.keySet()).containsExactly("10", "20");
    assertThat(read.get("10")).isEmpty();
    assertThat(read.get("20"))
        .containsExactly(
            new HistoriesApi.Change(
                "20",
                "dealstage",
                "qualifiedtobuy",
                "2024-01-03T00:00:00.000Z",
                "IMPORT",
                null,
                "Import: \"a, b\"",
                null),
            new HistoriesApi.Change(
                "20",
                "dealstage",
                "closedwon",
                "2024-01-09T00:00:00.000Z",
                "CRM_UI",
                "userId:7",
                null,
                "7"),
            new HistoriesApi.Change(
                "20", "amount", "12", "2024-01-05T00:00:00Z", "API", null, null, null));
    String body = wire.body(0);
    assertThat(wire.requests.get(0).pathAndQuery())
        .isEqualTo("/crm/v3/objects/deals/batch/read?archived=false");
    assertThat(body)
        .isEqualTo(
            "{\"inputs\":[{\"id\":\"10\"},{\"id\":\"20\"}],\"properties\":[\"hs_object_id\"],"
                + "\"propertiesWithHistory\":[\"dealstage\",\"amount\"]}");
  }

  @Test
  void aRecordHubSpotDoesNotReturnIsGoneAndHasNoHistory() {
    wire.then(
        207,
        "{\"status\":\"COMPLETE\",\"results\":["
            + result("10", "{\"dealstage\":[]}")
            + "],\"numErrors\":1,\"errors\":[{\"status\":\"error\",\"category\":\"OBJECT_NOT_FOUND\","
            + "\"message\":\"Could not get some DEAL objects\",\"context\":{\"ids\":[\"11\"]}}]}");
    assertThat(histories.read("deals", List.of("10", "11"), List.of("dealstage")).keySet())
        .containsExactly("10");
  }

  @Test
  void aResultForARecordNotAskedForIsLeftOutAndTheIdAskedForIsGone() {
    // HubSpot answers a merged-away id (62241) with the record it went into, under that id
    wire.then(
        200,
        answer(
            result("84805801", "{\"dealstage\":[]}"),
            result("../10", "{\"dealstage\":[]}"),
            result("10", "{\"dealstage\":[]}")));

    assertThat(histories.read("deals", List.of("10", "62241"), List.of("dealstage")).keySet())
        .containsExactly("10");
  }

  @Test
  void aRecordMergedIntoAnotherIsGoneAndTheOneItWentIntoIsNotTakenForIt() {
    try (Sandbox sandbox = Sandbox.builder().records(300).start()) {
      ChangeReport.Merge merge =
          sandbox.portal().apply(ChangeSet.of("deals").merge(1)).merged().get(0);
      List<String> ids =
          sandbox
              .portal()
              .records("deals")
              .map(PortalRecord::id)
              .filter(id -> !id.equals(merge.intoId()))
              .limit(HistoriesApi.MAX_INPUTS - 1)
              .collect(Collectors.toCollection(ArrayList::new));
      ids.add(merge.id());
      HistoriesApi api = sandboxHistories(sandbox);

      Map<String, List<HistoriesApi.Change>> read = api.read("deals", ids, List.of("dealstage"));

      assertThat(read.keySet()).containsExactlyElementsOf(ids.subList(0, ids.size() - 1));
      for (String id : read.keySet()) {
        List<String> oldestFirst = new ArrayList<>();
        sandbox
            .portal()
            .history("deals", id, "dealstage")
            .forEach(e -> oldestFirst.add(0, e.value()));
        assertThat(read.get(id))
            .extracting(HistoriesApi.Change::value)
            .containsExactlyElementsOf(oldestFirst);
      }
    }
  }

  @Test
  void anErrorOtherThanObjectNotFoundFailsTheRequestInsteadOfDroppingItsRecords() {
    try (Sandbox sandbox =
        Sandbox.builder().records(300).faults(FaultPlan.parse("batch-error=1")).start()) {
      List<String> ids = sandbox.portal().records("deals").map(PortalRecord::id).limit(10).toList();

      assertThatThrownBy(() -> sandboxHistories(sandbox).read("deals", ids, List.of("dealstage")))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.EXTERNAL))
          .hasMessageContaining("HubSpot answered 207 INTERNAL_ERROR for 5 of the 10 records")
          .hasMessageContaining("reading the property history of 10 deals")
          .hasMessageContaining("not gone but unread");
    }
  }

  @Test
  void onlyObjectNotFoundIdsAreGoneAndAnErrorsShapeIsChecked() {
    String notFound =
        "{\"status\":\"error\",\"category\":\"OBJECT_NOT_FOUND\",\"message\":\"gone\","
            + "\"context\":{\"ids\":[\"10\"]}}";
    wire.then(
        207,
        "{\"status\":\"COMPLETE\",\"results\":["
            + result("10", "{\"dealstage\":[]}")
            + ","
            + result("11", "{\"dealstage\":[]}")
            + "],\"numErrors\":1,\"errors\":["
            + notFound
            + "]}");
    assertThat(histories.read("deals", List.of("10", "11"), List.of("dealstage")).keySet())
        .as("an id HubSpot says it cannot find is gone, even beside a result")
        .containsExactly("11");

    wire.then(
        207,
        "{\"status\":\"COMPLETE\",\"results\":[],\"errors\":[{\"category\":\"RATE_LIMITS\","
            + "\"message\":\"slow\\u001b[2J down\",\"context\":{\"ids\":[\"10\"]}}]}");
    assertThatThrownBy(() -> histories.read("deals", List.of("10"), List.of("dealstage")))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.EXTERNAL))
        .hasMessageContaining("207 RATE_LIMITS for 1 of the 1 records")
        .hasMessageContaining("(\"slow [2J down\")") // a control character is no command
        .hasMessageNotContaining("\u001b");

    for (String[] hostile :
        new String[][] {
          {"\"errors\":\"none\"", "\"errors\" is a string, not a list"},
          {"\"errors\":[1]", "\"errors\" holds a number, not only objects"},
        }) {
      wire.then(207, "{\"results\":[]," + hostile[0] + "}");
      assertThatThrownBy(() -> histories.read("deals", List.of("10"), List.of("dealstage")))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_HUBSPOT))
          .hasMessageContaining(hostile[1]);
    }
  }

  @Test
  void aRecordGoneBetweenTheRequestsOfAWidePropertyListIsGoneNotHalfAHistory() {
    try (Sandbox sandbox = Sandbox.builder().records(40).contactProperties(150).start()) {
      List<String> ids = sandbox.portal().records("contacts").map(PortalRecord::id).toList();
      assertThat(ids).hasSizeLessThanOrEqualTo(HistoriesApi.MAX_INPUTS); // all asked for
      List<String> properties =
          sandbox.portal().properties("contacts").stream().map(PortalProperty::name).toList();
      assertThat(HistoriesApi.chunks(properties)).hasSizeGreaterThan(1);
      List<String> deleted = new ArrayList<>();
      JdkTransport wire =
          new JdkTransport(sandbox.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(30));
      Transport deletingAfterTheFirstRequest =
          request -> {
            ApiResponse response = wire.send(request);
            if (deleted.isEmpty()) {
              deleted.addAll(sandbox.portal().apply(ChangeSet.of("contacts").delete(1)).deleted());
            }
            return response;
          };

      Map<String, List<HistoriesApi.Change>> read =
          new HistoriesApi(new Authenticating(sandbox.token(), deletingAfterTheFirstRequest))
              .read("contacts", ids, properties);

      assertThat(deleted).hasSize(1);
      List<String> kept = new ArrayList<>(ids);
      kept.removeAll(deleted);
      assertThat(read.keySet()).containsExactlyElementsOf(kept);
      String id = kept.get(0);
      List<String> whole = new ArrayList<>();
      for (String property : properties) {
        List<String> oldestFirst = new ArrayList<>();
        sandbox
            .portal()
            .history("contacts", id, property)
            .forEach(e -> oldestFirst.add(0, e.value()));
        whole.addAll(oldestFirst);
      }
      assertThat(read.get(id)).extracting(HistoriesApi.Change::value).isEqualTo(whole);
    }
  }

  private static HistoriesApi sandboxHistories(Sandbox sandbox) {
    return HubSpotClient.builder()
        .baseUrl(sandbox.baseUrl())
        .token(sandbox.token())
        .sleeper(new RecordingSleeper())
        .build()
        .histories();
  }

  @Test
  void aWidePropertyListIsAskedForInChunksWhoseAnswersAreMerged() {
    List<String> properties = IntStream.range(0, 250).mapToObj(i -> "property_" + i).toList();
    List<List<String>> chunks = HistoriesApi.chunks(properties);
    assertThat(chunks).hasSize(3);
    assertThat(chunks.get(0)).hasSize(HistoriesApi.MAX_PROPERTIES);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(properties);
    assertThat(HistoriesApi.chunks(List.of("a".repeat(6_000), "b".repeat(6_000)))).hasSize(2);
    wire.answering(
        request -> {
          String body = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
          String first = body.substring(body.indexOf("\"propertiesWithHistory\":[\"") + 26);
          first = first.substring(0, first.indexOf('"'));
          return ScriptedTransport.json(
              200,
              answer(
                  result(
                      "5",
                      "{\""
                          + first
                          + "\":[{\"value\":\"x\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                          + "\"sourceType\":\"API\"}]}")),
              Map.of());
        });
    List<HistoriesApi.Change> read = histories.read("contacts", List.of("5"), properties).get("5");
    assertThat(wire.requests).hasSize(3);
    assertThat(read.stream().map(HistoriesApi.Change::property))
        .containsExactly("property_0", "property_100", "property_200");
  }

  @Test
  void neverAsksForMoreThanFiftyRecords() {
    List<String> ids = IntStream.range(1, 52).mapToObj(Integer::toString).toList();
    assertThatThrownBy(() -> histories.read("deals", ids, List.of("dealstage")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 50 ids");
    assertThat(wire.requests).isEmpty();
  }

  @Test
  void anAnswerNotInHubSpotsShapeFailsNamingWhatCame() {
    String change =
        "{\"value\":\"a\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"sourceType\":\"API\"";
    for (String[] hostile :
        new String[][] {
          {answer("{\"properties\":{}}"), "a result without an id"},
          {
            answer(result("10", "{\"dealstage\":[{\"value\":\"a\",\"sourceType\":\"API\"}]}")),
            "a change of dealstage without a timestamp"
          },
          {
            answer(result("10", "{\"dealstage\":[" + change + ",\"updatedByUserId\":\"1;2\"}]}")),
            "by user '1;2', not a user id"
          },
          {
            answer(
                result(
                    "10",
                    "{\"dealstage\":[{\"value\":\"a\",\"timestamp\":\"yesterday\","
                        + "\"sourceType\":\"API\"}]}")),
            "at 'yesterday', not an ISO-8601 time"
          },
          {answer(result("10", "{\"dealstage\":\"closedwon\"}")), "is a string, not a list"},
          {"{\"results\":{}}", "\"results\" is an object, not a list"},
        }) {
      wire.then(200, hostile[0]);
      assertThatThrownBy(() -> histories.read("deals", List.of("10"), List.of("dealstage")))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_HUBSPOT))
          .hasMessageContaining(hostile[1])
          .hasMessageContaining("reading the property history of 1 deals");
    }
  }
}
