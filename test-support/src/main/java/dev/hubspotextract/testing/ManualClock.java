package dev.hubspotextract.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it: rate-limit windows, daily resets and search lag
 * pass without waiting. Handed over as a sleeper too ({@code clock::advance}), it moves exactly as
 * far as the code under test would have slept. Thread-safe.
 */
public final class ManualClock extends Clock {
  private volatile Instant now;

  /** A clock at the epoch, so that its {@link #millis()} count from 0. */
  public ManualClock() {
    this(Instant.EPOCH);
  }

  public ManualClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock on; also a sleeper that sleeps no real time. */
  public synchronized void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a clock moves forward only, not by " + by);
    }
    now = now.plus(by);
  }

  /** Sets the clock to {@code instant}, e.g. past a midnight. */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
