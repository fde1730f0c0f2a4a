package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactingLoggerTest {
  @Test
  void tracesRequestsAndResponsesWithTheTokenRedacted() {
    String token = "pat-na1-11111111-2222-3333-4444-555555555555";
    List<String> lines = new ArrayList<>();
    ScriptedTransport wire =
        new ScriptedTransport().then(401, "{\"category\":\"INVALID_AUTHENTICATION\"}");
    Transport chain =
        new Authenticating(token, new RedactingLogger(lines::add, Clock.systemUTC(), wire));

    chain.send(ApiRequest.get("/crm/v3/objects/contacts?limit=100"));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .contains("GET /crm/v3/objects/contacts?limit=100")
        .contains("Authorization: Bearer ***");
    assertThat(lines.get(1)).contains("401").contains("INVALID_AUTHENTICATION");
    assertThat(String.join("\n", lines)).doesNotContain(token).doesNotContain("11111111");
    assertThat(wire.requests.get(0).headers()).containsEntry("Authorization", "Bearer " + token);
  }
}
