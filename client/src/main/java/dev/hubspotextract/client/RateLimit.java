package dev.hubspotextract.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a 429 asks (hubspot-api.md §11): the limit HubSpot named in its body's {@code policyName}
 * ({@code ""} when none) and how long to pause: {@code Retry-After} if sent, else the policy's
 * window (SECONDLY: a second; TEN_SECONDLY_ROLLING or unnamed: the window HubSpot's headers say it
 * counts in, or 10 seconds). Read once per answer, by the rate-budget step nearest the wire ({@link
 * Pacing}), and carried up with it ({@link ApiResponse#rateLimit}): the rate budget pauses its
 * bucket for it, the retry step waits it out or stops.
 */
public record RateLimit(String policyName, Duration pause) {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  public RateLimit {
    Objects.requireNonNull(policyName, "policyName is null");
    Objects.requireNonNull(pause, "pause is null");
  }

  /** Reads a 429's body and headers; never throws, whatever the server sent. */
  static RateLimit read(ApiResponse response) {
    String policy = ErrorBody.parse(response.body()).policyName();
    String name = policy == null ? "" : policy;
    return new RateLimit(name, waitAsked(name, response));
  }

  /**
   * How long a 429 of this policy asks to wait: {@code Retry-After} if sent, else the policy's
   * window. The rate budget pauses every request for as long, unless it is beyond {@link
   * RetryPolicy#LONGEST_SERVER_WAIT}, when the run stops instead.
   */
  private static Duration waitAsked(String policyName, ApiResponse response) {
    Optional<Duration> retryAfter = Retrying.retryAfter(response);
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    if (policyName.equalsIgnoreCase("SECONDLY")) {
      return Duration.ofSeconds(1);
    }
    // TEN_SECONDLY_ROLLING or unnamed: wait out the window HubSpot says it counts in, when sane
    // (the rate budget says once that a value was ignored)
    OptionalLong interval = RateLimitHeaders.intervalMillis(response, (header, line) -> {});
    return interval.isPresent() ? Duration.ofMillis(interval.getAsLong()) : TEN_SECONDS;
  }

  boolean isDaily() {
    return policyName.equalsIgnoreCase("DAILY");
  }

  /** Longer than a run sits through: the run stops instead of waiting. */
  boolean isTooLong() {
    return Retrying.isTooLong(pause);
  }

  /** The limit's name for a message. */
  String shown() {
    return policyName.isEmpty() ? "rate limit" : policyName;
  }
}
