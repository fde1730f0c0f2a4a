package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokenObjectsTest {
  @Test
  void everyRecordReadOfABrokenObjectAnswers500WhileItsPropertiesAndOtherObjectsAnswer() {
    try (Sandbox sandbox = Sandbox.builder().records(50).broken(Set.of("0-19")).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      String id = sandbox.portal().records("feedback_submissions").findFirst().orElseThrow().id();
      String path = "/crm/v3/objects/feedback_submissions";
      for (int attempt = 0; attempt < 3; attempt++) {
        for (HttpResponse<String> response :
            java.util.List.of(
                client.get(path + "?limit=10"),
                client.get(path + "/" + id),
                client.post(path + "/batch/read", "{\"inputs\":[{\"id\":\"" + id + "\"}]}"),
                client.post(path + "/search", "{\"limit\":10}"))) {
          assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(500);
          assertThat(SandboxClient.json(response).path("category").asText())
              .isEqualTo("INTERNAL_ERROR");
        }
      }
      assertThat(client.get("/crm/v3/properties/feedback_submissions").statusCode()).isEqualTo(200);
      assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anUnknownBrokenObjectIsRefusedAtStart() {
    assertThatThrownBy(() -> Sandbox.builder().records(5).broken(Set.of("widgets")).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken: unknown object 'widgets'");
  }
}
