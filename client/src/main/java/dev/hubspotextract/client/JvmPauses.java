package dev.hubspotextract.client;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Locale;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The moments this JVM stood still for a garbage collection, as the JVM reports them. A request
 * whose rate-limit slot was taken just before such a pause leaves only after it, so HubSpot, which
 * counts on arrival, counts it that much later than we did: a pause of 40 ms (a young collection on
 * two busy cores) is more than the per-second window's slack, and the request sent a second after
 * it would have been one too many (a 429 SECONDLY seen in the small-portal benchmark). {@link
 * RateBudget} counts such sends as sent when the pause ended.
 *
 * <p>One recorder per JVM, since the pauses are the JVM's: it listens to each collector once and
 * keeps the last {@value #KEPT} pauses. Concurrent collectors' cycles are not pauses and are left
 * out (their beans are named "… Cycles" or "… Concurrent …").
 */
final class JvmPauses {
  /** A pause, in the wall-clock milliseconds of {@link System#currentTimeMillis()}. */
  record Pause(long startMillis, long endMillis) {}

  /** Pauses kept: far more than can come between two sends. */
  private static final int KEPT = 16;

  private static final JvmPauses SYSTEM = listening(new JvmPauses());

  private final long[] starts = new long[KEPT];
  private final long[] ends = new long[KEPT];

  /** Pauses reported so far; the last {@value #KEPT} of them are held. */
  private volatile int reported;

  /** The JVM's own pauses, reported as they happen. */
  static JvmPauses system() {
    return SYSTEM;
  }

  /**
   * The pauses to hold against sends timed by {@code clock}: the JVM's, which are wall-clock times,
   * for the system clock; none for any other (a test's clock counts time of its own).
   */
  static JvmPauses of(Clock clock) {
    return clock.getClass() == Clock.systemUTC().getClass() ? SYSTEM : new JvmPauses();
  }

  /** How many pauses were reported so far: compare with an earlier count to see new ones. */
  int reported() {
    return reported;
  }

  /**
   * The {@code index}th pause reported (from 0), or null once it is no longer among the last
   * {@value #KEPT}.
   */
  synchronized Pause pause(int index) {
    if (index < 0 || index >= reported) {
      throw new IndexOutOfBoundsException("pause " + index + " was not reported yet");
    }
    return index < reported - KEPT ? null : new Pause(starts[index % KEPT], ends[index % KEPT]);
  }

  synchronized void add(long startMillis, long endMillis) {
    int index = reported;
    starts[index % KEPT] = startMillis;
    ends[index % KEPT] = endMillis;
    reported = index + 1;
  }

  /**
   * Listens to the JVM's collectors; on a runtime without the {@code jdk.management} module (a
   * trimmed image) it tells of no pause, and the rate budget keeps its slack alone.
   */
  private static JvmPauses listening(JvmPauses pauses) {
    try {
      Class.forName("com.sun.management.GarbageCollectionNotificationInfo");
      listenToEachCollector(pauses);
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      // no pauses told: not worth failing a pull over
    }
    return pauses;
  }

  private static void listenToEachCollector(JvmPauses pauses) {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      String name = collector.getName().toLowerCase(Locale.ROOT);
      if (name.contains("cycles") || name.contains("concurrent")) {
        continue;
      }
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (notification, handback) -> {
              if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                  notification.getType())) {
                com.sun.management.GcInfo info =
                    GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData())
                        .getGcInfo();
                // timed from the JVM's start (its uptime reads some 50 ms apart from these)
                long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
                long start = jvmStart + info.getStartTime();
                // its end can read a millisecond before its start (seen with G1)
                pauses.add(start, Math.max(start, jvmStart + info.getEndTime()));
              }
            },
            null,
            null);
      }
    }
  }
}
