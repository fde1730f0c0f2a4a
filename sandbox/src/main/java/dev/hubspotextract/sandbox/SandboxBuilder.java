package dev.hubspotextract.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Configures and starts a {@link Sandbox}; every option has a default. Options check their values.
 */
public final class SandboxBuilder {
  /**
   * The token a sandbox accepts unless told otherwise (not a secret: it only opens the local
   * sandbox).
   */
  public static final String DEFAULT_TOKEN = "pat-na1-00000000-0000-4000-8000-000000000000";

  public static final int DEFAULT_MAX_REQUEST_LINE = 16_384;

  /** The portal's time zone unless told otherwise: HubSpot's home, Cambridge MA. */
  public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("America/New_York");

  /** How long search trails writes unless told otherwise ("a few moments" on HubSpot). */
  public static final Duration DEFAULT_SEARCH_LAG = Duration.ofSeconds(2);

  /** The longest {@link #latencyMillis}. */
  public static final Duration MAX_LATENCY = Duration.ofMinutes(10);

  /**
   * 4 MiB: far above HubSpot's largest legitimate bodies here (a v4 association batch read of 1,000
   * ids is ~30 KB; a batch read of 100 ids with 20,000 property names under 1 MB).
   */
  public static final int DEFAULT_MAX_REQUEST_BODY = 4 * 1024 * 1024;

  String host = "127.0.0.1";
  int port = 0;
  String token = DEFAULT_TOKEN;
  long records = 2_000;
  long seed = 42;
  long latencyMillis = 0;
  RateLimitTier rateLimit = RateLimitTier.OFF;
  long dailyLimit = 0;
  SecondlyLimit secondlyLimit = SecondlyLimit.OFF;
  boolean associationReadsCounted;
  ZoneId timeZone = DEFAULT_TIME_ZONE;
  FaultPlan faults = FaultPlan.NONE;
  int contactProperties = 50;
  Set<String> withoutScopes = Set.of();
  Set<String> broken = Set.of();
  int maxRequestLineLength = DEFAULT_MAX_REQUEST_LINE;
  int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY;
  double churnPerSecond = 0;
  long searchLagMillis = DEFAULT_SEARCH_LAG.toMillis();
  int associationPageSize = 500;
  int recordLimit = 100_000;
  int threads = 0; // 0 = chosen from the latency, see workerThreads()
  Clock clock = Clock.systemUTC();
  PrintStream errorLog = System.err;
  SSLContext tls;

  SandboxBuilder() {}

  /**
   * Serve https:// with the key and certificate of this context (tests of TLS, e.g. behind a proxy
   * that inspects it); plain http:// by default.
   */
  public SandboxBuilder tls(SSLContext context) {
    this.tls = Objects.requireNonNull(context, "context is null");
    return this;
  }

