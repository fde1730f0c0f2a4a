package dev.hubspotextract.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The rate budget of one run, shared by every request of every task (hubspot-api.md §11). Three
 * buckets:
 *
 * <ul>
 *   <li>the 10-second window, sized from the tier, then from {@code X-HubSpot-RateLimit-Max} and
 *       {@code -Interval-Milliseconds} once HubSpot sends them, and kept within {@code -Remaining}
 *       when another app of the account spends part of it. Only answers of requests that surely
 *       count in it size it or spend it: not search, and not a v4 association read while it may be
 *       exempt, whose headers may speak of another count;
 *   <li>the second, sized from {@code X-HubSpot-RateLimit-Secondly} (real answers still send it, a
 *       tenth of Max: 11 with 110, 15 with 150), for every request but search, its sends spread
 *       evenly over it ({@link RollingWindowPacer#spreadEvenly}). A budget {@link #forTier for a
 *       tier} holds a tenth of the tier per second until an answer says the allowance: without
 *       that, the 10-second window lets its whole count out at once, some 30 requests in a second
 *       against an allowance of 19, and a run's first burst (every object's properties asked at
 *       once) would come before any answer could say it;
 *   <li>search's own 5 per second.
 * </ul>
 *
 * <p>Both windows keep a couple of requests under HubSpot's count plus a little time (HubSpot
 * counts on arrival, we count on sending), and a request takes its slot in both at the same moment.
 * A run's first request arrives late (a new connection's handshake, a server not yet warm: 0.6 s
 * against the sandbox), so what was sent before the first answer counts as sent at that answer. A
 * send held up by a pause of this JVM counts as sent when the pause ended ({@link JvmPauses}). A
 * 429 pauses its whole bucket, not only the request refused: TEN_SECONDLY_ROLLING the window,
 * SECONDLY the second (or search's).
 *
 * <p>v4 association batch reads: HubSpot's spec marks them {@code x-hubspot-rate-limit-exemptions:
 * ["ten-secondly"]}, which no prose explains. So they draw from the 10-second window until
 * HubSpot's answers show that they do not count in it, and go unpaced by it only then. A showing is
 * one of
 *
 * <ul>
 *   <li>an association answer without any 10-second header, once list answers have carried them
 *       (search, exempt too, carries none);
 *   <li>an association answer whose {@code -Remaining} is no lower than that of the association
 *       answer before it, the read sent after that answer came, with no send of ours (or of others,
 *       as far as {@code -Remaining} told us) leaving the window in between. Had HubSpot counted
 *       the read, {@code -Remaining} would have dropped by one; other requests in between only make
 *       it drop, never rise, so they cannot fake a showing;
 *   <li>an association answer whose {@code Max - Remaining} (what HubSpot counted in its window) is
 *       well below what it would be had it counted the association reads: at most our other sends
 *       of the window plus half of the {@value #READS_TO_TELL} or more association reads sent in
 *       it. Under steady traffic sends leave the window all the time, so the showing above hardly
 *       ever qualifies; this one needs reads enough that their count outweighs the sends of ours
 *       still on their way (a few at a time). Another app's requests only raise what HubSpot
 *       counted, so they cannot fake it either.
 * </ul>
 *
 * {@value #SHOWINGS} showings in a row make the exemption hold; a qualifying answer whose {@code
 * -Remaining} dropped starts the count again. Another app's requests leaving the window at just
 * those moments could fake a showing; the cost is bounded: a 429 TEN_SECONDLY_ROLLING on an
 * association read revokes the exemption for the rest of the run, and they draw from the window
 * again.
 *
 * <p>The per-second allowance is the 10-second window's own, a tenth of it, so once association
 * reads are shown exempt from the window they go unpaced by the second too. That is a reading, not
 * a promise: a 429 {@code SECONDLY} on an association read puts them back under the second for the
 * rest of the run (a pause of a second, no loss).
 *
 * <p>Rate-limit headers outside what HubSpot could mean are ignored ({@link RateLimitHeaders}), and
 * said so once per header in the trace, as are the exemption's changes.
 */
public final class RateBudget implements Pacer {
  /** HubSpot's lowest tier (Free/Starter), used until the tier or the headers say otherwise. */
  public static final int DEFAULT_PER_TEN_SECONDS = 100;

  static final int SEARCH_PER_SECOND = 5;

  /** Sends kept below HubSpot's count so a request in flight across the window edge is no 429. */
  private static final Duration SLACK = Duration.ofMillis(150);

  /**
   * The per-second window's slack: smaller, as 150 ms on a second would cost an eighth of its count
   * (and of the pull's pace whenever the second binds, which it does as much as the 10-second
   * window). What it must absorb is how much later than its neighbours a send reaches HubSpot: 50
   * ms drew a 429 SECONDLY now and then. The sandbox's arrival times against the send times showed
   * the late sends were those a pause of the JVM held up (a young collection of 25 to 60 ms); those
   * now count from the pause's end ({@link JvmPauses}), and the second's sends are spread evenly so
   * that no burst adds to a delay. With both, 25 ms drew none in 12 small-portal runs.
   */
  private static final Duration SECONDLY_SLACK = Duration.ofMillis(25);

  /**
   * How long before a pause of the JVM a send may have taken its slot and still not have left: the
   * request is built and handed to the HTTP client after its slot is taken (well under this).
   */
  private static final Duration HELD_UP_BEFORE_PAUSE = Duration.ofMillis(10);

  /** Showings in a row that make the association reads' exemption hold. */
  static final int SHOWINGS = 3;

  /** Association reads in the window before HubSpot's count can tell whether it counts them. */
  static final int READS_TO_TELL = 10;

  private final Clock clock;
  private final RollingWindowPacer tenSecondly;
  private final RollingWindowPacer secondly;
  private final RollingWindowPacer search;
  private final boolean learn;
  private final Consumer<String> trace;
  private final JvmPauses pauses;

  /** How many of the JVM's pauses were accounted for ({@link #countSendsHeldUpByPauses}). */
  private final AtomicInteger pausesSeen = new AtomicInteger();

  /** The headers whose ignored values were reported: once each, not on every response. */
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /** Whether the association reads are exempt from the 10-second window, as far as shown. */
  private enum Exemption {
    UNPROVEN,
    HONOURED,
    REVOKED
  }

  private volatile Exemption exemption = Exemption.UNPROVEN;

  /** Whether a 429 SECONDLY on an association read showed that the second counts them. */
  private volatile boolean associationsCountPerSecond;

  /** Whether any answer came yet: until then a send's arrival is anyone's guess (class comment). */
  private final AtomicBoolean answered = new AtomicBoolean();

  /** Whether an answer of the 10-second window carried its headers. */
  private volatile boolean windowSentHeaders;

  /** The association read this thread sent and awaits, while the exemption is unproven. */
  private final ThreadLocal<Sent> inFlight = new ThreadLocal<>();

  /** Association sends and answers, numbered in order; guarded by {@code evidence}. */
  private long events;

  /** The last association answer with a {@code -Remaining}; guarded by {@code evidence}. */
  private Answered previous;

  /** Showings in a row; guarded by {@code evidence}. */
  private int showings;

  /** When the association reads of the last window were sent; guarded by {@code evidence}. */
  private final ArrayDeque<Long> associationSends = new ArrayDeque<>();

  private final Object evidence = new Object();

  /**
   * An association read sent: its number among the events, when, and the oldest send the window
   * held then (it included): none older can leave the window before it does.
   */
  private record Sent(long event, long millis, long oldestHeld) {}

  /** An association answer: its number among the events, its -Remaining, and its read's send. */
  private record Answered(long event, long remaining, Sent sent) {}

  /**
   * @param perTenSeconds the tier's requests per 10 seconds
   * @param learn whether HubSpot's rate-limit headers may resize the 10-second budget
   */
  public RateBudget(int perTenSeconds, boolean learn, Clock clock, Sleeper sleeper) {
    this(perTenSeconds, learn, clock, sleeper, null);
  }

  /**
   * @param perTenSeconds the tier's requests per 10 seconds
   * @param learn whether HubSpot's rate-limit headers may resize the 10-second budget (the
   *     per-second limit is HubSpot's to say in any case: it only ever holds requests back)
   * @param trace where to say that a header was ignored ({@code --verbose}); null for nowhere
   */
  public RateBudget(
      int perTenSeconds, boolean learn, Clock clock, Sleeper sleeper, Consumer<String> trace) {
    this(perTenSeconds, learn, clock, sleeper, trace, JvmPauses.of(clock));
  }

  /** A budget told of the JVM's pauses by {@code pauses} (tests: pauses of their own). */
  RateBudget(
      int perTenSeconds,
      boolean learn,
      Clock clock,
      Sleeper sleeper,
      Consumer<String> trace,
      JvmPauses pauses) {
    this.pauses = pauses;
    this.pausesSeen.set(pauses.reported());
    this.clock = clock;
    this.tenSecondly =
        new RollingWindowPacer(
            effective(perTenSeconds), Duration.ofSeconds(10), SLACK, clock, sleeper);
    this.secondly =
        RollingWindowPacer.unlimited(Duration.ofSeconds(1), SECONDLY_SLACK, clock, sleeper)
            .spreadEvenly();
    this.search =
        new RollingWindowPacer(SEARCH_PER_SECOND, Duration.ofSeconds(1), SLACK, clock, sleeper);
    this.learn = learn;
    this.trace = trace == null ? line -> {} : trace;
  }

  /**
   * A budget for a tier whose per-second allowance is not known yet: a tenth of the tier per
   * second, HubSpot's own proportion, until an answer's {@code X-HubSpot-RateLimit-Secondly} says.
   *
   * @param learn whether HubSpot's rate-limit headers may resize the 10-second budget
   */
  public static RateBudget forTier(
      int perTenSeconds, boolean learn, Clock clock, Sleeper sleeper, Consumer<String> trace) {
    RateBudget budget = new RateBudget(perTenSeconds, learn, clock, sleeper, trace);
    budget.secondly.resize(Math.max(1, perTenSeconds / 10), 1_000);
    return budget;
  }

  /** Which budget a request draws from. */
  enum Bucket {
    TEN_SECONDLY,
    SEARCH,
    EXEMPT
  }

  static Bucket bucketOf(ApiRequest request) {
    String path = request.path();
    if (path.startsWith("/crm/v3/objects/") && path.endsWith("/search")) {
      return Bucket.SEARCH;
    }
    if (path.startsWith("/crm/v4/associations/") && path.endsWith("/batch/read")) {
      return Bucket.EXEMPT;
    }
    return Bucket.TEN_SECONDLY;
  }

  /** The requests per 10 seconds this budget allows now. */
  public int perTenSeconds() {
    return tenSecondly.maxRequests();
  }

  /** The requests per second this budget allows now; 0 until HubSpot has said its limit. */
  public int perSecond() {
    return secondly.maxRequests();
  }

  @Override
  public void acquire() throws InterruptedException {
    countSendsHeldUpByPauses();
    RollingWindowPacer.acquireBoth(tenSecondly, secondly);
  }

  @Override
  public void acquire(ApiRequest request) throws InterruptedException {
    countSendsHeldUpByPauses();
    switch (bucketOf(request)) {
      case SEARCH -> search.acquire();
      case EXEMPT -> acquireAssociationRead();
      case TEN_SECONDLY -> RollingWindowPacer.acquireBoth(tenSecondly, secondly);
    }
  }

  /**
   * Sends whose slot was taken shortly before a pause of this JVM left only after it: they count as
   * sent when it ended, as HubSpot counted them (see {@link JvmPauses}).
   */
  private void countSendsHeldUpByPauses() {
    int seen = pausesSeen.get();
    int reported = pauses.reported();
    if (seen == reported) {
      return;
    }
    // the sends are moved before the pauses count as seen, so that no thread takes a slot against
    // sends not moved yet; two threads moving the same sends move them alike
    for (int i = seen; i < reported; i++) {
      JvmPauses.Pause pause = pauses.pause(i);
      if (pause != null) {
        long from = pause.startMillis() - HELD_UP_BEFORE_PAUSE.toMillis();
        tenSecondly.countSentBetweenAt(from, pause.endMillis());
        secondly.countSentBetweenAt(from, pause.endMillis());
      }
    }
    pausesSeen.accumulateAndGet(reported, Math::max);
  }

  private void acquireAssociationRead() throws InterruptedException {
    Exemption now = exemption;
    if (now == Exemption.HONOURED) {
      inFlight.remove();
      if (associationsCountPerSecond) {
        secondly.acquire();
      }
      return;
    }
    long sentAt = RollingWindowPacer.acquireBoth(tenSecondly, secondly);
    if (now == Exemption.REVOKED) {
      inFlight.remove();
      return;
    }
    long oldest =
        tenSecondly.oldestSentAfter(sentAt - tenSecondly.intervalMillis() - SLACK.toMillis());
    synchronized (evidence) {
      inFlight.set(new Sent(++events, sentAt, oldest));
      associationSends.addLast(sentAt);
      long forgotten = sentAt - tenSecondly.intervalMillis() - SLACK.toMillis();
      while (associationSends.peekFirst() <= forgotten) {
        associationSends.pollFirst();
      }
    }
  }

  @Override
  public void observe(ApiRequest request, ApiResponse response) {
    Bucket bucket = bucketOf(request);
    if (answered.compareAndSet(false, true)) {
      long now = clock.millis();
      tenSecondly.countSentBeforeAt(now);
      secondly.countSentBeforeAt(now);
    }
    if (response.status() == 429) {
      pauseFor429(bucket, response);
    }
    if (bucket == Bucket.SEARCH) {
      return;
    }
    RateLimitHeaders.secondly(response, this::ignored)
        .ifPresent(
            limit -> {
              // the whole allowance: the window's 25 ms of slack is the margin (one under it,
              // over 1.025 s, would leave a tenth of the pace unused whenever the second binds)
              int wanted = (int) limit;
              if (wanted != secondly.maxRequests()) {
                secondly.resize(wanted, 1_000);
              }
            });
    if (bucket == Bucket.EXEMPT) {
      Sent sent = inFlight.get();
      inFlight.remove();
      if (sent != null) {
        weigh(sent, response);
      }
      if (exemption != Exemption.REVOKED) {
        return; // its headers may not speak of the window: they neither size nor spend it
      }
    } else if (!windowSentHeaders && RateLimitHeaders.anyTenSecondly(response)) {
      windowSentHeaders = true;
    }
    if (!learn) {
      return;
    }
    OptionalLong max = RateLimitHeaders.max(response, this::ignored);
    if (max.isPresent()) {
      int wanted = effective((int) max.getAsLong());
      long millis = RateLimitHeaders.intervalMillis(response, this::ignored).orElse(10_000L);
      if (wanted != tenSecondly.maxRequests() || millis != tenSecondly.intervalMillis()) {
        tenSecondly.resize(wanted, millis);
      }
    }
    // once the window has its size
    RateLimitHeaders.remaining(response, max.orElse(RateLimitHeaders.MAX_HIGH), this::ignored)
        .ifPresent(tenSecondly::atMost);
  }

  /** Weighs an association answer as a showing of the exemption, or against one (class comment). */
  private void weigh(Sent sent, ApiResponse response) {
    boolean headerless = response.isSuccess() && !RateLimitHeaders.anyTenSecondly(response);
    OptionalLong remaining =
        response.isSuccess()
            ? RateLimitHeaders.remaining(response, RateLimitHeaders.MAX_HIGH, this::ignored)
            : OptionalLong.empty();
    OptionalLong max =
        response.isSuccess() ? RateLimitHeaders.max(response, this::ignored) : OptionalLong.empty();
    long window = tenSecondly.intervalMillis();
    // what we sent in HubSpot's window as this read arrived, the reads among it apart
    int sentInWindow = tenSecondly.countSentBetween(sent.millis() - window, sent.millis());
    synchronized (evidence) {
      long event = ++events;
      if (exemption != Exemption.UNPROVEN) {
        return;
      }
      Answered before = previous;
      previous = remaining.isPresent() ? new Answered(event, remaining.getAsLong(), sent) : null;
      if (headerless) {
        if (windowSentHeaders) {
          showing("answered without rate-limit headers, which other answers carry");
        }
        return;
      }
      if (remaining.isPresent() && max.isPresent()) {
        long reads =
            associationSends.stream()
                .filter(time -> time > sent.millis() - window && time <= sent.millis())
                .count();
        long others = Math.max(0, sentInWindow - reads);
        long counted = max.getAsLong() - remaining.getAsLong();
        if (reads >= READS_TO_TELL) {
          if (counted <= others + reads / 2) {
            showing(
                "X-HubSpot-RateLimit-Remaining left out the "
                    + reads
                    + " association reads of the window");
          } else {
            showings = 0;
          }
          return;
        }
      }
      if (remaining.isEmpty() || before == null) {
        return;
      }
      boolean sentAfterIt = sent.event() > before.event();
      boolean noneLeft = before.sent().oldestHeld() > sent.millis() - window + SLACK.toMillis();
      if (sentAfterIt && noneLeft) {
        if (remaining.getAsLong() >= before.remaining()) {
          showing("X-HubSpot-RateLimit-Remaining did not drop across association reads");
        } else {
          showings = 0;
        }
      }
    }
  }

  /**
   * One more showing; the last one needed makes the exemption hold. Guarded by {@code evidence}.
   */
  private void showing(String how) {
    if (++showings >= SHOWINGS) {
      exemption = Exemption.HONOURED;
      trace.accept(
          "rate budget: v4 association batch reads are exempt from the 10-second window (and so"
              + " from its per-second allowance), as HubSpot's answers showed "
              + SHOWINGS
              + " times in a row ("
              + how
              + "); they go unpaced by both from now on");
    }
  }

  /** Says once per header that a value of it was ignored; later ones go unsaid. */
  private void ignored(String header, String line) {
    if (reported.add(header)) {
      trace.accept("rate budget: " + line + " (said once per header)");
    }
  }

  /**
   * A 429 means HubSpot's window is full whatever this budget counted (another app on the account,
   * clocks apart): every request waiting on that window waits, not only the one refused. DAILY, and
   * a wait longer than a run sits through, end the run instead (see {@link Retrying}).
   */
  private void pauseFor429(Bucket bucket, ApiResponse response) {
    RateLimit limit = response.rateLimitAsked(); // read once, by Pacing, for the retry step too
    if (limit.isDaily() || limit.isTooLong()) {
      return; // holding the other tasks would only keep them from meeting the stop themselves
    }
    String name = limit.policyName();
    Duration wait = limit.pause();
    if (bucket == Bucket.SEARCH) {
      search.pause(wait);
    } else if (name.equalsIgnoreCase("SECONDLY")) {
      if (bucket == Bucket.EXEMPT && !associationsCountPerSecond) {
        associationsCountPerSecond = true;
        trace.accept(
            "rate budget: a v4 association batch read was answered 429 SECONDLY: association"
                + " reads keep within the per-second allowance for the rest of the run");
      }
      secondly.pause(wait); // every request but search passes the second
    } else if (bucket == Bucket.EXEMPT && !name.equalsIgnoreCase("TEN_SECONDLY_ROLLING")) {
      return; // an unnamed limit on an association read says nothing of the window
    } else {
      if (bucket == Bucket.EXEMPT && exemption != Exemption.REVOKED) {
        exemption = Exemption.REVOKED; // not exempt after all: these reads draw from the window
        trace.accept(
            "rate budget: a v4 association batch read was answered 429 TEN_SECONDLY_ROLLING:"
                + " association reads draw from the 10-second window for the rest of the run");
      }
      tenSecondly.pause(wait);
    }
  }

  /** A couple of requests under the limit: HubSpot counts on arrival, we count on sending. */
  static int effective(int perWindow) {
    return Math.max(1, perWindow - Math.max(1, perWindow / 50));
  }

  @Override
  public String toString() {
    int perSecond = secondly.maxRequests();
    return "RateBudget["
        + tenSecondly.maxRequests()
        + " per "
        + tenSecondly.intervalMillis()
        + " ms"
        + (perSecond > 0 ? ", " + perSecond + " per second" : "")
        + "]";
  }
}
