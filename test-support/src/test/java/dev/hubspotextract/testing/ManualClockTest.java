package dev.hubspotextract.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  @Test
  void standsStillUntilMovedAndThenMovesExactlyAsFar() throws InterruptedException {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));

    Thread.sleep(20); // real time passes
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
    clock.advance(Duration.ofMillis(1_500));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-05-01T10:00:01.500Z"));
  }

  @Test
  void asASleeperItSleepsNoRealTimeAndCountsFromZero() throws Exception {
    ManualClock clock = new ManualClock();
    long before = System.nanoTime();

    clock.advance(Duration.ofHours(1)); // what a pacer would sleep

    assertThat(clock.millis()).isEqualTo(3_600_000);
    assertThat(System.nanoTime() - before).isLessThan(Duration.ofSeconds(5).toNanos());
  }

  @Test
  void movesForwardOnlyButCanBeSetPastAMidnight() {
    ManualClock clock = new ManualClock();

    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forward only");
    clock.set(Instant.parse("2026-05-02T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));
  }
}
