package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ResponsesTest {
  @Test
  void aRejectedTokenSaysHowToFixIt() {
    ApiResponse response =
        ScriptedTransport.json(
            401,
            "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                + "\"category\":\"INVALID_AUTHENTICATION\"}",
            java.util.Map.of());

    assertThatThrownBy(() -> Responses.requireSuccess(response, "listing contacts", "contacts"))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.settings()).containsExactly(Setting.ACCESS_TOKEN))
        .hasMessageContaining("HubSpot rejected the access token (401 INVALID_AUTHENTICATION)")
        .hasMessageContaining("Check the access token")
        .hasMessageContaining("pat-");
  }

  @Test
  void aMissingScopeNamesTheObjectAndTheScope() {
    ApiResponse response =
        ScriptedTransport.json(
            403,
            "{\"status\":\"error\",\"message\":\"This app hasn't been granted all required scopes"
                + " to make this call.\",\"errors\":[{\"message\":\"One or more of the following"
                + " scopes are required.\",\"context\":{\"requiredGranularScopes\":[\"tickets\"]}}],"
                + "\"category\":\"MISSING_SCOPES\"}",
            java.util.Map.of());

    assertThatThrownBy(() -> Responses.requireSuccess(response, "listing tickets", "tickets"))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> {
              assertThat(e.category()).isEqualTo(FailureCategory.PERMISSION);
              assertThat(e.settings()).containsExactly(Setting.OBJECTS, Setting.ASSOCIATIONS);
            })
        .hasMessageContaining("listing tickets")
        .hasMessageContaining("lacks the scope tickets")
        .hasMessageContaining("leave tickets out of the objects to pull and the association files")
        .hasMessageContaining("MISSING_SCOPES");
  }

  private static final String EDGE_PAGE =
      "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title>\n<style>body{color:red}</style>"
          + "<script>var x = \"<b>\";</script></head>\n<body>\r\n<h1>502&nbsp;Bad Gateway</h1>\n"
          + "<p>cloudflare</p></body></html>";

  private static ApiResponse html(int status, String body) {
    return new ApiResponse(
        status,
        java.util.Map.of("Content-Type", java.util.List.of("text/html")),
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static HubSpotException failureOf(ApiResponse response) {
    try {
      Responses.requireSuccess(response, "listing contacts", "contacts");
    } catch (HubSpotException e) {
      return e;
    }
    throw new AssertionError("no failure for " + response.status());
  }

  @Test
  void errorAnswersWithAnHtmlOrPlainTextBodyKeepTheCategoryTheirStatusGives() {
    assertThat(failureOf(html(401, EDGE_PAGE)).category())
        .isEqualTo(FailureCategory.AUTHENTICATION);
    assertThat(failureOf(html(403, "Forbidden")).category()).isEqualTo(FailureCategory.PERMISSION);
    assertThat(failureOf(html(414, EDGE_PAGE)).category()).isEqualTo(FailureCategory.EXTERNAL);
    assertThat(failureOf(html(530, "error code: 1016")).category())
        .isEqualTo(FailureCategory.AUTHENTICATION);
  }

  @Test
  void aNonJsonBodyIsCutToAShortLineOfItsTextWithoutMarkup() {
    HubSpotException failure = failureOf(html(404, EDGE_PAGE));

    assertThat(failure.category()).isEqualTo(FailureCategory.EXTERNAL);
    assertThat(failure)
        .hasMessage(
            "HubSpot refused listing contacts (404), not JSON: \"502 Bad Gateway 502 Bad Gateway"
                + " cloudflare\"");

    String longText = "x".repeat(5_000);
    assertThat(failureOf(html(400, longText)).getMessage()).hasSizeLessThan(200).endsWith("…\"");
  }

  @Test
  void aJsonMessageWithLineBreaksOrOfGreatLengthStaysOneShortLine() {
    ApiResponse response =
        ScriptedTransport.json(
            400,
            "{\"message\":\"first line\\nsecond\\r\\n\\tthird "
                + "y".repeat(1_000)
                + "\",\"category\":\"VALIDATION_ERROR\\n\"}",
            java.util.Map.of());

    String message = failureOf(response).getMessage();

    assertThat(message)
        .startsWith(
            "HubSpot refused listing contacts (400 VALIDATION_ERROR): first line second third y")
        .doesNotContain("\n", "\r", "\t")
        .hasSizeLessThan(400);
  }

  @Test
  void aSuccessfulHtmlPageIsNotHubSpotAndSaysSoOnOneLineWithItsText() {
    ScriptedTransport wire =
        new ScriptedTransport().then(html(200, "<html>\n<body>Sign in to the proxy</body></html>"));

    assertThatThrownBy(() -> new PropertiesApi(wire).list("contacts"))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_HUBSPOT))
        .hasMessage(
            "it answered an HTML page (\"Sign in to the proxy\") while reading the properties of"
                + " contacts");
  }

  @Test
  void aSuccessInAnyShapeButHubSpotsIsNotHubSpotAndNeverAnEmptyResult() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("{\"results\":\"nope\"}", "JSON not in HubSpot's shape (\"results\" is a string");
    expected.put("{}", "JSON not in HubSpot's shape (no \"results\" list)");
    expected.put("{\"results\":[1,2]}", "(\"results\" holds a number, not only objects)");
    expected.put("[]", "JSON not in HubSpot's shape (the body is a list, not an object)");
    expected.put("\"ok\"", "(the body is a string, not an object)");
    expected.put("hello world", "text that is not JSON (\"hello world\")");
    expected.put("  ", "an empty body");
    expected.put("{\"results\":[{\"label\":\"x\"}]}", "(a property without a name)");
    expected.put("{\"results\":[{\"name\":\"a\"}", "(Unexpected end-of-input");
    expected.forEach(
        (body, what) -> {
          ScriptedTransport wire = new ScriptedTransport().then(200, body);
          assertThatThrownBy(() -> new PropertiesApi(wire).list("contacts"))
              .as(body)
              .isInstanceOfSatisfying(
                  HubSpotException.class,
                  e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_HUBSPOT))
              .hasMessageStartingWith("it answered ")
              .hasMessageContaining(what)
              .hasMessageEndingWith(" while reading the properties of contacts")
              .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "[Source:"));
        });
  }

  @Test
  void schemasPagesAndAssociationsInAnotherShapeAreNotHubSpotEither() {
    String nope = "{\"results\":\"nope\"}";
    List<ThrowingCallable> calls =
        List.of(
            () -> new SchemasApi(new ScriptedTransport().then(200, nope)).list(),
            () ->
                new ObjectsApi(new ScriptedTransport().then(200, nope))
                    .stream(
                            "deals",
                            List.of("dealname"),
                            RecordFetch.LIST_WITH_PROPERTIES,
                            OptionalLong.empty())
                        .toList(),
            () ->
                new ObjectsApi(new ScriptedTransport().then(200, "{\"paging\":{}}"))
                    .stream(
                            "deals",
                            List.of("dealname"),
                            RecordFetch.LIST_WITH_PROPERTIES,
                            OptionalLong.empty())
                        .toList(),
            () ->
                new AssociationsApi(new ScriptedTransport().then(200, nope))
                    .read("deals", "companies", List.of("1"), row -> {}));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call)
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_HUBSPOT))
          .hasMessageStartingWith("it answered JSON not in HubSpot's shape (");
    }
  }
}
