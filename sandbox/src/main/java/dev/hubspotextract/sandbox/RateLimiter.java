package dev.hubspotextract.sandbox;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Policy: HubSpot's rate limits (contract §11): a rolling 10-second window per tier, a daily limit
 * reset at midnight UTC, and search's own 5-per-second limit. Search and v4 association batch reads
 * are exempt from the 10-second window; search answers carry no rate-limit headers.
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

  private final RateLimitTier tier;
  private final long dailyLimit;
  private final Clock clock;
  private final ArrayDeque<Long> window = new ArrayDeque<>();
  private final ArrayDeque<Long> searchWindow = new ArrayDeque<>();
  private long day = Long.MIN_VALUE;
  private long usedToday;

  RateLimiter(RateLimitTier tier, long dailyLimitOverride, Clock clock) {
    this.tier = tier;
    this.dailyLimit = dailyLimitOverride > 0 ? dailyLimitOverride : tier.perDay();
    this.clock = clock;
  }

  /**
   * Admits a request or answers 429.
   *
   * @return the rate-limit headers to send (empty for search and when limits are off)
   */
  synchronized Map<String, String> admit(Bucket bucket) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (tier == RateLimitTier.OFF) {
      return headers;
    }
    long now = clock.millis();
    long today = Math.floorDiv(now, 86_400_000L);
    if (today != day) {
      day = today;
      usedToday = 0;
    }
    while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MILLIS) {
      window.pollFirst();
    }
    while (!searchWindow.isEmpty() && searchWindow.peekFirst() <= now - 1000) {
      searchWindow.pollFirst();
    }
    int max = tier.perTenSeconds();
    if (usedToday >= dailyLimit) {
      throw new RateLimited(
          "DAILY",
          "You have reached your daily limit.",
          bucket == Bucket.SEARCH ? Map.of() : headers(max, 0));
    }
    if (bucket == Bucket.SEARCH) {
      if (searchWindow.size() >= SEARCH_PER_SECOND) {
        throw new RateLimited("SECONDLY", "You have reached your secondly limit.", Map.of());
      }
      searchWindow.addLast(now);
      usedToday++;
      return headers;
    }
    if (bucket == Bucket.STANDARD) {
      if (window.size() >= max) {
        throw new RateLimited(
            "TEN_SECONDLY_ROLLING",
            "You have reached your ten_secondly_rolling limit.",
            headers(max, 0));
      }
      window.addLast(now);
    }
    usedToday++;
    return headers(max, Math.max(0, max - window.size()));
  }

  private Map<String, String> headers(int max, int remaining) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-HubSpot-RateLimit-Daily", Long.toString(dailyLimit));
    headers.put(
        "X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, dailyLimit - usedToday)));
    headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(WINDOW_MILLIS));
    headers.put("X-HubSpot-RateLimit-Max", Integer.toString(max));
    headers.put("X-HubSpot-RateLimit-Remaining", Integer.toString(remaining));
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
