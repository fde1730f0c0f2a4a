package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.ChangesApi;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.Pacer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The walk over a search for changes, against a small search of its own: HubSpot's filters, sorting
 * and 10,000-result cap, and the ways it misbehaves.
 */
class ChangedRecordsTest {
  /** A record as the search holds it. */
  private record Stored(long id, long modified) {}

  private final List<Stored> records = new ArrayList<>();
  private final List<JsonNode> searches = new ArrayList<>();

  /** Whether the next answer leaves out its second half while its cursor counts it. */
  private int holesToCome;

  /** Whether every answer is an empty page with a cursor. */
  private boolean stuck;

  private ChangesApi changes() {
    return HubSpotClient.builder()
        .token("pat-test")
        .pacer(Pacer.UNLIMITED)
        .transport(this::search)
        .build()
        .changes();
  }

  private TreeSet<Long> walkFrom(long from) {
    return ChangedRecords.since(changes(), "deals", "hs_lastmodifieddate", from, new RunControl());
  }

  @Test
  void aBulkImportOfMoreThanTenThousandInOneMillisecondIsFoundWholeWithoutADeepOffset() {
    LongStream.rangeClosed(1, 10_500).forEach(id -> records.add(new Stored(id * 7, 5_000)));
    LongStream.rangeClosed(1, 300).forEach(id -> records.add(new Stored(id * 7 + 1, 4_000 + id)));
    records.add(new Stored(3, 100)); // before the window

    TreeSet<Long> found = walkFrom(1_000);

    assertThat(found).hasSize(10_800).doesNotContain(3L);
    assertThat(searches).allMatch(search -> search.path("after").asInt() < 10_000);
    assertThat(searches)
        .as("the millisecond was drained by id")
        .anyMatch(search -> search.toString().contains("\"operator\":\"EQ\""));
  }

  @Test
  void aPageThatCameShortWithACursorIsAskedForAgain() {
    LongStream.rangeClosed(1, 150).forEach(id -> records.add(new Stored(id, 2_000 + id)));
    holesToCome = 1;

    assertThat(walkFrom(0)).hasSize(150);
  }

  @Test
  void aSearchThatOnlyEverSendsEmptyPagesWithACursorFailsInsteadOfLooping() {
    stuck = true;

    assertThatThrownBy(() -> walkFrom(0)).hasMessageContaining("made no progress");
    assertThat(searches).hasSizeLessThan(60);
  }

  /** HubSpot's search over {@link #records}: GTE or EQ on the date, GT on the id, one sort. */
  private ApiResponse search(ApiRequest request) {
    JsonNode body;
    try {
      body = new ObjectMapper().readTree(request.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    searches.add(body);
    int after = Integer.parseInt(body.path("after").asText("0"));
    if (after + body.path("limit").asInt() > 10_000) {
      return json(400, "{\"status\":\"error\",\"category\":\"VALIDATION_ERROR\"}");
    }
    if (stuck) {
      return json(
          200,
          "{\"total\":5,\"results\":[],\"paging\":{\"next\":{\"after\":\"" + (after + 1) + "\"}}}");
    }
    List<Stored> matching = new ArrayList<>();
    for (Stored record : records) {
      boolean all = true;
      for (JsonNode filter : body.at("/filterGroups/0/filters")) {
        long value = filter.path("value").asLong();
        long actual =
            filter.path("propertyName").asText().equals("hs_object_id")
                ? record.id()
                : record.modified();
        all &=
            switch (filter.path("operator").asText()) {
              case "GTE" -> actual >= value;
              case "GT" -> actual > value;
              case "EQ" -> actual == value;
              default -> throw new AssertionError(filter.toString());
            };
      }
      if (all) {
        matching.add(record);
      }
    }
    boolean byId = body.at("/sorts/0/propertyName").asText().equals("hs_object_id");
    // ties in the date come in no promised order: here, highest id first
    matching.sort(
        byId
            ? Comparator.comparingLong(Stored::id)
            : Comparator.comparingLong(Stored::modified)
                .thenComparing(Comparator.comparingLong(Stored::id).reversed()));
    int limit = body.path("limit").asInt();
    List<Stored> page =
        matching.subList(
            Math.min(after, matching.size()), Math.min(after + limit, matching.size()));
    if (holesToCome > 0 && page.size() > 1) {
      holesToCome--;
      page = page.subList(0, page.size() / 2);
    }
    StringBuilder results = new StringBuilder();
    for (Stored record : page) {
      results.append(results.length() == 0 ? "" : ",");
      results.append(
          String.format(
              "{\"id\":\"%d\",\"properties\":{\"hs_object_id\":\"%d\",\"hs_lastmodifieddate\":\"%d\"},"
                  + "\"createdAt\":\"x\",\"updatedAt\":\"x\",\"archived\":false}",
              record.id(), record.id(), record.modified()));
    }
    int next = after + limit;
    String paging =
        next < matching.size() ? ",\"paging\":{\"next\":{\"after\":\"" + next + "\"}}" : "";
    return json(
        200, "{\"total\":" + matching.size() + ",\"results\":[" + results + "]" + paging + "}");
  }

  private static ApiResponse json(int status, String body) {
    return new ApiResponse(
        status,
        Map.of("Content-Type", List.of("application/json")),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
