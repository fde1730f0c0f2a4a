package dev.hubspotextract.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Policy: HubSpot's rate limits (contract §11): a rolling 10-second window per tier, a daily limit
 * reset at midnight in the portal's time zone, search's own 5-per-second limit and, when enforced,
 * the legacy per-second allowance (a tenth of the 10-second one). Search and v4 association batch
 * reads are exempt from the 10-second window; search answers carry no rate-limit headers. Whether
 * association reads count in the per-second allowance HubSpot does not say: {@link SecondlyLimit}
 * picks.
 */
final class RateLimiter {
  /** Which bucket a request draws from. */
  enum Bucket {
    STANDARD,
    SEARCH,
    /**
     * v4 association batch endpoints: {@code x-hubspot-rate-limit-exemptions: ["ten-secondly"]}.
     */
    TEN_SECONDLY_EXEMPT
  }

  static final long WINDOW_MILLIS = 10_000;
  static final int SEARCH_PER_SECOND = 5;
  static final String SECONDLY_MESSAGE = "You have reached your secondly limit.";
  static final String TEN_SECONDLY_MESSAGE = "You have reached your ten_secondly_rolling limit.";

  private final RateLimitTier tier;
  private final long dailyLimit;
  private final Clock clock;
  private final ZoneId zone;
  private final SecondlyLimit secondlyLimit;
  private final boolean associationReadsCounted;
  private final ArrayDeque<Long> window = new ArrayDeque<>();
  private final ArrayDeque<Long> secondWindow = new ArrayDeque<>();
  private final ArrayDeque<Long> searchWindow = new ArrayDeque<>();
  private long day = Long.MIN_VALUE;
  private long usedToday;

  /**
   * @param zone the portal's time zone: the daily limit resets at its midnight
   * @param secondlyLimit on which requests to answer 429 {@code SECONDLY} past the per-second
   *     allowance (it is reported in the headers in any case)
   * @param associationReadsCounted whether v4 association batch reads count in the 10-second window
   *     like any request: the spec's exemption not holding
   */
  RateLimiter(
      RateLimitTier tier,
      long dailyLimitOverride,
      Clock clock,
      ZoneId zone,
      SecondlyLimit secondlyLimit,
      boolean associationReadsCounted) {
    this.tier = tier;
    this.dailyLimit = dailyLimitOverride > 0 ? dailyLimitOverride : tier.perDay();
    this.clock = clock;
    this.zone = zone;
    this.secondlyLimit = secondlyLimit;
    this.associationReadsCounted = associationReadsCounted;
  }

  /**
   * Admits a request or answers 429.
   *
   * @return the rate-limit headers to send (empty for search and when limits are off)
   */
  synchronized Map<String, String> admit(Bucket requested) {
    Bucket bucket =
        requested == Bucket.TEN_SECONDLY_EXEMPT && associationReadsCounted
            ? Bucket.STANDARD
            : requested;
    Map<String, String> headers = new LinkedHashMap<>();
    if (tier == RateLimitTier.OFF) {
      return headers;
    }
    long now = clock.millis();
    long today = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone).toEpochDay();
    if (today != day) {
      day = today;
      usedToday = 0;
    }
    expire(window, now - WINDOW_MILLIS);
    expire(secondWindow, now - 1000);
    expire(searchWindow, now - 1000);
    int max = tier.perTenSeconds();
    if (usedToday >= dailyLimit) {
      // no Retry-After: HubSpot sends none that says "until midnight"
      throw new RateLimited(
          "DAILY",
          "You have reached your daily limit.",
          bucket == Bucket.SEARCH ? Map.of() : headers(max, 0));
    }
    if (bucket == Bucket.SEARCH) {
      if (searchWindow.size() >= SEARCH_PER_SECOND) {
        // search's 429: no rate-limit headers and no Retry-After; HubSpot's SDK knows it by the
        // message alone
        throw new RateLimited("SECONDLY", SECONDLY_MESSAGE, Map.of());
      }
      searchWindow.addLast(now);
      usedToday++;
      return headers;
    }
    boolean countsPerSecond = bucket == Bucket.STANDARD || secondlyLimit == SecondlyLimit.ALL;
    if (countsPerSecond
        && secondlyLimit != SecondlyLimit.OFF
        && secondWindow.size() >= secondly()) {
      throw new RateLimited(
          "SECONDLY",
          SECONDLY_MESSAGE,
          retryAfter(headers(max, remaining(max)), secondWindow, 1000, now));
    }
    if (bucket == Bucket.STANDARD) {
      if (window.size() >= max) {
        throw new RateLimited(
            "TEN_SECONDLY_ROLLING",
            TEN_SECONDLY_MESSAGE,
            retryAfter(headers(max, 0), window, WINDOW_MILLIS, now));
      }
      window.addLast(now);
    }
    if (countsPerSecond) {
      secondWindow.addLast(now);
    }
    usedToday++;
    return headers(max, remaining(max));
  }

  private static void expire(ArrayDeque<Long> times, long before) {
    while (!times.isEmpty() && times.peekFirst() <= before) {
      times.pollFirst();
    }
  }

  /** The per-second allowance: a tenth of the 10-second one, as real headers show (110 → 11). */
  private int secondly() {
    return Math.max(1, tier.perTenSeconds() / 10);
  }

  private int remaining(int max) {
    return Math.max(0, max - window.size());
  }

  /** Adds {@code Retry-After}: whole seconds until the oldest request leaves the window. */
  private static Map<String, String> retryAfter(
      Map<String, String> headers, ArrayDeque<Long> times, long windowMillis, long now) {
    long waitMillis = times.isEmpty() ? 0 : times.peekFirst() + windowMillis - now;
    long seconds = Math.max(1, Math.min(windowMillis / 1000, (waitMillis + 999) / 1000));
    headers.put("Retry-After", Long.toString(seconds));
    return headers;
  }

  private Map<String, String> headers(int max, int remaining) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-HubSpot-RateLimit-Daily", Long.toString(dailyLimit));
    headers.put(
        "X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, dailyLimit - usedToday)));
    headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(WINDOW_MILLIS));
    headers.put("X-HubSpot-RateLimit-Max", Integer.toString(max));
    headers.put("X-HubSpot-RateLimit-Remaining", Integer.toString(remaining));
    // legacy, still on real answers (2022: Max 150, Secondly 15; 2026: Max 110, Secondly 11)
    headers.put("X-HubSpot-RateLimit-Secondly", Integer.toString(secondly()));
    headers.put(
        "X-HubSpot-RateLimit-Secondly-Remaining",
        Integer.toString(Math.max(0, secondly() - secondWindow.size())));
    return headers;
  }

  /** A 429 decision with the policy that was hit. */
  static final class RateLimited extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String policyName;
    final transient Map<String, String> headers;

    RateLimited(String policyName, String message, Map<String, String> headers) {
      super(message, null, false, false);
      this.policyName = policyName;
      this.headers = headers;
    }

    Response response() {
      Response r = ErrorBodies.rateLimited(policyName, getMessage());
      headers.forEach(r::header);
      return r;
    }
  }
}