  /** The port to listen on; 0 (the default) picks a free one. */
  public SandboxBuilder port(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /**
   * The address to bind (default 127.0.0.1; use 0.0.0.0 to serve other machines, which needs a
   * {@link #token} of your own).
   */
  public SandboxBuilder host(String host) {
    this.host = Objects.requireNonNull(host, "host is null");
    return this;
  }

  /** The bearer token the sandbox accepts. */
  public SandboxBuilder token(String token) {
    if (token == null || token.isBlank() || token.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("token must be a non-empty string without spaces");
    }
    this.token = token;
    return this;
  }

  /** Portal size: this many contacts, the other objects in proportion (see the README). */
  public SandboxBuilder records(long records) {
    if (records < 0 || records > 100_000_000) {
      throw new IllegalArgumentException("records must be between 0 and 100000000, got " + records);
    }
    this.records = records;
    return this;
  }

  /** The seed every generated value derives from. */
  public SandboxBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Average delay added to each response; the actual delay is uniform in [0.5, 1.5] × this. At most
   * 10 minutes: longer is a slip, not a network.
   */
  public SandboxBuilder latencyMillis(long millis) {
    if (millis < 0 || millis > MAX_LATENCY.toMillis()) {
      throw new IllegalArgumentException(
          "latency must be between 0 and 10 minutes, got " + millis + " ms");
    }
    this.latencyMillis = millis;
    return this;
  }

  public SandboxBuilder rateLimit(RateLimitTier tier) {
    this.rateLimit = Objects.requireNonNull(tier, "tier is null");
    return this;
  }

  /** Overrides the tier's daily limit (for tests that must reach it). */
  public SandboxBuilder dailyLimit(long dailyLimit) {
    if (dailyLimit < 1) {
      throw new IllegalArgumentException("daily limit must be at least 1, got " + dailyLimit);
    }
    this.dailyLimit = dailyLimit;
    return this;
  }

  /**
   * Enforces the legacy per-second allowance (a tenth of the tier's 10-second limit, e.g. 19 on
   * professional) with 429 {@code SECONDLY}: on the 10-second window's requests ({@code true}). Off
   * by default: the allowance is then only reported in {@code
   * X-HubSpot-RateLimit-Secondly(-Remaining)}. Needs a {@link #rateLimit} tier, like every limit.
   */
  public SandboxBuilder secondlyLimit(boolean enforce) {
    return secondlyLimit(enforce ? SecondlyLimit.WINDOW : SecondlyLimit.OFF);
  }

  /**
   * Enforces the per-second allowance on the requests {@code limit} names (see {@link
   * SecondlyLimit}).
   */
  public SandboxBuilder secondlyLimit(SecondlyLimit limit) {
    this.secondlyLimit = java.util.Objects.requireNonNull(limit);
    return this;
  }

  /**
   * Counts v4 association batch reads in the 10-second window like any request ({@code true}), as
   * HubSpot would if its spec's exemption ({@code x-hubspot-rate-limit-exemptions:
   * ["ten-secondly"]}, which no prose explains) did not hold. Off by default: they are exempt, as
   * the spec says. Needs a {@link #rateLimit} tier, like every limit.
   */
  public SandboxBuilder associationReadsCounted(boolean counted) {
    this.associationReadsCounted = counted;
    return this;
  }

  /**
   * The portal's time zone: the daily limit resets at its midnight, as HubSpot's does "at midnight
   * based on your time zone setting" (default America/New_York).
   */
  public SandboxBuilder timeZone(ZoneId zone) {
    this.timeZone = Objects.requireNonNull(zone, "time zone is null");
    return this;
  }

  public SandboxBuilder faults(FaultPlan faults) {
    this.faults = Objects.requireNonNull(faults, "faults is null");
    return this;
  }

  /**
   * How many properties contacts have in all (standard ones first, then generated custom ones), not
   * counting the sensitive ones that the default property listing hides.
   */
  public SandboxBuilder contactProperties(int count) {
    if (count < Catalog.MIN_CONTACT_PROPERTIES || count > 20_000) {
      throw new IllegalArgumentException(
          "contact properties must be between "
              + Catalog.MIN_CONTACT_PROPERTIES
              + " and 20000, got "
              + count);
    }
    this.contactProperties = count;
    return this;
  }

  /**
   * Scopes the token lacks, answered with 403 MISSING_SCOPES naming the scope. Each entry is an
   * object type (name or type id: its read scope), {@code OBJECT.sensitive} or {@code
   * OBJECT.highly_sensitive} (the scope that lists and reads that object's sensitive or highly
   * sensitive properties, e.g. {@code crm.objects.contacts.sensitive.read.v2}), {@code sensitive} /
   * {@code highly_sensitive} alone for every object's, {@code schemas} (the scope that lists custom
   * objects, {@code crm.schemas.custom.read}) or {@code owners} (the scope that lists owners,
   * {@code crm.objects.owners.read}), or {@code OBJECT.pipelines} (listing that object's pipelines
   * alone, refused with the object's scope while its records are served: a token that reads deals
   * but cannot list their pipelines). By default the token has every scope.
   */
  public SandboxBuilder withoutScopes(Set<String> objects) {
    this.withoutScopes = Set.copyOf(new LinkedHashSet<>(objects));
    return this;
  }

  /**
   * Object types (names or type ids) HubSpot cannot serve: every list, get, search and batch read
   * of them answers 500, always, while their properties (and schemas) still answer — as Airbyte saw
   * for feedback_submissions (contract §17). Empty by default.
   */
  public SandboxBuilder broken(Set<String> objects) {
    this.broken = Set.copyOf(new LinkedHashSet<>(objects));
    return this;
  }

  /** Requests whose request line is longer than this get 414 (default 16,384). */
  public SandboxBuilder maxRequestLineLength(int length) {
    if (length < 64) {
      throw new IllegalArgumentException(
          "max request line length must be at least 64, got " + length);
    }
    this.maxRequestLineLength = length;
    return this;
  }

  /**
   * Requests whose body is longer than this get 413, without the server buffering more than this
   * (default 4 MiB).
   */
  public SandboxBuilder maxRequestBodyBytes(int bytes) {
    if (bytes < 1024 || bytes > 1 << 30) {
      throw new IllegalArgumentException(
          "max request body must be between 1024 bytes and 1 GiB, got " + bytes);
    }
    this.maxRequestBodyBytes = bytes;
    return this;
  }

  /**
   * Records created, updated or archived per second while the sandbox runs (0 = a still portal).
   */
  public SandboxBuilder churnPerSecond(double perSecond) {
    if (perSecond < 0 || perSecond > 10_000 || Double.isNaN(perSecond)) {
      throw new IllegalArgumentException(
          "churn must be between 0 and 10000 per second, got " + perSecond);
    }
    this.churnPerSecond = perSecond;
    return this;
  }

  /**
   * How long search trails writes (default 2 s): a record churn creates or updates is seen by
   * search only this long after, showing its previous version until then (a created one: none); an
   * archived one stays in search as long. List, GET and batch read see changes at once. Measured on
   * the {@link #clock}.
   */
  public SandboxBuilder searchLag(Duration lag) {
    Objects.requireNonNull(lag, "lag is null");
    if (lag.isNegative() || lag.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException(
          "search lag must be between 0 and 24 hours, got " + lag.toMillis() + " ms");
    }
    this.searchLagMillis = lag.toMillis();
    return this;
  }

  /** Links per input per page in v4 association batch reads (default 500). */
  public SandboxBuilder associationPageSize(int size) {
    if (size < 1 || size > 10_000) {
      throw new IllegalArgumentException(
          "association page size must be between 1 and 10000, got " + size);
    }
    this.associationPageSize = size;
    return this;
  }

  /** How many recent requests {@link Sandbox#requests()} keeps (default 100,000; 0 keeps none). */
  public SandboxBuilder recordRequests(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("request record limit must not be negative, got " + limit);
    }
    this.recordLimit = limit;
    return this;
  }

