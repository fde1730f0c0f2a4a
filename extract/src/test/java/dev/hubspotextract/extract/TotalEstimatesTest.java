package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.Pacer;
import dev.hubspotextract.client.RetryPolicy;
import dev.hubspotextract.sandbox.RecordedRequest;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress bar's total: one search for one record per object, whose answer has the count. */
class TotalEstimatesTest {
  @TempDir Path tmp;

  @Test
  void countsEveryObjectWithOneSearchEachAndLeavesOutOneSearchRefuses() throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder().records(500).latencyMillis(0).broken(Set.of("tickets")).start()) {
      HubSpotClient client =
          HubSpotClient.builder()
              .baseUrl(sandbox.baseUrl())
              .token(sandbox.token())
              .pacer(Pacer.UNLIMITED)
              .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(1)) // tickets' 500 at once
              .build();
      Plan plan =
          SandboxPulls.plan(
              client,
              SandboxPulls.objectsOnly(
                  tmp.resolve("out"), ReadOptions.DEFAULT, "contacts", "deals", "pets", "tickets"));
      int before = sandbox.requests().size();
      CompletableFuture<Map<String, Long>> counted = new CompletableFuture<>();
      StatusListener listener =
          new StatusListener() {
            @Override
            public void taskFinished(TaskResult result) {}

            @Override
            public void recordsExpected(Map<String, Long> records) {
              counted.complete(records);
            }
          };

      TotalEstimates estimates = TotalEstimates.start(client, plan, listener);
      try {
        assertThat(counted.get(30, TimeUnit.SECONDS))
            .containsExactly(
                Map.entry("contacts", sandbox.portal().count("contacts")),
                Map.entry("deals", sandbox.portal().count("deals")),
                Map.entry("pets", sandbox.portal().count("pets")));
      } finally {
        estimates.close();
      }
      List<RecordedRequest> searches =
          sandbox.requests().stream()
              .skip(before)
              .filter(r -> r.path().endsWith("/search"))
              .toList();
      assertThat(searches).hasSize(4);
      assertThat(searches).allSatisfy(r -> assertThat(r.body()).contains("\"limit\":1"));
      assertThat(searches.stream().filter(r -> r.status() == 200)).hasSize(3);
    }
  }
}
