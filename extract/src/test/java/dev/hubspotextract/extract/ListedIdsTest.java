package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.Pacer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ListedIdsTest {
  private final List<String> requested = new ArrayList<>();

  /** A hand-written fake HubSpot listing ids 1 to 250, a page of up to 100 after each cursor. */
  private final HubSpotClient client =
      HubSpotClient.builder()
          .token("pat-na1-test")
          .pacer(Pacer.UNLIMITED)
          .transport(this::answer)
          .build();

  private ApiResponse answer(ApiRequest request) {
    String query = request.pathAndQuery();
    requested.add(query);
    int limit = Integer.parseInt(parameter(query, "limit"));
    String after = parameter(query, "after");
    int first = after == null ? 1 : Integer.parseInt(after);
    int last = Math.min(250, first + limit - 1);
    String results =
        IntStream.rangeClosed(first, last)
            .mapToObj(id -> "{\"id\":\"" + id + "\",\"properties\":{}}")
            .collect(Collectors.joining(","));
    String paging = last < 250 ? ",\"paging\":{\"next\":{\"after\":\"" + (last + 1) + "\"}}" : "";
    return new ApiResponse(
        200,
        Map.of("Content-Type", List.of("application/json")),
        ("{\"results\":[" + results + "]" + paging + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static String parameter(String query, String name) {
    return Stream.of(query.substring(query.indexOf('?') + 1).split("&"))
        .filter(pair -> pair.startsWith(name + "="))
        .map(pair -> pair.substring(name.length() + 1))
        .findFirst()
        .orElse(null);
  }

  private List<String> read(OptionalLong maxIds, String after) {
    try (Stream<String> ids = new ListedIds().read(client, "contacts", maxIds, after)) {
      return ids.toList();
    }
  }

  @Test
  void withoutALimitEveryPageIsReadAndEveryIdHandedOut() {
    assertThat(read(OptionalLong.empty(), null)).hasSize(250).startsWith("1", "2").endsWith("250");
    assertThat(requested).hasSize(3).allMatch(query -> query.contains("limit=100"));
  }

  @Test
  void aLimitFromTheStartAsksForThatManyIds() {
    assertThat(read(OptionalLong.of(5), null)).containsExactly("1", "2", "3", "4", "5");
    assertThat(requested)
        .containsExactly(
            "/crm/v3/objects/contacts?limit=5&archived=false" + "&properties=hs_object_id");
  }

  @Test
  void aLimitAfterACursorAsksForOneMoreInCaseTheCursorsOwnIdComesFirst() {
    // the cursor names the id it starts at, which a resumed pair has written already
    assertThat(read(OptionalLong.of(3), "10")).containsExactly("11", "12", "13");
    assertThat(requested).singleElement().asString().contains("limit=4").endsWith("&after=10");
  }
}
