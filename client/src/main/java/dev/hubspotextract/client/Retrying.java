package dev.hubspotextract.client;

import java.time.Clock;
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
 * SECONDLY: a second; DAILY: stop with a clear error), honouring {@code Retry-After} when sent, as
 * the answer's {@link RateLimit} says (read by the rate-budget step below, which the same 429
 * pauses; read here only in a chain without one); 5xx, 408, 423, dropped connections, timeouts and
 * truncated JSON bodies are retried with bounded exponential backoff and jitter. When it gives up,
 * the earlier failures ride along as suppressed exceptions. A wait the server asks for beyond
 * {@link RetryPolicy#LONGEST_SERVER_WAIT} stops the run resumably (RATE_LIMIT), saying when to come
 * back; a negative or unreadable {@code Retry-After} is ignored. A 477 (Migration in Progress:
 * HubSpot says "typically up to 24 hours") stops the run the same way at once, with or without
 * {@code Retry-After}. A 530 is no server error: HubSpot's edge answers a malformed token with it
 * (hubspot-api.md §17), so it is handed on unretried, and {@link Responses} reads it as a rejected
 * token.
 */
public final class Retrying implements Transport {
  /**
   * Longer {@code Retry-After}s read as this many seconds (some 31,700 years): past it a number
   * says only "not soon", and so capped it stays within what Duration and Instant sums can hold.
   */
  private static final long RETRY_AFTER_CAP_SECONDS = 1_000_000_000_000L;

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Consumer<String> trace;
  private final Transport next;

  public Retrying(RetryPolicy policy, Sleeper sleeper, Transport next) {
    this(policy, sleeper, null, next);
  }

  /**
   * @param trace where to say each retry and rate-limit wait ({@code --verbose}); null for nowhere
   */
  public Retrying(RetryPolicy policy, Sleeper sleeper, Consumer<String> trace, Transport next) {
    this(policy, sleeper, Clock.systemUTC(), trace, next);
  }

  /**
   * @param clock tells the time to come back when HubSpot asks for a wait too long to sit through
   * @param trace where to say each retry and rate-limit wait ({@code --verbose}); null for nowhere
   */
  public Retrying(
      RetryPolicy policy, Sleeper sleeper, Clock clock, Consumer<String> trace, Transport next) {
    this.policy = Objects.requireNonNull(policy, "policy is null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.trace = trace == null ? line -> {} : trace;
    this.next = Objects.requireNonNull(next, "next is null");
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    List<HubSpotException> failures = new ArrayList<>();
    boolean answered = false; // the last failure was an answer from HubSpot, not the wire
    int failedAttempts = 0;
    int rateLimitWaits = 0;
    while (true) {
      HubSpotException failure;
      Duration wait;
      try {
        ApiResponse response = next.send(request);
        if (response.status() == 429) {
          RateLimit limit = response.rateLimitAsked(); // as the rate-budget step below read it
          if (limit.isDaily()) {
            throw withSuppressed(
                new HubSpotException(
                    FailureCategory.RATE_LIMIT,
                    "HubSpot's daily API limit for this account is used up (429 DAILY): "
                        + request.method()
                        + " "
                        + request.path()
                        + " was refused. The limit resets at midnight in the account's time zone"
                        + dailyReset()
                        + "; run the same command again then."),
                failures);
          }
          if (limit.isTooLong()) {
            throw withSuppressed(
                comeBackLater(request, "429 (" + limit.shown() + ")", response, limit.pause()),
                failures);
          }
          if (++rateLimitWaits > policy.maxRateLimitWaits()) {
            throw withSuppressed(
                new HubSpotException(
                    FailureCategory.TRANSIENT,
                    "HubSpot kept answering 429 ("
                        + limit.shown()
                        + ") to "
                        + request
                        + " after "
                        + policy.maxRateLimitWaits()
                        + " waits"),
                failures);
          }
          failures.add(
              new HubSpotException(
                  FailureCategory.TRANSIENT,
                  "429 " + limit.policyName() + " on " + request.method() + " " + request.path()));
          trace.accept(
              "retry: 429 "
                  + limit.shown()
                  + " on "
                  + request
                  + ", waiting "
                  + limit.pause().toMillis()
                  + " ms for the window ("
                  + rateLimitWaits
                  + "/"
                  + policy.maxRateLimitWaits()
                  + ")");
          sleep(limit.pause());
          continue;
        }
        if (response.status() == 477) {
          throw withSuppressed(migrationInProgress(request, response), failures);
        }
        answered = isRetryableStatus(response.status());
        if (answered) {
          failure =
              new HubSpotException(
                  FailureCategory.TRANSIENT,
                  "HubSpot answered "
                      + response.status()
                      + " to "
                      + request.method()
                      + " "
                      + request.path());
          wait = retryAfter(response).orElse(null);
          if (wait != null && isTooLong(wait)) {
            throw withSuppressed(
                comeBackLater(request, String.valueOf(response.status()), response, wait),
                failures);
          }
        } else if (response.isSuccess()
            && response.isJson()
            && !response.hasPromisedLength()
            && !Json.isComplete(response.body())) {
          failure =
              new HubSpotException(
                  FailureCategory.TRANSIENT,
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
        answered = false;
        failure = e;
        wait = null;
      }
      failures.add(failure);
      failedAttempts++;
      if (failedAttempts >= policy.maxAttempts()) {
        failures.remove(failures.size() - 1);
        // HubSpot answering an error every time fails what asked (one object or pair); a
        // connection that keeps failing fails the run
        throw withSuppressed(
            new HubSpotException(
                answered ? FailureCategory.EXTERNAL : FailureCategory.TRANSIENT,
                failure
                    .text()
                    .around(
                        "",
                        policy.maxAttempts() > 1
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
    return (status >= 500 && status != 530) || status == 423 || status == 408;
  }

  /**
   * {@code Retry-After} in seconds; empty when absent, negative or not a number (an HTTP date
   * included), so the policy's own wait applies. Whatever a server sends, this never throws.
   */
  static Optional<Duration> retryAfter(ApiResponse response) {
    long seconds =
        ApiResponse.digitsValue(response.header("Retry-After").map(String::trim).orElse(""));
    return seconds < 0
        ? Optional.empty()
        : Optional.of(Duration.ofSeconds(Math.min(RETRY_AFTER_CAP_SECONDS, seconds)));
  }

  /** Whether a wait the server chose is longer than a run sits through. */
  static boolean isTooLong(Duration wait) {
    return wait.compareTo(RetryPolicy.LONGEST_SERVER_WAIT) > 0;
  }

  /**
   * The resumable stop when HubSpot asks to come back after {@code wait}: when to come back, and
   * what to do; a wait too long to sit through (a 477 ends the run whatever its length) says so.
   */
  private HubSpotException comeBackLater(
      ApiRequest request, String answer, ApiResponse response, Duration wait) {
    return new HubSpotException(
        FailureCategory.RATE_LIMIT,
        "HubSpot asked to come back later: it answered "
            + answer
            + " to "
            + request.method()
            + " "
            + request.path()
            + " with "
            + quotedRetryAfter(response)
            + " ("
            + describe(wait)
            + ", until "
            + clock.instant().plus(wait).truncatedTo(ChronoUnit.SECONDS)
            + ")"
            + (isTooLong(wait)
                ? ", longer than the "
                    + RetryPolicy.LONGEST_SERVER_WAIT.toMinutes()
                    + " min this tool waits"
                : "")
            + "; run the same command again then and it resumes.");
  }

  /**
   * A 477 stops the run resumably whatever it asks: the migration it reports takes "typically up to
   * 24 hours", and a run that sits through it serves no one. With a readable {@code Retry-After}
   * the message says until when, else that HubSpot did not say how long.
   */
  private HubSpotException migrationInProgress(ApiRequest request, ApiResponse response) {
    String answer = "477 (Migration in Progress)";
    Optional<Duration> wait = retryAfter(response);
    if (wait.isPresent()) {
      return comeBackLater(request, answer, response, wait.get());
    }
    boolean sent = response.header("Retry-After").isPresent();
    return new HubSpotException(
        FailureCategory.RATE_LIMIT,
        "HubSpot asked to come back later: it answered "
            + answer
            + " to "
            + request.method()
            + " "
            + request.path()
            + (sent
                ? " with " + quotedRetryAfter(response) + ", which says no number of seconds"
                : " without a Retry-After")
            + ", so HubSpot did not say how long (such a migration takes \"typically up to 24"
            + " hours\"); run the same command again later and it resumes.");
  }

  /** {@code Retry-After: <value>} as sent, cut to 30 characters. */
  private static String quotedRetryAfter(ApiResponse response) {
    String asked = response.header("Retry-After").map(String::trim).orElse("");
    return "Retry-After: " + ServerText.excerpt(asked, 30);
  }

  /** A wait in words: its two largest units. */
  private static String describe(Duration wait) {
    if (wait.toDays() > 0) {
      return wait.toDays() + " d " + wait.toHoursPart() + " h";
    }
    if (wait.toHours() > 0) {
      return wait.toHours() + " h " + wait.toMinutesPart() + " min";
    }
    return wait.toMinutes() + " min " + wait.toSecondsPart() + " s";
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
      throw new HubSpotException(FailureCategory.INTERNAL, "interrupted while waiting to retry", e);
    }
  }

  private static HubSpotException withSuppressed(
      HubSpotException exception, List<HubSpotException> earlier) {
    earlier.forEach(exception::addSuppressed);
    return exception;
  }
}
