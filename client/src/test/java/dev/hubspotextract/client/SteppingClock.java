package dev.hubspotextract.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when someone sleeps on it (or a test advances it). */
final class SteppingClock extends Clock implements Sleeper {
  private long millis;

  @Override
  public synchronized void sleep(Duration duration) {
    millis += duration.toMillis();
  }

  synchronized void advance(long by) {
    millis += by;
  }

  @Override
  public synchronized long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
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
