package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private static Sandbox start(String faults) {
    return Sandbox.builder().records(120).faults(FaultPlan.parse(faults)).start();
  }

  @Test
  void serverErrorFaultsAnswerWithA5xx() {
    try (Sandbox sandbox = start("5xx=1")) {
      for (int i = 0; i < 8; i++) {
        HttpResponse<String> response = new SandboxClient(sandbox).get("/crm/v3/objects/contacts");
        assertThat(response.statusCode()).isIn(500, 502, 503, 504);
      }
    }
  }

  @Test
  void resetFaultsDropTheConnectionWithoutAnAnswer() {
    try (Sandbox sandbox = start("reset=1")) {
      assertThatThrownBy(() -> new SandboxClient(sandbox).get("/crm/v3/objects/contacts"))
          .isInstanceOf(UncheckedIOException.class)
          .hasCauseInstanceOf(IOException.class);
      assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsOnly(0);
    }
  }

  @Test
  void truncateFaultsSendFewerBytesThanTheContentLengthPromises() throws Exception {
    try (Sandbox sandbox = start("truncate=1")) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts?limit=100"))
              .header("Authorization", "Bearer " + sandbox.token())
              .build();
      assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void rateLimitFaultsAnswer429WithTenSecondlyRollingAlthoughNoLimitIsSet() {
    try (Sandbox sandbox = start("429=1")) {
      HttpResponse<String> response = new SandboxClient(sandbox).get("/crm/v3/objects/contacts");
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(SandboxClient.json(response).path("policyName").asText())
          .isEqualTo("TEN_SECONDLY_ROLLING");
    }
  }

  @Test
  void shortPagesReturnFewerRecordsButFollowingTheCursorStillYieldsEveryRecordOnce() {
    try (Sandbox sandbox = start("short-page=1")) {
      SandboxClient client = new SandboxClient(sandbox);
      List<String> ids = new ArrayList<>();
      String after = null;
      int pages = 0;
      do {
        JsonNode page =
            SandboxClient.json(
                client.get(
                    "/crm/v3/objects/contacts?limit=20"
                        + (after == null ? "" : "&after=" + after)));
        if (page.has("paging")) {
          assertThat(page.path("results").size()).isLessThan(20);
        }
        page.path("results").forEach(r -> ids.add(r.path("id").asText()));
        after = page.path("paging").path("next").path("after").asText(null);
        pages++;
      } while (after != null);
      assertThat(pages).isGreaterThan(6);
      assertThat(ids)
          .containsExactlyElementsOf(
              sandbox.portal().records("contacts").map(PortalRecord::id).toList());
    }
  }

  @Test
  void batchErrorsLeaveRecordsOutAndListThemInAnErrorThatIsNotObjectNotFound() {
    try (Sandbox sandbox = start("batch-error=1")) {
      List<String> ids = sandbox.portal().records("deals").map(PortalRecord::id).limit(5).toList();
      String body =
          ids.stream()
              .map(id -> "{\"id\":\"" + id + "\"}")
              .collect(Collectors.joining(",", "{\"inputs\":[", "]}"));
      List<String> asked = new ArrayList<>(ids);
      asked.add("0"); // no deal has it

      HttpResponse<String> response =
          new SandboxClient(sandbox)
              .post("/crm/v3/objects/deals/batch/read", body.replace("]}", ",{\"id\":\"0\"}]}"));

      assertThat(response.statusCode()).isEqualTo(207);
      JsonNode answer = SandboxClient.json(response);
      List<String> read = new ArrayList<>();
      answer.path("results").forEach(r -> read.add(r.path("id").asText()));
      assertThat(read).isNotEmpty().hasSizeLessThan(5);
      assertThat(answer.path("numErrors").asInt()).isEqualTo(2);
      List<String> notFound = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (JsonNode error : answer.path("errors")) {
        List<String> into =
            error.path("category").asText().equals("OBJECT_NOT_FOUND") ? notFound : failed;
        error.path("context").path("ids").forEach(id -> into.add(id.asText()));
      }
      assertThat(notFound).containsExactly("0");
      assertThat(read).doesNotContainAnyElementsOf(failed);
      List<String> all = new ArrayList<>(read);
      all.addAll(failed);
      all.addAll(notFound);
      assertThat(all).containsExactlyInAnyOrderElementsOf(asked);
    }
  }

  @Test
  void searchHolesLeaveRecordsOutWhileTheCursorCountsThem() {
    try (Sandbox sandbox = start("search-hole=1")) {
      SandboxClient client = new SandboxClient(sandbox);
      List<String> expected = sandbox.portal().records("contacts").map(PortalRecord::id).toList();
      List<String> ids = new ArrayList<>();
      String after = "0";
      int pages = 0;
      while (after != null) {
        JsonNode page =
            SandboxClient.json(
                client.post(
                    "/crm/v3/objects/contacts/search",
                    "{\"sorts\":[{\"propertyName\":\"hs_object_id\",\"direction\":\"ASCENDING\"}],"
                        + "\"limit\":20,\"after\":\""
                        + after
                        + "\"}"));
        assertThat(page.path("total").asLong()).isEqualTo(expected.size());
        String next = page.path("paging").path("next").path("after").asText(null);
        if (next != null) {
          assertThat(page.path("results").size()).isLessThan(20);
          assertThat(Long.parseLong(next)).isEqualTo(Long.parseLong(after) + 20);
        }
        page.path("results").forEach(r -> ids.add(r.path("id").asText()));
        after = next;
        pages++;
      }
      assertThat(pages).isEqualTo((expected.size() + 19) / 20);
      assertThat(ids).isSubsetOf(expected).doesNotHaveDuplicates().hasSizeLessThan(expected.size());
      HttpResponse<String> list = client.get("/crm/v3/objects/contacts?limit=100");
      assertThat(SandboxClient.json(list).path("results").size())
          .as("lists have no search holes")
          .isEqualTo(100);
    }
  }

  /** The ids of each list page of contacts, 20 a page, following the cursor to the end. */
  private static List<List<Long>> listPages(Sandbox sandbox, List<String> cursors) {
    SandboxClient client = new SandboxClient(sandbox);
    List<List<Long>> pages = new ArrayList<>();
    String after = null;
    do {
      JsonNode page =
          SandboxClient.json(
              client.get(
                  "/crm/v3/objects/contacts?limit=20" + (after == null ? "" : "&after=" + after)));
      List<Long> ids = new ArrayList<>();
      page.path("results").forEach(r -> ids.add(r.path("id").asLong()));
      pages.add(ids);
      after = page.path("paging").path("next").path("after").asText(null);
      cursors.add(after);
    } while (after != null);
    return pages;
  }

  @Test
  void unorderedPagesSendRecordsShuffledLateOrTwiceUnderTheUsualCursorsAndLeaveNoneOut() {
    try (Sandbox unordered = start("unordered-page=1");
        Sandbox ordered = start("")) {
      List<String> cursors = new ArrayList<>();
      List<List<Long>> pages = listPages(unordered, cursors);
      List<String> usualCursors = new ArrayList<>();
      listPages(ordered, usualCursors);

      assertThat(cursors).as("the cursors a page has without the fault").isEqualTo(usualCursors);
      List<Long> sent = pages.stream().flatMap(List::stream).toList();
      assertThat(new HashSet<>(sent))
          .as("every record, none left out")
          .isEqualTo(
              unordered
                  .portal()
                  .records("contacts")
                  .map(record -> Long.parseLong(record.id()))
                  .collect(Collectors.toSet()));
      assertThat(sent).as("some sent twice").hasSizeGreaterThan(new HashSet<>(sent).size());
      assertThat(pages).as("pages out of id order").anyMatch(page -> !isSorted(page));
      long late =
          IntStream.range(1, pages.size())
              .filter(
                  i ->
                      pages.get(i).stream()
                          .anyMatch(
                              id ->
                                  id < Collections.max(pages.get(i - 1))
                                      && !pages.get(i - 1).contains(id)))
              .count();
      assertThat(late).as("pages holding a record the page before held back").isPositive();
    }
  }

  private static boolean isSorted(List<Long> ids) {
    return IntStream.range(1, ids.size()).allMatch(i -> ids.get(i - 1) < ids.get(i));
  }

  @Test
  void faultsNeverHitRequestsThatFailAuthentication() {
    try (Sandbox sandbox = start("5xx=1")) {
      assertThat(
              new SandboxClient(sandbox, "pat-na1-wrong")
                  .get("/crm/v3/objects/contacts")
                  .statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void aFaultPlanIsParsedFromKindEqualsRatePairs() {
    FaultPlan plan =
        FaultPlan.parse(
            "5xx=0.05,reset=0.01,truncate=0.02,429=0.1,short-page=0.2,stuck-cursor=0.3,search-hole=0.05,"
                + "unordered-page=0.1,batch-error=0.02");
    assertThat(plan.rate(FaultKind.SERVER_ERROR)).isEqualTo(0.05);
    assertThat(plan.rate(FaultKind.SHORT_PAGE)).isEqualTo(0.2);
    assertThat(plan.rate(FaultKind.STUCK_CURSOR)).isEqualTo(0.3);
    assertThat(plan.rate(FaultKind.SEARCH_HOLE)).isEqualTo(0.05);
    assertThat(plan.rate(FaultKind.UNORDERED_PAGE)).isEqualTo(0.1);
    assertThat(plan.rate(FaultKind.BATCH_ERROR)).isEqualTo(0.02);
    assertThat(FaultPlan.parse("").isEmpty()).isTrue();
  }

  @Test
  void badFaultPlansNameTheProblemAndTheFix() {
    assertThatThrownBy(() -> FaultPlan.parse("boom=0.1"))
        .hasMessageContaining("unknown fault kind 'boom'")
        .hasMessageContaining(
            "5xx, reset, truncate, 429, short-page, search-hole, stuck-cursor, unordered-page or"
                + " batch-error");
    assertThatThrownBy(() -> FaultPlan.parse("5xx=2")).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> FaultPlan.parse("5xx")).hasMessageContaining("KIND=RATE");
    assertThatThrownBy(() -> FaultPlan.parse("5xx=lots")).hasMessageContaining("use a number");
  }

  /** The first page of one company's contacts, one link per page, and the cursor after it. */
  private static JsonNode companyContactsPage(SandboxClient client, String company, String after) {
    String input =
        "{\"id\":\"" + company + "\"" + (after == null ? "" : ",\"after\":\"" + after + "\"") + "}";
    HttpResponse<String> response =
        client.post(
            "/crm/v4/associations/companies/contacts/batch/read", "{\"inputs\":[" + input + "]}");
    assertThat(response.statusCode()).isEqualTo(200);
    return SandboxClient.json(response).path("results").get(0);
  }

  @Test
  void stuckCursorFaultsIgnoreAnAssociationInputsAfterAndServeTheSamePageAgain() {
    for (boolean stuck : new boolean[] {false, true}) {
      try (Sandbox sandbox =
          Sandbox.builder()
              .records(120)
              .associationPageSize(1)
              .faults(FaultPlan.parse(stuck ? "stuck-cursor=1" : ""))
              .start()) {
        Portal portal = sandbox.portal();
        String company =
            portal
                .records("companies")
                .filter(c -> portal.associations("companies", "contacts", c.id()).size() >= 2)
                .findFirst()
                .orElseThrow()
                .id();
        SandboxClient client = new SandboxClient(sandbox);
        JsonNode first = companyContactsPage(client, company, null);
        String after = first.path("paging").path("next").path("after").asText();
        JsonNode second = companyContactsPage(client, company, after);
        if (stuck) {
          assertThat(second).isEqualTo(first);
        } else {
          assertThat(second.path("to")).isNotEqualTo(first.path("to"));
        }
      }
    }
  }
}
