package dev.hubspotextract.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The client: endpoint families over one chain of steps, authentication → retry → rate budget →
 * server dates → redacting logger → transport. Thread-safe; share one per run.
 */
public final class HubSpotClient {
  /** HubSpot's API host. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.hubapi.com");

  private final Transport transport;
  private final Executor prefetch; // null: list pages are read when the reader reaches them
  private final ServerDates dates; // shared by every client over the same chain

  private HubSpotClient(Transport transport, Executor prefetch, ServerDates dates) {
    this.transport = transport;
    this.prefetch = prefetch;
    this.dates = dates;
  }

  /**
   * HubSpot's clock as its latest answer dated it ({@code Date} header), or empty before any answer
   * had a date: a sync's mark, HubSpot's time whatever this machine's clock says.
   */
  public Optional<Instant> serverTime() {
    return dates.latest();
  }

  public static Builder builder() {
    return new Builder();
  }

  public ObjectsApi objects() {
    return new ObjectsApi(transport, prefetch);
  }

  public PropertiesApi properties() {
    return new PropertiesApi(transport);
  }

  public SchemasApi schemas() {
    return new SchemasApi(transport);
  }

  public OwnersApi owners() {
    return new OwnersApi(transport);
  }

  public PipelinesApi pipelines() {
    return new PipelinesApi(transport);
  }

  /** The reads a sync makes: changes by search, archived ids, records by id. */
  public ChangesApi changes() {
    return new ChangesApi(transport);
  }

  /** Property histories, read by batch read. */
  public HistoriesApi histories() {
    return new HistoriesApi(transport);
  }

  public AssociationsApi associations() {
    return new AssociationsApi(transport);
  }

  /** A client over the same chain that also counts the calls made through it (one per task). */
  public HubSpotClient counting(LongAdder calls) {
    Transport shared = transport;
    return new HubSpotClient(
        request -> {
          calls.increment();
          return shared.send(request);
        },
        prefetch,
        dates);
  }

  /**
   * A client over the same chain whose object streams read pages ahead on {@code prefetch}: the
   * pool of whoever runs the pull, who shuts it down once the streams are closed.
   */
  public HubSpotClient prefetchingOn(Executor prefetch) {
    return new HubSpotClient(
        transport, Objects.requireNonNull(prefetch, "prefetch is null"), dates);
  }

  /** Sets up the chain; only the token is required. */
  public static final class Builder {
    private URI baseUrl = DEFAULT_BASE_URL;
    private String token;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Pacer pacer;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Consumer<String> trace;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(120);
    private Consumer<UserText> waiting;
    private long maxBodySize = JdkTransport.DEFAULT_MAX_BODY_SIZE;
    private ProxySettings proxy = ProxySettings.direct();
    private TrustedCertificates trusted;
    private Transport transport;

    private Builder() {}

    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl is null");
      return this;
    }

    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token is null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is null");
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
      return this;
    }

    /**
     * The rate budget, shared by every request made through this client; by default a {@link
     * RateBudget} at HubSpot's lowest tier that learns the real limit from HubSpot's headers.
     */
    public Builder pacer(Pacer pacer) {
      this.pacer = Objects.requireNonNull(pacer, "pacer is null");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy is null");
      return this;
    }

    /** Where HTTP trace lines go (the token redacted); none by default. */
    public Builder trace(Consumer<String> trace) {
      this.trace = trace;
      return this;
    }

    /**
     * How long connecting may take (TLS handshake included; 10 s by default), and waiting for a
     * whole answer (120 s).
     */
    public Builder timeouts(Duration connect, Duration request) {
      this.connectTimeout = Objects.requireNonNull(connect, "connect is null");
      this.requestTimeout = Objects.requireNonNull(request, "request is null");
      return this;
    }

    /**
     * Where to say that a request has had no answer for a while, every 15 s until it comes or the
     * request timeout ends the wait (the text names {@link Setting#REQUEST_TIMEOUT}); nowhere by
     * default.
     */
    public Builder waiting(Consumer<UserText> waiting) {
      this.waiting = waiting;
      return this;
    }

    /**
     * The largest response body read, in bytes ({@value JdkTransport#DEFAULT_MAX_BODY_SIZE}, 256
     * MiB, by default): a larger one fails its request, not retried, instead of filling the heap.
     */
    public Builder maxBodySize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodySize must be at least 1 byte, got " + bytes);
      }
      this.maxBodySize = bytes;
      return this;
    }

    /** The proxy the requests go through ({@link ProxySettings#choose}); none by default. */
    public Builder proxy(ProxySettings proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy is null");
      return this;
    }

    /** Certificate authorities trusted besides the JDK's own; none by default. */
    public Builder trustedCertificates(TrustedCertificates trusted) {
      this.trusted = trusted;
      return this;
    }

    /** Replaces the wire (tests); by default the JDK's HttpClient on {@link #baseUrl}. */
    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    public HubSpotClient build() {
      if (token == null || token.isBlank()) {
        throw new HubSpotException(
            FailureCategory.USAGE,
            UserText.of(
                "No access token: give a private app token (pat-…).", Setting.ACCESS_TOKEN));
      }
      Transport chain =
          transport != null
              ? transport
              : new JdkTransport(
                  baseUrl, connectTimeout, requestTimeout, maxBodySize, waiting, proxy, trusted);
      if (trace != null) {
        trace.accept("http: " + proxy);
        chain = new RedactingLogger(trace, clock, chain);
      }
      ServerDates dates = new ServerDates(chain);
      chain = dates;
      // pacing inside retrying: every attempt, retries included, draws from the budget
      chain =
          new Pacing(
              pacer != null
                  ? pacer
                  : RateBudget.forTier(
                      RateBudget.DEFAULT_PER_TEN_SECONDS, true, clock, sleeper, trace),
              chain);
      chain = new Retrying(retryPolicy, sleeper, clock, trace, chain);
      chain = new Authenticating(token, chain);
      return new HubSpotClient(chain, null, dates);
    }
  }
}
