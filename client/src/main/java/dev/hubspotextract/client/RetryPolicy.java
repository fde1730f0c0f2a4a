package dev.hubspotextract.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard to retry: attempts for failures (5xx, dropped connections, timeouts, truncated bodies),
 * a separate allowance of rate-limit waits, and the bounds of the exponential backoff. Waits the
 * server chooses are taken up to {@link #LONGEST_SERVER_WAIT}.
 */
public record RetryPolicy(
    int maxAttempts, int maxRateLimitWaits, Duration baseDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, 30, Duration.ofMillis(500), Duration.ofSeconds(20));

  /**
   * The longest wait a server may choose ({@code Retry-After}, the rate-limit window) that a run
   * sits through. HubSpot's windows are 1 or 10 s; a 477 asks for "up to 24 hours". Past this the
   * run stops resumably instead, saying when to come back: a user is better served by that than by
   * a process that sleeps for hours, or for years when a server sends a nonsense number.
   */
  public static final Duration LONGEST_SERVER_WAIT = Duration.ofMinutes(2);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (maxRateLimitWaits < 0) {
      throw new IllegalArgumentException(
          "maxRateLimitWaits must be >= 0, got " + maxRateLimitWaits);
    }
    Objects.requireNonNull(baseDelay, "baseDelay is null");
    Objects.requireNonNull(maxDelay, "maxDelay is null");
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, maxRateLimitWaits, baseDelay, maxDelay);
  }

  /** The wait before retry number {@code retry} (1-based), before jitter: doubling, capped. */
  Duration backoff(int retry) {
    long millis = baseDelay.toMillis() << Math.min(retry - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
