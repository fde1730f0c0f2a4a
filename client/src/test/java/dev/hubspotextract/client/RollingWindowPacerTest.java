package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingWindowPacerTest {
  private final ManualClock clock = new ManualClock();

  private List<Long> sendTimes(RollingWindowPacer pacer, int requests) throws InterruptedException {
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      pacer.acquire();
      sent.add(clock.millis());
    }
    return sent;
  }

  @Test
  void neverLetsMoreThanTheLimitIntoAnyWindowYetUsesAllOfIt() throws InterruptedException {
    RollingWindowPacer pacer =
        new RollingWindowPacer(190, Duration.ofSeconds(10), Duration.ZERO, clock, clock::advance);

    List<Long> sent = sendTimes(pacer, 1_900);

    for (int i = 0; i + 190 < sent.size(); i++) {
      assertThat(sent.get(i + 190) - sent.get(i)).isGreaterThanOrEqualTo(10_000);
    }
    // 1,900 requests at 190 per 10 s: the first 190 at once, then 9 more windows
    assertThat(clock.millis()).isEqualTo(90_000);
  }

  @Test
  void slackKeepsEachWindowThatMuchLonger() throws InterruptedException {
    RollingWindowPacer pacer =
        new RollingWindowPacer(
            10, Duration.ofSeconds(1), Duration.ofMillis(100), clock, clock::advance);

    List<Long> sent = sendTimes(pacer, 30);

    assertThat(sent.get(10)).isEqualTo(1_100);
    assertThat(sent.get(20)).isEqualTo(2_200);
  }

  @Test
  void resizingToFewerRequestsTakesEffectAtOnce() throws InterruptedException {
    RollingWindowPacer pacer =
        new RollingWindowPacer(100, Duration.ofSeconds(10), Duration.ZERO, clock, clock::advance);
    sendTimes(pacer, 50);

    pacer.resize(20, 10_000);
    List<Long> sent = sendTimes(pacer, 21);

    // the window already holds 50 (more than 20): nothing goes before the 31st oldest ages out
    assertThat(sent.get(0)).isEqualTo(10_000);
    assertThat(pacer.maxRequests()).isEqualTo(20);
  }

  @Test
  void theSendTimesHeldGrowWithTheSendsNotWithTheLimit() throws InterruptedException {
    RollingWindowPacer pacer =
        new RollingWindowPacer(
            10_000, Duration.ofSeconds(10), Duration.ZERO, clock, clock::advance);

    sendTimes(pacer, 20);

    assertThat(pacer.capacity()).isEqualTo(32);
  }

  @Test
  void aWindowSaidToBeSpentElsewhereHoldsNoMoreSendTimesThanTheLimit() throws InterruptedException {
    RollingWindowPacer pacer =
        new RollingWindowPacer(100, Duration.ofSeconds(10), Duration.ZERO, clock, clock::advance);
    sendTimes(pacer, 10);

    pacer.atMost(0);
    pacer.atMost(0);

    assertThat(pacer.capacity()).isEqualTo(100);
    assertThat(sendTimes(pacer, 1)).containsExactly(10_000L);
  }

  @Test
  void twoWindowsTakenTogetherCountEachSendAtTheMomentItLeavesInBoth() throws InterruptedException {
    RollingWindowPacer tenSeconds =
        new RollingWindowPacer(30, Duration.ofSeconds(10), Duration.ZERO, clock, clock::advance);
    RollingWindowPacer second =
        new RollingWindowPacer(10, Duration.ofSeconds(1), Duration.ZERO, clock, clock::advance);
    List<Long> sent = new ArrayList<>();

    for (int i = 0; i < 60; i++) {
      sent.add(RollingWindowPacer.acquireBoth(tenSeconds, second));
      assertThat(sent.get(i)).isEqualTo(clock.millis());
    }

    for (int i = 0; i + 10 < sent.size(); i++) {
      assertThat(sent.get(i + 10) - sent.get(i)).isGreaterThanOrEqualTo(1_000);
    }
    for (int i = 0; i + 30 < sent.size(); i++) {
      assertThat(sent.get(i + 30) - sent.get(i)).isGreaterThanOrEqualTo(10_000);
    }
    // 10 at 0, 1 and 2 s, then the 10-second window: 10 more at 10, 11 and 12 s
    assertThat(sent.get(59)).isEqualTo(12_000);
  }

  @Test
  void aWindowWithoutALimitYetLetsEverySendThroughButHoldsWhilePaused()
      throws InterruptedException {
    RollingWindowPacer pacer =
        RollingWindowPacer.unlimited(Duration.ofSeconds(1), Duration.ZERO, clock, clock::advance);

    assertThat(sendTimes(pacer, 10_000)).containsOnly(0L);
    assertThat(pacer.capacity()).isEqualTo(16); // nothing held

    pacer.pause(Duration.ofSeconds(1));
    assertThat(sendTimes(pacer, 1)).containsExactly(1_000L);

    pacer.resize(5, 1_000);
    assertThat(sendTimes(pacer, 6)).containsExactly(1_000L, 1_000L, 1_000L, 1_000L, 1_000L, 2_000L);
  }

  @Test
  void spreadEvenlySendsKeepAnIntervalsShareApartAndTheWindowStillHolds()
      throws InterruptedException {
    RollingWindowPacer pacer =
        new RollingWindowPacer(
                19, Duration.ofSeconds(1), Duration.ofMillis(25), clock, clock::advance)
            .spreadEvenly();

    List<Long> sent = sendTimes(pacer, 40);

    for (int i = 1; i < sent.size(); i++) {
      assertThat(sent.get(i) - sent.get(i - 1)).isGreaterThanOrEqualTo(1_000 / 19);
    }
    for (int i = 0; i + 19 < sent.size(); i++) {
      assertThat(sent.get(i + 19) - sent.get(i)).isGreaterThanOrEqualTo(1_025);
    }
    assertThat(sent.subList(0, 3)).containsExactly(0L, 52L, 104L);
    assertThat(sent.get(19)).isEqualTo(1_025); // the window's slack, not another gap
  }

  @Test
  void sendsHeldUpUntilAMomentCountFromItAndTheOthersStayPut() throws InterruptedException {
    RollingWindowPacer pacer =
        new RollingWindowPacer(3, Duration.ofSeconds(1), Duration.ZERO, clock, clock::advance);
    sendTimes(pacer, 1); // at 0
    clock.advance(Duration.ofMillis(100));
    sendTimes(pacer, 2); // at 100, held up until 140 (a pause of the JVM)

    pacer.countSentBetweenAt(90, 140);

    assertThat(sendTimes(pacer, 1)).containsExactly(1_000L); // the send at 0 left first
    assertThat(sendTimes(pacer, 1)).containsExactly(1_140L); // then one counted at 140
  }
}
