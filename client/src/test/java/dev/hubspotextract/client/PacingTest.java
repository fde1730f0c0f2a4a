package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacingTest {
  private final ScriptedTransport wire = new ScriptedTransport();
  private final List<ApiResponse> observed = new ArrayList<>();

  /** A pacer that lets everything through and keeps the answers it is shown. */
  private final Pacing pacing =
      new Pacing(
          new Pacer() {
            @Override
            public void acquire() {}

            @Override
            public void observe(ApiRequest request, ApiResponse response) {
              observed.add(response);
            }
          },
          wire);

  private ApiResponse send() {
    return pacing.send(ApiRequest.get("/crm/v3/objects/contacts"));
  }

  @Test
  void readsA429OnceAndHandsThePacerAndTheStepAboveTheSameReading() {
    wire.then(
        ScriptedTransport.json(429, "{\"policyName\":\"SECONDLY\"}", Map.of("Retry-After", "3")));

    ApiResponse handedUp = send();

    assertThat(handedUp.rateLimit()).contains(new RateLimit("SECONDLY", Duration.ofSeconds(3)));
    assertThat(observed).singleElement().isSameAs(handedUp);
  }

  @Test
  void aNamelessOrUnreadable429StillCarriesWhatItAsks() {
    wire.then(429, "<html>Too Many Requests</html>");

    assertThat(send().rateLimit()).contains(new RateLimit("", Duration.ofSeconds(10)));
  }

  @Test
  void anyOtherAnswerOrA429ReadAlreadyIsHandedOnAsItCame() {
    ApiResponse ok = ScriptedTransport.json(200, "{}", Map.of());
    ApiResponse readBelow =
        new ApiResponse(
            429,
            Map.of(),
            "{}".getBytes(StandardCharsets.UTF_8),
            Optional.of(new RateLimit("DAILY", Duration.ofSeconds(10))));
    wire.then(ok).then(readBelow);

    assertThat(send()).isSameAs(ok);
    assertThat(send()).isSameAs(readBelow);
    assertThat(ok.rateLimit()).isEmpty();
  }
}
