package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ObjectsApiTest {
  private static String record(int id, String props) {
    return "{\"id\":\""
        + id
        + "\",\"properties\":{"
        + props
        + "},\"createdAt\":\"2024-01-01T00:00:00Z\",\"updatedAt\":\"2024-01-02T00:00:00.123Z\","
        + "\"archived\":false}";
  }

  @Test
  void followsTheCursorUntilHubSpotSendsNoPaging() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                200,
                "{\"results\":["
                    + record(1, "\"email\":\"a@x\"")
                    + "],"
                    + "\"paging\":{\"next\":{\"after\":\"2\",\"link\":\"?after=2\"}}}")
            // paging before results, and a value that is JSON null
            .then(
                200,
                "{\"paging\":{\"next\":{\"after\":\"3\"}},\"results\":["
                    + record(2, "\"email\":null")
                    + "]}")
            .then(
                200, "{\"results\":[" + record(3, "\"email\":\"line1\\nline2, \\\"q\\\"\"") + "]}");

    List<HubSpotRecord> records =
        new ObjectsApi(wire)
            .stream(
                    "contacts",
                    List.of("email"),
                    RecordFetch.LIST_WITH_PROPERTIES,
                    OptionalLong.empty())
                .toList();

    assertThat(records).extracting(HubSpotRecord::id).containsExactly("1", "2", "3");
    assertThat(records.get(1).properties()).containsEntry("email", null);
    assertThat(records.get(2).properties()).containsEntry("email", "line1\nline2, \"q\"");
    assertThat(records.get(0).updatedAt()).isEqualTo("2024-01-02T00:00:00.123Z");
    assertThat(wire.requests)
        .extracting(ApiRequest::pathAndQuery)
        .containsExactly(
            "/crm/v3/objects/contacts?limit=100&archived=false&properties=email",
            "/crm/v3/objects/contacts?limit=100&archived=false&properties=email&after=2",
            "/crm/v3/objects/contacts?limit=100&archived=false&properties=email&after=3");
  }

  @Test
  void aCursorGuessedWrongFromABodysTailIsDroppedAndTheRealOneFollowed() {
    // paging comes first; the last record carries a field that looks like paging to the tail.
    // The guessed page is asked for on a prefetch thread once page 1 arrives, and dropped when
    // page 1's parse names another cursor: if it was not sent yet, it never is. So the pull is
    // run until the guess was sent at least once; its record must never appear.
    boolean guessSent = false;
    for (int attempt = 0; attempt < 20 && !guessSent; attempt++) {
      List<String> asked = pullPastADecoyCursor();
      guessSent = asked.stream().anyMatch(path -> path.endsWith("after=decoy"));
    }

    assertThat(guessSent).as("the guessed cursor was acted on in one of 20 pulls").isTrue();
  }

  /** One pull whose page 1 names cursor 2 and, in its tail, a decoy; returns what was asked. */
  private static List<String> pullPastADecoyCursor() {
    CountDownLatch decoyAnswered = new CountDownLatch(1);
    ScriptedTransport wire =
        new ScriptedTransport()
            .answering(
                request -> {
                  String path = request.pathAndQuery();
                  String body;
                  if (path.endsWith("after=2")) {
                    awaitBriefly(decoyAnswered); // give the guess its chance to be sent
                    body = "{\"results\":[" + record(2, "") + "]}";
                  } else if (path.endsWith("after=decoy")) {
                    body = "{\"results\":[" + record(99, "") + "]}";
                    decoyAnswered.countDown();
                  } else {
                    body =
                        "{\"paging\":{\"next\":{\"after\":\"2\"}},\"results\":["
                            + "{\"id\":\"1\",\"properties\":{},"
                            + "\"paging\":{\"next\":{\"after\":\"decoy\"}}}"
                            + "]}";
                  }
                  return ScriptedTransport.json(200, body, java.util.Map.of());
                });

    ExecutorService prefetch = Executors.newCachedThreadPool();
    List<HubSpotRecord> records;
    try (Stream<HubSpotRecord> stream =
        new ObjectsApi(wire, prefetch)
            .stream(
                "contacts", List.of(), RecordFetch.LIST_WITH_PROPERTIES, OptionalLong.empty())) {
      records = stream.toList();
    } finally {
      prefetch.shutdownNow();
    }

    assertThat(records).extracting(HubSpotRecord::id).containsExactly("1", "2");
    synchronized (wire) { // a dropped guess may still be on its way
      return wire.requests.stream().map(ApiRequest::pathAndQuery).toList();
    }
  }

  private static void awaitBriefly(CountDownLatch latch) {
    try {
      latch.await(200, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aValueComesAsWireBytesOnlyWhenThoseBytesAreTheValue() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                200,
                "{\"results\":["
                    + record(
                        1,
                        "\"plain\":\"Zoë 🎉, 東京\",\"empty\":\"\",\"escaped\":\"a\\\"b\\u00e9\\ud83c\\udf89\","
                            + "\"number\":12.5,\"flag\":true,\"missing\":null")
                    + "]}");
    List<String> names = List.of("plain", "empty", "escaped", "number", "flag", "missing");

    PropertyValues values =
        new ObjectsApi(wire)
            .stream("contacts", names, RecordFetch.LIST_WITH_PROPERTIES, OptionalLong.of(1))
                .toList()
                .get(0)
                .properties();

    List<String> verbatim = new ArrayList<>();
    for (int column = 0; column < names.size(); column++) {
      boolean copied =
          values.copyVerbatim(
              column,
              (bytes, offset, length) ->
                  verbatim.add(
                      new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(copied).as(names.get(column)).isEqualTo(column < 2);
    }
    assertThat(verbatim).containsExactly("Zoë 🎉, 東京", "");
    assertThat(values)
        .containsExactly(
            entry("plain", "Zoë 🎉, 東京"),
            entry("empty", ""),
            entry("escaped", "a\"bé🎉"),
            entry("number", "12.5"),
            entry("flag", "true"),
            entry("missing", null));
  }

  @Test
  void putsEachPropertyInItsColumnWhateverOrderHubSpotSendsThemIn() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                200,
                "{\"results\":["
                    + record(1, "\"b\":\"b1\",\"a\":\"a1\",\"c\":\"c1\"")
                    // the order learnt from record 1 breaks: names swapped, one not asked for
                    + ","
                    + record(2, "\"a\":\"a2\",\"extra\":\"x\",\"c\":{\"n\":1},\"b\":\"b2\"")
                    // a name written with an escape, and one property missing
                    + ","
                    + record(3, "\"b\":\"b3\",\"\\u0061\":\"a3\"")
                    + "]}");

    List<HubSpotRecord> records =
        new ObjectsApi(wire)
            .stream(
                    "contacts",
                    List.of("a", "b", "c"),
                    RecordFetch.LIST_WITH_PROPERTIES,
                    OptionalLong.empty())
                .toList();

    assertThat(records)
        .extracting(
            r -> r.properties().valueAt(0),
            r -> r.properties().valueAt(1),
            r -> r.properties().valueAt(2))
        .containsExactly(tuple("a1", "b1", "c1"), tuple("a2", "b2", null), tuple("a3", "b3", null));
    assertThat(records.get(1).properties())
        .containsExactly(entry("a", "a2"), entry("b", "b2"), entry("c", null));
  }

  @Test
  void fetchesPagesLazilyAndStopsAtTheRecordLimit() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                200,
                "{\"results\":["
                    + record(1, "")
                    + ","
                    + record(2, "")
                    + "],"
                    + "\"paging\":{\"next\":{\"after\":\"3\"}}}");

    List<HubSpotRecord> records =
        new ObjectsApi(wire)
            .stream("deals", List.of(), RecordFetch.LIST_WITH_PROPERTIES, OptionalLong.of(2))
                .toList();

    assertThat(records).hasSize(2);
    assertThat(wire.requests).hasSize(1);
    assertThat(wire.requests.get(0).pathAndQuery()).contains("limit=2");
  }

  @Test
  void readsAWideObjectWithAnIdListingAndOneBatchReadPerPageKeepingUnderTheUrlBudget() {
    List<String> properties =
        IntStream.range(0, 2_000).mapToObj(i -> String.format("custom_field_%04d", i)).toList();
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                200,
                "{\"results\":["
                    + record(7, "\"hs_object_id\":\"7\"")
                    + ","
                    + record(8, "\"hs_object_id\":\"8\"")
                    + "]}")
            // batch read answers out of order
            .then(
                200,
                "{\"status\":\"COMPLETE\",\"results\":["
                    + record(8, "\"custom_field_1999\":\"z\"")
                    + ","
                    + record(7, "\"custom_field_0000\":\"a\"")
                    + "]}");
    ObjectsApi objects = new ObjectsApi(wire);

    RecordFetch fetch = objects.fetchFor("contacts", properties);
    assertThat(fetch).isEqualTo(RecordFetch.LIST_IDS_THEN_BATCH_READ);
    assertThat(objects.fetchFor("contacts", properties.subList(0, 20)))
        .isEqualTo(RecordFetch.LIST_WITH_PROPERTIES);
    List<HubSpotRecord> records =
        objects.stream("contacts", properties, fetch, OptionalLong.empty()).toList();

    assertThat(records).extracting(HubSpotRecord::id).containsExactly("7", "8");
    assertThat(records.get(0).properties()).containsEntry("custom_field_0000", "a");
    assertThat(wire.requests.get(0).pathAndQuery())
        .isEqualTo("/crm/v3/objects/contacts?limit=100&archived=false&properties=hs_object_id");
    assertThat(wire.requests.get(1).pathAndQuery())
        .isEqualTo("/crm/v3/objects/contacts/batch/read?archived=false");
    assertThat(wire.body(1))
        .startsWith(
            "{\"inputs\":[{\"id\":\"7\"},{\"id\":\"8\"}],\"properties\":[\"custom_field_0000\"")
        .endsWith("\"custom_field_1999\"]}")
        .doesNotContain("propertiesWithHistory");
    for (ApiRequest request : wire.requests) {
      assertThat(request.pathAndQuery().length()).isLessThanOrEqualTo(ObjectsApi.URL_BUDGET);
    }
  }

  @Test
  void fetchesAsItIsToldWhateverThePropertyListsLength() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(200, "{\"results\":[" + record(7, "\"hs_object_id\":\"7\"") + "]}")
            .then(200, "{\"status\":\"COMPLETE\",\"results\":[" + record(7, "\"a\":\"x\"") + "]}")
            .then(200, "{\"results\":[" + record(7, "\"b\":\"y\"") + "]}");
    ObjectsApi objects = new ObjectsApi(wire);

    // told to batch read two properties that would fit a GET: it batch reads
    List<HubSpotRecord> batchRead =
        objects.stream(
                "contacts",
                List.of("a"),
                RecordFetch.LIST_IDS_THEN_BATCH_READ,
                OptionalLong.empty())
            .toList();
    // told to list a wide object with its properties: it lists them (and HubSpot may say 414)
    List<String> wide =
        IntStream.range(0, 2_000).mapToObj(i -> String.format("custom_field_%04d", i)).toList();
    List<HubSpotRecord> listed =
        objects.stream("contacts", wide, RecordFetch.LIST_WITH_PROPERTIES, OptionalLong.empty())
            .toList();

    assertThat(batchRead.get(0).properties()).containsEntry("a", "x");
    assertThat(listed).extracting(HubSpotRecord::id).containsExactly("7");
    assertThat(wire.requests)
        .extracting(ApiRequest::path)
        .containsExactly(
            "/crm/v3/objects/contacts",
            "/crm/v3/objects/contacts/batch/read",
            "/crm/v3/objects/contacts");
    assertThat(wire.requests.get(0).pathAndQuery()).endsWith("&properties=hs_object_id");
    assertThat(wire.requests.get(2).pathAndQuery().length()).isGreaterThan(ObjectsApi.URL_BUDGET);
  }

  @Test
  void theShortStreamHandsOutARecordSentLateOrTwiceWhereItCameRatherThanLoseIt() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(200, page("4", 2, 1))
            .then(200, page(null, 4, 5, 3, 2)); // 3 held back by the page before, 2 again

    List<String> ids = new ArrayList<>();
    new ObjectsApi(wire)
        .stream("deals", List.of(), RecordFetch.LIST_WITH_PROPERTIES, OptionalLong.empty())
            .forEach(r -> ids.add(r.id()));

    assertThat(ids).containsExactly("1", "2", "2", "3", "4", "5");
  }

  /** A page of records with these ids, naming {@code next} as the page after (null: the last). */
  private static String page(String next, int... ids) {
    return "{\"results\":["
        + String.join(",", IntStream.of(ids).mapToObj(id -> record(id, "")).toList())
        + "]"
        + (next == null ? "" : ",\"paging\":{\"next\":{\"after\":\"" + next + "\"}}")
        + "}";
  }

  @Test
  void pagesAreHandedOutByIdAndARecordBelowOneHandedOutGoesToTheReaderApart() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(200, page("6", 3, 1, 5))
            .then(200, page("9", 6, 4, 8, 5, 7)) // 4 held back by the page before, 5 again
            .then(200, page(null, 9, 10));
    List<Integer> arrived = new ArrayList<>();
    List<String> stragglers = new ArrayList<>();
    List<String> events = new ArrayList<>();

    List<String> ids =
        new ObjectsApi(wire)
            .stream(
                    "deals",
                    List.of(),
                    RecordFetch.LIST_WITH_PROPERTIES,
                    OptionalLong.empty(),
                    null,
                    null,
                    cursor -> events.add("page done " + cursor),
                    new OutOfOrder() {
                      @Override
                      public void arrived(int records) {
                        arrived.add(records);
                        events.add("arrived " + records);
                      }

                      @Override
                      public boolean straggler(HubSpotRecord record) {
                        stragglers.add(record.id());
                        events.add("straggler " + record.id());
                        return true;
                      }
                    })
                .map(HubSpotRecord::id)
                .toList();

    assertThat(ids).containsExactly("1", "3", "5", "6", "7", "8", "9", "10");
    assertThat(stragglers).containsExactly("4", "5");
    assertThat(arrived).as("ids not above one before them, per page").containsExactly(1, 3);
    assertThat(events)
        .as("told before the page is done")
        .containsExactly(
            "arrived 1", "page done 6", "arrived 3", "straggler 4", "straggler 5", "page done 9");
  }

  @Test
  void aStreamStartedAfterASavedCursorKnowsTheLastIdHandedOutBeforeIt() {
    ScriptedTransport wire = new ScriptedTransport().then(200, page(null, 12, 8, 10));
    List<String> stragglers = new ArrayList<>();

    List<String> ids =
        new ObjectsApi(wire)
            .stream(
                    "deals",
                    List.of(),
                    RecordFetch.LIST_WITH_PROPERTIES,
                    OptionalLong.empty(),
                    "10",
                    "9",
                    cursor -> {},
                    new OutOfOrder() {
                      @Override
                      public void arrived(int records) {}

                      @Override
                      public boolean straggler(HubSpotRecord record) {
                        stragglers.add(record.id());
                        return true;
                      }
                    })
                .map(HubSpotRecord::id)
                .toList();

    assertThat(ids).containsExactly("10", "12");
    assertThat(stragglers).containsExactly("8");
    assertThat(wire.requests.get(0).pathAndQuery()).endsWith("&after=10");
  }

  @Test
  void aCursorThatArrivesPercentEncodedIsSentBackAsReceivedAndAnyOtherIsEncodedOnce() {
    ScriptedTransport wire = new ScriptedTransport();
    for (String cursor : List.of("NTI1Cg%3D%3D", "NTI1Cg==", "a b+c/100%", "MC0yLTc1MDI%3d")) {
      wire.then(
          200,
          "{\"results\":[],\"paging\":{\"next\":{\"after\":\""
              + cursor
              + "\",\"link\":\"?after=x\"}}}");
    }
    wire.then(200, "{\"results\":[]}");

    assertThat(
            new ObjectsApi(wire)
                .stream(
                        "contacts",
                        List.of(),
                        RecordFetch.LIST_WITH_PROPERTIES,
                        OptionalLong.empty())
                    .toList())
        .isEmpty();

    assertThat(wire.requests)
        .extracting(ApiRequest::pathAndQuery)
        .map(path -> path.substring(path.indexOf("archived=false") + "archived=false".length()))
        .containsExactly(
            "",
            "&after=NTI1Cg%3D%3D", // HubSpot's spec example, not NTI1Cg%253D%253D
            "&after=NTI1Cg%3D%3D",
            "&after=a+b%2Bc%2F100%25",
            "&after=MC0yLTc1MDI%3d");
  }

  @Test
  void countsAnObjectWithOneSearchForOneRecordAndReadsItsTotal() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(200, "{\"total\":2817,\"results\":[" + record(7, "") + "]}")
            .then(200, "{\"results\":[]}");

    ObjectsApi objects = new ObjectsApi(wire);

    assertThat(objects.estimatedCount("deals")).hasValue(2817);
    assertThat(objects.estimatedCount("deals")).isEmpty(); // an answer without a total
    assertThat(wire.requests.get(0).pathAndQuery()).isEqualTo("/crm/v3/objects/deals/search");
    assertThat(wire.body(0)).contains("\"limit\":1");
  }
}
