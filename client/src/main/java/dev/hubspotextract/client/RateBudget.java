package dev.hubspotextract.client;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The rate budget of one run, shared by every request of every task (hubspot-api.md §11). Three
 * buckets: the 10-second window (sized from the tier, then from {@code X-HubSpot-RateLimit-Max} and
 * {@code -Interval-Milliseconds} once HubSpot sends them, and kept within {@code -Remaining} when
 * another app of the account spends part of it), search's own 5 per second, and the v4 association
 * batch reads, which HubSpot's spec marks {@code x-hubspot-rate-limit-exemptions: ["ten-secondly"]}
 * and which therefore go unpaced, until a 429 on one shows the exemption is not honoured, after
 * which they draw from the 10-second window too. A 429 pauses its whole bucket, not only the
 * request refused. Rate-limit headers outside what HubSpot could mean are ignored ({@link
 * RateLimitHeaders}), and said so once per header in the trace.
 */
public final class RateBudget implements Pacer {
  /** HubSpot's lowest tier (Free/Starter), used until the tier or the headers say otherwise. */
  public static final int DEFAULT_PER_TEN_SECONDS = 100;

  static final int SEARCH_PER_SECOND = 5;

  /** Sends kept below HubSpot's count so a request in flight across the window edge is no 429. */
  private static final Duration SLACK = Duration.ofMillis(150);

  private final RollingWindowPacer tenSecondly;
  private final RollingWindowPacer search;
  private final AtomicBoolean exemptionHonoured = new AtomicBoolean(true);
  private final boolean learn;
  private final Consumer<String> trace;

  /** The headers whose ignored values were reported: once each, not on every response. */
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /**
   * @param perTenSeconds the tier's requests per 10 seconds
   * @param learn whether HubSpot's rate-limit headers may resize the 10-second budget
   */
  public RateBudget(int perTenSeconds, boolean learn, Clock clock, Sleeper sleeper) {
    this(perTenSeconds, learn, clock, sleeper, null);
  }

  /**
   * @param perTenSeconds the tier's requests per 10 seconds
   * @param learn whether HubSpot's rate-limit headers may resize the 10-second budget
   * @param trace where to say that a header was ignored ({@code --verbose}); null for nowhere
   */
  public RateBudget(
      int perTenSeconds, boolean learn, Clock clock, Sleeper sleeper, Consumer<String> trace) {
    this.tenSecondly =
        new RollingWindowPacer(
            effective(perTenSeconds), Duration.ofSeconds(10), SLACK, clock, sleeper);
    this.search =
        new RollingWindowPacer(SEARCH_PER_SECOND, Duration.ofSeconds(1), SLACK, clock, sleeper);
    this.learn = learn;
    this.trace = trace == null ? line -> {} : trace;
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

  @Override
  public void acquire() throws InterruptedException {
    tenSecondly.acquire();
  }

  @Override
  public void acquire(ApiRequest request) throws InterruptedException {
    switch (bucketOf(request)) {
      case SEARCH -> search.acquire();
      case EXEMPT -> {
        if (!exemptionHonoured.get()) {
          tenSecondly.acquire();
        }
      }
      case TEN_SECONDLY -> tenSecondly.acquire();
    }
  }

  @Override
  public void observe(ApiRequest request, ApiResponse response) {
    Bucket bucket = bucketOf(request);
    if (response.status() == 429) {
      pauseFor429(bucket, response);
    }
    if (!learn || bucket == Bucket.SEARCH) {
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
    if (bucket == Bucket.TEN_SECONDLY) { // once the window has its size
      RateLimitHeaders.remaining(response, max.orElse(RateLimitHeaders.MAX_HIGH), this::ignored)
          .ifPresent(tenSecondly::atMost);
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
    String policy = ErrorBody.parse(response.body()).policyName();
    String name = policy == null ? "" : policy;
    if (name.equalsIgnoreCase("DAILY")) {
      return;
    }
    Duration wait = Retrying.rateLimitWait(name, response);
    if (Retrying.isTooLong(wait)) {
      return; // holding the other tasks would only keep them from meeting the stop themselves
    }
    if (bucket == Bucket.SEARCH) {
      search.pause(wait);
    } else if (bucket == Bucket.EXEMPT && !name.equalsIgnoreCase("TEN_SECONDLY_ROLLING")) {
      return; // a secondly or unnamed limit on an exempt read says nothing of the window
    } else {
      if (bucket == Bucket.EXEMPT) {
        exemptionHonoured.set(false); // not exempt after all: these reads draw from the window now
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
    return "RateBudget["
        + tenSecondly.maxRequests()
        + " per "
        + tenSecondly.intervalMillis()
        + " ms]";
  }
}
