package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.JdkTransport;
import dev.hubspotextract.client.Pacer;
import dev.hubspotextract.client.RetryPolicy;
import dev.hubspotextract.client.Transport;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Pulls from a sandbox through the engine alone ({@link Planner}, {@link Extractor}, {@link
 * RunState}), as the command line runs it but without its flags: for tests of how the engine reads,
 * stops and resumes, with a wire of the test's own between the client and the sandbox.
 */
public final class SandboxPulls {
  private SandboxPulls() {}

  /**
   * A client's retries as the default's (as many attempts and waits on a rate limit) with backoffs
   * a hundredth as long: a request a test makes fail for good is retried and given up on as a run
   * would, without the seconds of backoff that tell a test nothing.
   */
  public static final RetryPolicy QUICK_RETRIES =
      new RetryPolicy(
          RetryPolicy.DEFAULT.maxAttempts(),
          RetryPolicy.DEFAULT.maxRateLimitWaits(),
          RetryPolicy.DEFAULT.baseDelay().dividedBy(100),
          RetryPolicy.DEFAULT.maxDelay().dividedBy(100));

  /**
   * A client of the sandbox, unpaced and {@link #QUICK_RETRIES quick to retry}, whose requests go
   * through {@code wire}: a test's way to rewrite, answer or watch them on their way to the
   * sandbox's real wire (given to it).
   */
  public static HubSpotClient clientThrough(Sandbox sandbox, UnaryOperator<Transport> wire) {
    Transport real =
        new JdkTransport(sandbox.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(30));
    return HubSpotClient.builder()
        .baseUrl(sandbox.baseUrl())
        .token(sandbox.token())
        .pacer(Pacer.UNLIMITED)
        .retryPolicy(QUICK_RETRIES)
        .transport(wire.apply(real))
        .build();
  }

  /**
   * A pull of {@code objects} (empty: the standard ones) into {@code out}, every property and
   * record, writing the {@code associations} files, large objects read as {@code reads} says.
   */
  public static PullRequest request(
      Path out, List<String> objects, AssociationSelection associations, ReadOptions reads) {
    return new PullRequest(
        objects, associations, List.of(), OptionalLong.empty(), out, Set.of(), reads);
  }

  /** A pull of {@code objects} alone, no association file. */
  public static PullRequest objectsOnly(Path out, ReadOptions reads, String... objects) {
    return request(out, List.of(objects), new AssociationSelection.None(), reads);
  }

  /** The plan of {@code request}, its output folder prepared as the command line prepares it. */
  public static Plan plan(HubSpotClient client, PullRequest request) {
    Path out = OutputFolder.prepare(request.outDir(), FileMode.PRIVATE, warning -> {});
    return new Planner(client, "sandbox").plan(request.withOutDir(out));
  }

  /** Runs {@code plan} without state: nothing to resume, nothing kept for a resume. */
  public static RunResult pull(HubSpotClient client, Plan plan, int threads) {
    return new Extractor(client, Clock.systemUTC(), threads, StatusListener.NONE).run(plan);
  }

  /**
   * Runs {@code plan} resumably, its state kept as the command line keeps it, and finishes the run
   * (the state folder goes) if nothing failed.
   */
  public static RunResult resumablePull(HubSpotClient client, Plan plan, int threads) {
    return resumablePull(client, plan, threads, Clock.systemUTC(), warning -> {});
  }

  /**
   * The same on {@code clock} (what the time between checkpoints is measured on), telling what the
   * state warns of (a damaged file fetched again) to {@code warnings}.
   */
  public static RunResult resumablePull(
      HubSpotClient client, Plan plan, int threads, Clock clock, Consumer<String> warnings) {
    RunState state = RunState.open(plan, false, FileMode.PRIVATE, warnings);
    RunResult result = new Extractor(client, clock, threads, StatusListener.NONE, state).run(plan);
    if (result.failures().isEmpty()) {
      try {
        state.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return result;
  }
}
