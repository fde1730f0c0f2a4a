package dev.hubspotextract.client;

import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * HubSpot's rate-limit headers of one response (10-second and per-second), each taken only when it
 * is a whole number within a range HubSpot could mean (hubspot-api.md §11): a server, or whatever
 * sits between it and us, can send any number, and these numbers size memory and waits. A value
 * outside its range, not a number, or negative is as good as absent; the caller hears the header's
 * name and a line saying why, to say so once.
 */
final class RateLimitHeaders {
  static final String MAX = "X-HubSpot-RateLimit-Max";
  static final String INTERVAL = "X-HubSpot-RateLimit-Interval-Milliseconds";
  static final String REMAINING = "X-HubSpot-RateLimit-Remaining";
  static final String SECONDLY = "X-HubSpot-RateLimit-Secondly";

  /**
   * Requests per window. HubSpot's tiers give 100 to 250 per 10 s (190 the usual, 150 and 110 in
   * older captures); 10,000 leaves room for 40 times the largest without letting a window's send
   * times (one long each) grow past 80 KB.
   */
  static final long MAX_LOW = 1;

  static final long MAX_HIGH = 10_000;

  /**
   * The window's length. HubSpot sends 10000; the legacy secondly limit would be 1000. Below 100 ms
   * no window is documented (and the pacer's 150 ms slack would outweigh it); above a minute the
   * wait after a 429 would be longer than any limit HubSpot describes short of the daily one.
   */
  static final long INTERVAL_LOW = 100;

  static final long INTERVAL_HIGH = 60_000;

  /**
   * Requests per second. Real answers send a tenth of the 10-second Max (11 with 110, 15 with 150);
   * a tenth of {@link #MAX_HIGH} bounds it likewise, and the window holds one long per send.
   */
  static final long SECONDLY_LOW = 1;

  static final long SECONDLY_HIGH = MAX_HIGH / 10;

  private RateLimitHeaders() {}

  /** {@code X-HubSpot-RateLimit-Max} when within {@value #MAX_LOW}..{@value #MAX_HIGH}. */
  static OptionalLong max(ApiResponse response, BiConsumer<String, String> ignored) {
    return within(response, MAX, MAX_LOW, MAX_HIGH, ignored);
  }

  /** {@code -Interval-Milliseconds} when within {@value #INTERVAL_LOW}..{@value #INTERVAL_HIGH}. */
  static OptionalLong intervalMillis(ApiResponse response, BiConsumer<String, String> ignored) {
    return within(response, INTERVAL, INTERVAL_LOW, INTERVAL_HIGH, ignored);
  }

  /** {@code -Remaining} when within 0..{@code max} (the window's size: no more can remain). */
  static OptionalLong remaining(
      ApiResponse response, long max, BiConsumer<String, String> ignored) {
    return within(response, REMAINING, 0, max, ignored);
  }

  /** {@code X-HubSpot-RateLimit-Secondly} when within {@value #SECONDLY_LOW}..1000. */
  static OptionalLong secondly(ApiResponse response, BiConsumer<String, String> ignored) {
    return within(response, SECONDLY, SECONDLY_LOW, SECONDLY_HIGH, ignored);
  }

  /** Whether the answer carries any 10-second header, whatever its value. */
  static boolean anyTenSecondly(ApiResponse response) {
    return response.header(MAX).isPresent() || response.header(REMAINING).isPresent();
  }

  /**
   * The header's value when it is a whole number in {@code low..high}; otherwise empty, and, when
   * the header was there, {@code ignored} hears its name and a line saying what was sent and why it
   * is not used.
   */
  private static OptionalLong within(
      ApiResponse response, String name, long low, long high, BiConsumer<String, String> ignored) {
    String raw = response.header(name).orElse(null);
    if (raw == null) {
      return OptionalLong.empty();
    }
    long value = parse(raw.trim());
    if (value >= low && value <= high) {
      return OptionalLong.of(value);
    }
    ignored.accept(
        name,
        "ignoring "
            + name
            + ": "
            + ServerText.excerpt(raw, 40) // a hostile header cannot flood the trace
            + " from HubSpot: not a whole number in "
            + low
            + ".."
            + high);
    return OptionalLong.empty();
  }

  /** The digits' value, or -1 when they are not only digits or overflow a long. */
  private static long parse(String digits) {
    long value = ApiResponse.digitsValue(digits);
    return value == Long.MAX_VALUE ? -1 : value;
  }
}
