package dev.hubspotextract.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps any rolling window of {@code interval} to at most {@code maxRequests} sends, as HubSpot
 * counts them: it remembers the send times of the last {@code maxRequests} requests and lets the
 * next one go once the oldest of them is an interval (plus a little slack) old. Unlike a token
 * bucket sized for the worst window, it uses the whole budget. Hand-written: a few lines, and rate
 * limiter libraries (Bucket4j, Guava) bring a large dependency for it. Thread-safe; the limit can
 * change while it runs ({@link #resize}) when HubSpot's headers say another. The send times are a
 * ring of plain longs that grows with the sends actually held, never past {@code maxRequests}: no
 * box per request, and no memory a number alone can claim. A window can start without a limit
 * ({@link #unlimited}), when only a header will tell it, and then holds requests only while paused.
 * Two windows that every request passes both take their slots together ({@link #acquireBoth}).
 */
public final class RollingWindowPacer implements Pacer {
  /** Limit of a window that has none yet: it counts nothing and holds only while paused. */
  private static final int NO_LIMIT = 0;

  private final Clock clock;
  private final Sleeper sleeper;
  private final long slackMillis;

  /** The send times held, oldest first from {@code head}, {@code size} of them. */
  private long[] sent = new long[16];

  private int head;
  private int size;
  private int maxRequests;
  private long intervalMillis;
  private long pausedUntil;

  /** Whether sends keep an even gap of an interval's share apart ({@link #spreadEvenly}). */
  private boolean evenly;

  /** When the last send went, for the even gap; none yet while negative. */
  private long lastSent = -1;

  /**
   * @param maxRequests at most this many sends in any window
   * @param interval the window's length
   * @param slack added to the window to absorb the delay between our send and HubSpot's count
   */
  public RollingWindowPacer(
      int maxRequests, Duration interval, Duration slack, Clock clock, Sleeper sleeper) {
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
    this.slackMillis = slack.toMillis();
    resize(maxRequests, interval.toMillis());
  }

  private RollingWindowPacer(Duration interval, Duration slack, Clock clock, Sleeper sleeper) {
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
    this.slackMillis = slack.toMillis();
    this.intervalMillis = interval.toMillis();
    this.maxRequests = NO_LIMIT;
  }

  /** A window without a limit until {@link #resize} gives it one; its pauses hold all the same. */
  static RollingWindowPacer unlimited(
      Duration interval, Duration slack, Clock clock, Sleeper sleeper) {
    return new RollingWindowPacer(interval, slack, clock, sleeper);
  }

  /**
   * Keeps consecutive sends at least {@code interval / maxRequests} apart, on top of the window:
   * the window alone lets a full count out in one burst, whose requests then share connections and
   * threads on their way and may reach the server later than sent, so that a send a window later is
   * counted with them. Spread evenly, each goes out alone. The pace is the window's as long as
   * requests wait; a moment without one is not made up by a burst later.
   */
  synchronized RollingWindowPacer spreadEvenly() {
    this.evenly = true;
    return this;
  }

  /** Changes the limit, e.g. to what HubSpot's {@code X-HubSpot-RateLimit-Max} says. */
  public synchronized void resize(int maxRequests, long intervalMillis) {
    if (maxRequests < 1) {
      throw new IllegalArgumentException("maxRequests must be at least 1, got " + maxRequests);
    }
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("interval must be positive, got " + intervalMillis);
    }
    this.maxRequests = maxRequests;
    this.intervalMillis = intervalMillis;
  }

  /** The most sends in a window; 0 while it has no limit ({@link #unlimited}). */
  public synchronized int maxRequests() {
    return maxRequests;
  }

  public synchronized long intervalMillis() {
    return intervalMillis;
  }

  @Override
  public void acquire() throws InterruptedException {
    while (true) {
      long wait = reserve();
      if (wait <= 0) {
        return;
      }
      sleeper.sleep(Duration.ofMillis(wait));
    }
  }

  /**
   * HubSpot says only {@code remaining} sends are left in its window: when that is fewer than this
   * pacer would allow, someone else (another app on the account) spent the difference, which is
   * counted as sent now.
   */
  public synchronized void atMost(long remaining) {
    long now = clock.millis();
    expire(now);
    long spentElsewhere = (maxRequests - size) - Math.max(0, remaining);
    for (long i = 0; i < spentElsewhere; i++) { // at most maxRequests - size
      addLast(now);
    }
  }

  /**
   * Counts every send held from before {@code at} as sent at {@code at}: HubSpot may have counted
   * them as late as that (a cold connection's handshake, a cold server), so they stay in the window
   * until then.
   */
  public void countSentBeforeAt(long at) {
    countSentBetweenAt(Long.MIN_VALUE, at);
  }

  /**
   * Counts the sends held from {@code from} up to {@code at} as sent at {@code at} (they were held
   * up until then, see {@link JvmPauses}). The ring stays in order: the sends moved are those from
   * {@code from} on, and none later than them is earlier than {@code at}.
   */
  synchronized void countSentBetweenAt(long from, long at) {
    for (int i = 0; i < size; i++) {
      int index = (head + i) % sent.length;
      if (sent[index] >= at) {
        return;
      }
      if (sent[index] >= from) {
        sent[index] = at;
      }
    }
  }

  /** Lets nothing through for {@code duration}: HubSpot answered 429, its window is full. */
  public synchronized void pause(Duration duration) {
    pausedUntil = Math.max(pausedUntil, clock.millis() + duration.toMillis());
  }

  /** Forgets sends older than the window (and any beyond the limit after a resize to fewer). */
  private void expire(long now) {
    while (size > maxRequests) {
      pollFirst();
    }
    while (size > 0 && sent[head] + intervalMillis + slackMillis <= now) {
      pollFirst();
    }
  }

  /** Takes a slot now and returns 0, or returns how long to wait before asking again. */
  private synchronized long reserve() {
    long now = clock.millis();
    long wait = waitAt(now);
    if (wait <= 0) {
      take(now);
    }
    return wait;
  }

  /**
   * Takes a slot in both windows at the same moment, once both have one, and returns that moment: a
   * slot taken in one while the request still waits for the other would be counted as sent too
   * early, and free too early. Locks {@code first}, then {@code second}: always pass them in the
   * same order.
   */
  static long acquireBoth(RollingWindowPacer first, RollingWindowPacer second)
      throws InterruptedException {
    while (true) {
      long wait;
      synchronized (first) {
        synchronized (second) {
          long now = first.clock.millis();
          wait = Math.max(first.waitAt(now), second.waitAt(now));
          if (wait <= 0) {
            first.take(now);
            second.take(now);
            return now;
          }
        }
      }
      first.sleeper.sleep(Duration.ofMillis(wait));
    }
  }

  /** How long until a send fits at {@code now}, 0 when one does; the caller holds the lock. */
  private long waitAt(long now) {
    if (pausedUntil > now) {
      return pausedUntil - now;
    }
    if (maxRequests == NO_LIMIT) {
      return 0;
    }
    if (evenly && lastSent >= 0) {
      long evenAt = lastSent + intervalMillis / maxRequests;
      if (evenAt > now) {
        return evenAt - now;
      }
    }
    while (size > maxRequests) {
      pollFirst(); // after a resize to fewer
    }
    if (size == maxRequests) {
      long freeAt = sent[head] + intervalMillis + slackMillis;
      if (freeAt > now) {
        return freeAt - now;
      }
    }
    return 0;
  }

  /** Counts a send at {@code now}, which {@link #waitAt} said fits; the caller holds the lock. */
  private void take(long now) {
    if (maxRequests == NO_LIMIT) {
      return;
    }
    if (size == maxRequests) {
      pollFirst(); // the oldest is out of the window
    }
    addLast(now);
    lastSent = now;
  }

  /**
   * The time of the oldest send held that is later than {@code cutoff} ({@link Long#MAX_VALUE} when
   * none is): whether a send leaves the window within a span. Exact for any {@code cutoff} not
   * older than an interval and the slack, since a send is forgotten only after that.
   */
  synchronized long oldestSentAfter(long cutoff) {
    for (int i = 0; i < size; i++) {
      long time = sent[(head + i) % sent.length];
      if (time > cutoff) {
        return time;
      }
    }
    return Long.MAX_VALUE;
  }

  /** How many sends held were made in {@code (after, upTo]}; exact within an interval and slack. */
  synchronized int countSentBetween(long after, long upTo) {
    int count = 0;
    for (int i = 0; i < size; i++) {
      long time = sent[(head + i) % sent.length];
      if (time > after && time <= upTo) {
        count++;
      }
    }
    return count;
  }

  private void pollFirst() {
    head = (head + 1) % sent.length;
    size--;
  }

  private void addLast(long time) {
    if (size == sent.length) {
      grow();
    }
    sent[(head + size) % sent.length] = time;
    size++;
  }

  /** Doubles the ring, but never past what the limit can hold. */
  private void grow() {
    long[] bigger = new long[(int) Math.min(2L * sent.length, Math.max(maxRequests, size + 1L))];
    for (int i = 0; i < size; i++) {
      bigger[i] = sent[(head + i) % sent.length];
    }
    sent = bigger;
    head = 0;
  }

  /** How many send times the ring has room for (tests: memory follows the limit, not a header). */
  synchronized int capacity() {
    return sent.length;
  }
}
