package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketPacerTest {
  /** A clock that moves only when the pacer sleeps. */
  private static final class SteppingClock extends Clock implements Sleeper {
    private long millis;

    @Override
    public void sleep(Duration duration) {
      millis += duration.toMillis();
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void neverLetsMoreThanTheLimitThroughInAnyRollingWindow() throws InterruptedException {
    SteppingClock clock = new SteppingClock();
    TokenBucketPacer pacer = new TokenBucketPacer(100, Duration.ofSeconds(10), clock, clock);
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      pacer.acquire();
      sent.add(clock.millis());
    }
    for (int i = 0; i + 100 < sent.size(); i++) {
      // the 101st request after request i goes out at least a full window later
      assertThat(sent.get(i + 100) - sent.get(i)).isGreaterThanOrEqualTo(10_000);
    }
    // and the pacer does not crawl: 1,000 requests take about 100 seconds
    assertThat(clock.millis()).isBetween(95_000L, 115_000L);
  }
}
