package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmPausesTest {
  @Test
  void aCollectionOfThisJvmIsReportedWithTheMomentsItStoodStill() throws InterruptedException {
    JvmPauses pauses = JvmPauses.system();
    int before = pauses.reported();
    long asked = System.currentTimeMillis();

    System.gc(); // a full collection: a pause with every collector this JVM may run
    JvmPauses.Pause pause = null;
    long deadline = System.currentTimeMillis() + 10_000;
    while (pause == null && System.currentTimeMillis() < deadline) {
      Thread.sleep(10); // the JVM tells its listeners from a thread of its own, shortly after
      pause = pauseEndingAfter(pauses, before, asked); // not one that came just before
    }

    assertThat(pause).isNotNull();
    // the JVM's uptime and the wall clock count in whole milliseconds, read moments apart
    assertThat(pause.startMillis()).isGreaterThanOrEqualTo(asked - 20);
    assertThat(pause.endMillis())
        .isGreaterThanOrEqualTo(pause.startMillis())
        .isLessThanOrEqualTo(System.currentTimeMillis() + 50);
  }

  private static JvmPauses.Pause pauseEndingAfter(JvmPauses pauses, int from, long moment) {
    for (int i = from; i < pauses.reported(); i++) {
      JvmPauses.Pause pause = pauses.pause(i);
      if (pause != null && pause.endMillis() >= moment) {
        return pause;
      }
    }
    return null;
  }

  @Test
  void onlyTheLastPausesAreHeld() {
    JvmPauses pauses = new JvmPauses();
    for (int i = 0; i < 20; i++) {
      pauses.add(i * 100L, i * 100L + 10);
    }

    assertThat(pauses.reported()).isEqualTo(20);
    assertThat(pauses.pause(3)).isNull();
    assertThat(pauses.pause(19)).isEqualTo(new JvmPauses.Pause(1_900, 1_910));
  }
}
