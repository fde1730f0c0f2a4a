package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client keeps the latest {@code Date} a server's answer carried: a sync's mark. */
class ServerDatesTest {
  private final ScriptedTransport wire = new ScriptedTransport();
  private final HubSpotClient client =
      HubSpotClient.builder().token("pat-test").pacer(Pacer.UNLIMITED).transport(wire).build();

  private void answerDated(String date) {
    wire.then(ScriptedTransport.json(200, "{\"results\":[]}", Map.of("Date", date)));
    client.properties().list("contacts");
  }

  @Test
  void noTimeIsKnownBeforeAnAnswerIsDated() {
    assertThat(client.serverTime()).isEmpty();
    wire.then(200, "{\"results\":[]}");
    client.properties().list("contacts");
    assertThat(client.serverTime()).isEmpty();
  }

  @Test
  void theLatestDateIsKeptWhateverOrderTheAnswersCameIn() {
    answerDated("Wed, 02 Dec 2026 05:44:58 GMT");
    answerDated("Wed, 02 Dec 2026 05:40:00 GMT"); // an answer sent earlier, arrived later

    assertThat(client.serverTime()).contains(Instant.parse("2026-12-02T05:44:58Z"));
    assertThat(client.counting(new java.util.concurrent.atomic.LongAdder()).serverTime())
        .as("every client over the chain sees it")
        .contains(Instant.parse("2026-12-02T05:44:58Z"));
  }

  @Test
  void aDateThatIsNotAnHttpDateIsIgnored() {
    answerDated("Wed, 02 Dec 2026 05:44:58 GMT");
    answerDated("2027-01-01T00:00:00Z");
    answerDated("tomorrow");

    assertThat(client.serverTime()).contains(Instant.parse("2026-12-02T05:44:58Z"));
  }
}
