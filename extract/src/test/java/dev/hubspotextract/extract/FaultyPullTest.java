package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.Pacer;
import dev.hubspotextract.client.RetryPolicy;
import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.testing.ManualClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultyPullTest {
  private static final String FAULTS = "5xx=0.05,reset=0.01,truncate=0.01,429=0.02,short-page=0.02";
  @TempDir Path tmp;

  /**
   * Pulls every standard object and default pair; backoff and 429 waits pass on a manual clock, in
   * no time.
   */
  private static RunResult pull(Sandbox sandbox, Path out) throws Exception {
    ManualClock clock = new ManualClock();
    HubSpotClient client =
        HubSpotClient.builder()
            .baseUrl(sandbox.baseUrl())
            .token(sandbox.token())
            .pacer(Pacer.UNLIMITED)
            .clock(clock)
            .sleeper(clock::advance)
            .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(8))
            .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
            .build();
    Plan plan =
        SandboxPulls.plan(
            client,
            SandboxPulls.request(
                out, List.of(), new AssociationSelection.Defaults(), ReadOptions.DEFAULT));
    RunState state = RunState.open(plan, false, FileMode.PRIVATE);
    RunResult result =
        new Extractor(client, Clock.systemUTC(), 4, StatusListener.NONE, state).run(plan);
    Manifest.ofRun(result, null, "test", List.of(), false)
        .write(result.plan().outDir(), FileMode.PRIVATE);
    state.finish();
    return result;
  }

  @Test
  void aPullThroughEveryKindOfFaultWritesExactlyTheFilesOfACleanRun() throws Exception {
    try (Sandbox faulty =
            Sandbox.builder().records(2_000).seed(3).faults(FaultPlan.parse(FAULTS)).start();
        Sandbox clean = Sandbox.builder().records(2_000).seed(3).start()) {
      RunResult faultyRun = pull(faulty, tmp.resolve("faulty"));
      RunResult cleanRun = pull(clean, tmp.resolve("clean"));

      assertThat(faultyRun.failures()).isEmpty();
      assertThat(cleanRun.failures()).isEmpty();
      long faults =
          faulty.requests().stream().filter(r -> r.status() != 200 && r.status() != 207).count();
      assertThat(faults).as("faults injected").isGreaterThan(5);
      SameOutput.assertSame(tmp.resolve("faulty"), tmp.resolve("clean"));
    }
  }
}
