package dev.hubspotextract.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket sized so that no rolling window of {@code window} sees more than {@code
 * maxRequests}: a small burst, then an even rate. Hand-written: it is a dozen lines and the
 * libraries that do this (Guava, Bucket4j) would be a large dependency for it.
 */
public final class TokenBucketPacer implements Pacer {
  private final Clock clock;
  private final Sleeper sleeper;
  private final double capacity;
  private final double perMilli;
  private double tokens;
  private long lastMillis;

  /**
   * @param maxRequests at most this many requests in any window
   * @param window the window HubSpot counts in (10 seconds)
   */
  public TokenBucketPacer(int maxRequests, Duration window, Clock clock, Sleeper sleeper) {
    if (maxRequests < 2) {
      throw new IllegalArgumentException("maxRequests must be at least 2, got " + maxRequests);
    }
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
    // burst + rate * window <= maxRequests keeps every rolling window within the limit
    this.capacity = Math.max(1, maxRequests / 10);
    this.perMilli = (maxRequests - capacity) / (double) window.toMillis();
    this.tokens = capacity;
    this.lastMillis = clock.millis();
  }

  @Override
  public void acquire() throws InterruptedException {
    long waitMillis = reserve();
    if (waitMillis > 0) {
      sleeper.sleep(Duration.ofMillis(waitMillis));
    }
  }

  private synchronized long reserve() {
    long now = clock.millis();
    tokens = Math.min(capacity, tokens + (now - lastMillis) * perMilli);
    lastMillis = now;
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perMilli);
  }
}
