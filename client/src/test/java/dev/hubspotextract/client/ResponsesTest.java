package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        .hasMessageContaining("HubSpot rejected the access token (401 INVALID_AUTHENTICATION)")
        .hasMessageContaining("HUBSPOT_ACCESS_TOKEN / --token")
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
            e ->
                org.assertj.core.api.Assertions.assertThat(e.category())
                    .isEqualTo(HubSpotException.Category.PERMISSION))
        .hasMessageContaining("listing tickets")
        .hasMessageContaining("lacks the scope tickets")
        .hasMessageContaining("MISSING_SCOPES");
  }
}
