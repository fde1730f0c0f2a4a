package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyTest {
  @Test
  void everyAnswerIsDelayedByAtLeastHalfTheConfiguredLatency() {
    try (Sandbox sandbox = Sandbox.builder().records(10).latencyMillis(120).start()) {
      SandboxClient client = new SandboxClient(sandbox);
      for (int i = 0; i < 3; i++) {
        long started = System.nanoTime();
        assertThat(client.get("/crm/v3/objects/contacts?limit=1").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(60);
      }
    }
  }
}
