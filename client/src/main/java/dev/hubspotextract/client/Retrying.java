package dev.hubspotextract.client;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The retry step. 429s wait by HubSpot's {@code policyName} (TEN_SECONDLY_ROLLING: the window;
 * SECONDLY: a second; DAILY: stop with a clear error), honouring {@code Retry-After} when sent;
 * 5xx, 423, 477, dropped connections, timeouts and truncated JSON bodies are retried with bounded
 * exponential backoff and jitter. When it gives up, the earlier failures ride along as suppressed
 * exceptions.
 */
public final class Retrying implements Transport {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Consumer<String> trace;
  private final Transport next;

  public Retrying(RetryPolicy policy, Sleeper sleeper, Transport next) {
    this(policy, sleeper, null, next);
  }

  /**
   * @param trace where to say each retry and rate-limit wait ({@code --verbose}); null for nowhere
   */
  public Retrying(RetryPolicy policy, Sleeper sleeper, Consumer<String> trace, Transport next) {
    this.policy = Objects.requireNonNull(policy, "policy is null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
    this.trace = trace == null ? line -> {} : trace;
    this.next = Objects.requireNonNull(next, "next is null");
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    List<HubSpotException> failures = new ArrayList<>();
    int failedAttempts = 0;
    int rateLimitWaits = 0;
    while (true) {
      HubSpotException failure;
      Duration wait;
      try {
        ApiResponse response = next.send(request);
        if (response.status() == 429) {
          ErrorBody error = ErrorBody.parse(response.body());
          String policyName = error.policyName() == null ? "" : error.policyName();
          if (policyName.equalsIgnoreCase("DAILY")) {
            throw withSuppressed(
                new HubSpotException(
                    HubSpotException.Category.RATE_LIMIT,
                    "HubSpot's daily API limit for this account is used up (429 DAILY): "
                        + request.method()
                        + " "
                        + request.path()
                        + " was refused. The limit resets at midnight in the account's time zone"
                        + dailyReset()
                        + "; run the same command again then."),
                failures);
          }
          if (++rateLimitWaits > policy.maxRateLimitWaits()) {
            throw withSuppressed(
                new HubSpotException(
                    HubSpotException.Category.TRANSIENT,
                    "HubSpot kept answering 429 ("
                        + (policyName.isEmpty() ? "rate limit" : policyName)
                        + ") to "
                        + request
                        + " after "
                        + policy.maxRateLimitWaits()
                        + " waits"),
                failures);
          }
          failures.add(
              new HubSpotException(
                  HubSpotException.Category.TRANSIENT,
                  "429 " + policyName + " on " + request.method() + " " + request.path()));
          Duration rateWait = rateLimitWait(policyName, response);
          trace.accept(
              "retry: 429 "
                  + (policyName.isEmpty() ? "rate limit" : policyName)
                  + " on "
                  + request
                  + ", waiting "
                  + rateWait.toMillis()
                  + " ms for the window ("
                  + rateLimitWaits
                  + "/"
                  + policy.maxRateLimitWaits()
                  + ")");
          sleep(rateWait);
          continue;
        }
        if (isRetryableStatus(response.status())) {
          failure =
              new HubSpotException(
                  HubSpotException.Category.TRANSIENT,
                  "HubSpot answered "
                      + response.status()
                      + " to "
                      + request.method()
                      + " "
                      + request.path());
          wait = retryAfter(response).orElse(null);
        } else if (response.isSuccess()
            && response.isJson()
            && !response.hasPromisedLength()
            && !Json.isComplete(response.body())) {
          failure =
              new HubSpotException(
                  HubSpotException.Category.TRANSIENT,
                  request.method()
                      + " "
                      + request.path()
                      + ": the response body was cut short ("
                      + response.body().length
                      + " bytes of incomplete JSON)");
          wait = null;
        } else {
          return response;
        }
      } catch (HubSpotException e) {
        if (!e.isTransient()) {
          throw e;
        }
        failure = e;
        wait = null;
      }
      failures.add(failure);
      failedAttempts++;
      if (failedAttempts >= policy.maxAttempts()) {
        failures.remove(failures.size() - 1);
        throw withSuppressed(
            new HubSpotException(
                HubSpotException.Category.TRANSIENT,
                failure.getMessage()
                    + (policy.maxAttempts() > 1
                        ? " (gave up after " + policy.maxAttempts() + " attempts)"
                        : ""),
                failure.getCause()),
            failures);
      }
      Duration backoff = wait != null ? wait : jittered(policy.backoff(failedAttempts));
      trace.accept(
          "retry: attempt "
              + (failedAttempts + 1)
              + "/"
              + policy.maxAttempts()
              + " of "
              + request
              + " in "
              + backoff.toMillis()
              + " ms after: "
              + failure.getMessage());
      sleep(backoff);
    }
  }

  /** When midnight UTC is, for accounts whose time zone is UTC (HubSpot does not say the zone). */
  private static String dailyReset() {
    Instant now = Instant.now();
    Instant midnight = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    Duration left = Duration.between(now, midnight);
    return " (for an account in UTC that is "
        + midnight
        + ", in "
        + left.toHours()
        + " h "
        + left.toMinutesPart()
        + " min)";
  }

  private static boolean isRetryableStatus(int status) {
    return status >= 500 || status == 423 || status == 477 || status == 408;
  }

  private static Optional<Duration> retryAfter(ApiResponse response) {
    // an HTTP date instead of seconds reads as empty: the policy's wait applies
    return response.longHeader("Retry-After").map(Duration::ofSeconds);
  }

  /**
   * How long a 429 of this policy asks to wait: {@code Retry-After} if sent, else the policy's
   * window. The rate budget pauses every request for as long (hubspot-api.md §11).
   */
  static Duration rateLimitWait(String policyName, ApiResponse response) {
    Optional<Duration> retryAfter = retryAfter(response);
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    if (policyName.equalsIgnoreCase("SECONDLY")) {
      return Duration.ofSeconds(1);
    }
    // TEN_SECONDLY_ROLLING or unnamed: wait out the window HubSpot says it counts in
    return response
        .longHeader("X-HubSpot-RateLimit-Interval-Milliseconds")
        .map(Duration::ofMillis)
        .orElse(TEN_SECONDS);
  }

  private static Duration jittered(Duration delay) {
    // between half and all of the delay, so parallel tasks do not retry in lockstep
    long millis = delay.toMillis();
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  private void sleep(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubSpotException(
          HubSpotException.Category.INTERNAL, "interrupted while waiting to retry", e);
    }
  }

  private static HubSpotException withSuppressed(
      HubSpotException exception, List<HubSpotException> earlier) {
    earlier.forEach(exception::addSuppressed);
    return exception;
  }
}