  /**
   * Server worker threads. By default max(4, 2 × cores), or 64 when there is latency: an answer's
   * simulated latency is slept on its worker, and sleeping workers must not cap the request rate.
   */
  public SandboxBuilder threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    return this;
  }

  int workerThreads() {
    if (threads > 0) {
      return threads;
    }
    return latencyMillis > 0 ? 64 : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }

  /**
   * The clock behind rate limits, churn timestamps and the search lag (tests inject one to skip
   * waiting).
   */
  public SandboxBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock is null");
    return this;
  }

  /**
   * Where unexpected server errors are written, each with the correlation id its 500 answer carries
   * and the stack trace the answer leaves out (default {@code System.err}).
   */
  public SandboxBuilder errorLog(PrintStream errorLog) {
    this.errorLog = Objects.requireNonNull(errorLog, "error log is null");
    return this;
  }

  /**
   * Generates the portal (lazily: start-up does no per-record work) and starts serving.
   *
   * @throws IllegalStateException when bound beyond loopback with the default token, which is
   *     public: anyone who could reach the port could use it
   */
  public Sandbox start() {
    if (token.equals(DEFAULT_TOKEN) && !LoopbackHost.isLoopback(host)) {
      throw new IllegalStateException(
          "host "
              + host
              + " is not a loopback address and the default token is public: choose a token of"
              + " your own with token(...)");
    }
    try {
      return new Sandbox(this);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the sandbox on " + host + ":" + port, e);
    }
  }
}
