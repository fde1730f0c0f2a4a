package dev.hubspotextract.sandbox;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A running local server that speaks HubSpot's CRM API over a generated portal. Start one with
 * {@link #builder()}, point a client at {@link #baseUrl()} with {@link #token()}, inspect {@link
 * #requests()}, then {@link #close()}.
 *
 * <p>Thread-safe. Uses the JDK's {@code com.sun.net.httpserver} with a fixed pool of worker
 * threads.
 */
public final class Sandbox implements AutoCloseable {
  static {
    // the JDK server writes headers and body separately: without TCP_NODELAY, Nagle's algorithm and
    // delayed ACKs
    // add ~40 ms to small responses
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService workers;
  private final ScheduledExecutorService churnTimer;
  private final Portal portal;
  private final String token;
  private final URI baseUrl;
  private final AtomicLong requestCount = new AtomicLong();
  private final ArrayDeque<RecordedRequest> recorded = new ArrayDeque<>();
  private final int recordLimit;
  private final Duration searchLag;
  private final Refusals refusals = new Refusals();

  /** A builder with every option at its default. */
  public static SandboxBuilder builder() {
    return new SandboxBuilder();
  }

  Sandbox(SandboxBuilder b) throws IOException {
    this.portal = new Portal(b.records, b.contactProperties, b.seed, b.searchLagMillis, b.clock);
    this.token = b.token;
    this.recordLimit = b.recordLimit;
    this.searchLag = Duration.ofMillis(b.searchLagMillis);
    Set<ObjectDef> unscoped = new LinkedHashSet<>();
    Set<String> unscopedByName = new LinkedHashSet<>();
    Set<ObjectDef> unscopedPipelines = new LinkedHashSet<>();
    for (String entry : b.withoutScopes) {
      if (entry.trim().toLowerCase(java.util.Locale.ROOT).endsWith(PIPELINES_SUFFIX)) {
        String object = entry.trim();
        object = object.substring(0, object.length() - PIPELINES_SUFFIX.length());
        unscopedPipelines.addAll(objects(Set.of(object), "without-scope"));
      } else {
        withoutScope(entry.trim(), unscoped, unscopedByName);
      }
    }
    Authenticator authenticator =
        new Authenticator(b.token, unscoped, unscopedByName, unscopedPipelines);
    Set<ObjectDef> broken = objects(b.broken, "broken");
    InetSocketAddress address = new InetSocketAddress(b.host, b.port);
    if (b.tls != null) {
      HttpsServer https = HttpsServer.create(address, 128);
      https.setHttpsConfigurator(new HttpsConfigurator(b.tls));
      this.server = https;
    } else {
      this.server = HttpServer.create(address, 128);
    }
    String host = b.host.equals("0.0.0.0") ? "127.0.0.1" : b.host;
    String scheme = b.tls != null ? "https://" : "http://";
    this.baseUrl = URI.create(scheme + host + ":" + server.getAddress().getPort());
    RecordWriter writer =
        new RecordWriter(
            portal.associationModel(), portal.histories(), authenticator::checkSensitive);
    Router router =
        new Router(
            portal,
            new ObjectsEndpoint(portal, writer, baseUrl.toString()),
            new SearchEndpoint(portal, writer, b.clock),
            new MetadataEndpoint(portal, authenticator),
            new AssociationsEndpoint(portal, b.associationPageSize),
            new ChangesEndpoint(portal));
    SandboxHandler handler =
        new SandboxHandler(
            router,
            authenticator,
            new BodyReader(b.maxRequestBodyBytes),
            new RateLimiter(
                b.rateLimit,
                b.dailyLimit,
                b.clock,
                b.timeZone,
                b.secondlyLimit,
                b.associationReadsCounted),
            new FaultInjector(b.faults, b.seed),
            broken,
            refusals,
            b.maxRequestLineLength,
            b.latencyMillis,
            this::record,
            b.errorLog);
    server.createContext("/", handler);
    this.workers =
        Executors.newFixedThreadPool(b.workerThreads(), daemon("hubspot-sandbox-worker"));
    server.setExecutor(workers);
    server.start();
    if (b.churnPerSecond > 0) {
      Churn churn = new Churn(portal, b.clock, b.seed);
      this.churnTimer = Executors.newSingleThreadScheduledExecutor(daemon("hubspot-sandbox-churn"));
      long periodMicros = Math.max(1, (long) (1_000_000 / b.churnPerSecond));
      // runs until close() shuts the timer down; nothing waits for it
      var unused =
          churnTimer.scheduleAtFixedRate(
              churn::step, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    } else {
      this.churnTimer = null;
    }
  }

  /**
   * How a {@code without-scope} entry for one object's pipelines alone ends: {@code
   * deals.pipelines}.
   */
  private static final String PIPELINES_SUFFIX = ".pipelines";

  /**
   * One {@code without-scope} entry (but {@code OBJECT.pipelines}): {@code OBJECT} (its read
   * scope), {@code OBJECT.sensitive} or {@code OBJECT.highly_sensitive} (that sensitive-data
   * scope), {@code sensitive} / {@code highly_sensitive} alone (that scope of every object), {@code
   * schemas} or {@code owners}.
   */
  private void withoutScope(String entry, Set<ObjectDef> objects, Set<String> namedScopes) {
    if (entry.equalsIgnoreCase("schemas")) {
      namedScopes.add(Authenticator.SCHEMAS_SCOPE); // custom objects cannot be listed
      return;
    }
    if (entry.equalsIgnoreCase("owners")) {
      namedScopes.add(Authenticator.OWNERS_SCOPE); // owners cannot be listed
      return;
    }
    int dot = entry.lastIndexOf('.');
    String suffix = entry.substring(dot + 1).toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    PropertyDef.Sensitivity level = PropertyDef.Sensitivity.ofWire(suffix);
    if (level == null || level == PropertyDef.Sensitivity.NON_SENSITIVE) {
      objects.addAll(objects(Set.of(entry), "without-scope"));
    } else if (dot < 0) {
      portal.catalog().objects.forEach(def -> namedScopes.add(def.sensitiveScope(level)));
    } else {
      for (ObjectDef def : objects(Set.of(entry.substring(0, dot)), "without-scope")) {
        namedScopes.add(def.sensitiveScope(level));
      }
    }
  }

  /** Object types by name or type id; {@code option} names the setting in the error message. */
  private Set<ObjectDef> objects(Set<String> names, String option) {
    Set<ObjectDef> defs = new LinkedHashSet<>();
    for (String name : names) {
      ObjectDef def = portal.catalog().resolve(name.trim());
      if (def == null) {
        throw new IllegalArgumentException(
            option + ": unknown object '" + name + "': use object names like contacts or tickets");
      }
      defs.add(def);
    }
    return defs;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private void record(Supplier<RecordedRequest> request) {
    requestCount.incrementAndGet();
    if (recordLimit == 0) {
      return;
    }
    RecordedRequest kept = request.get();
    synchronized (recorded) {
      if (recorded.size() == recordLimit) {
        recorded.pollFirst();
      }
      recorded.addLast(kept);
    }
  }

  /** Where the sandbox listens, e.g. {@code http://127.0.0.1:40123} (no trailing slash). */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The bearer token the sandbox accepts. */
  public String token() {
    return token;
  }

  /** The requests answered so far (the most recent ones, up to the record limit), oldest first. */
  public List<RecordedRequest> requests() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  /** How many requests were answered (or dropped) since start. */
  public long requestCount() {
    return requestCount.get();
  }

  /** Forgets the recorded requests and resets the count (between phases of a test). */
  public void clearRequests() {
    synchronized (recorded) {
      recorded.clear();
      requestCount.set(0);
    }
  }

  /** How long search trails writes (see {@link SandboxBuilder#searchLag}). */
  public Duration searchLag() {
    return searchLag;
  }

  /**
   * Answers the next request to {@code path} (exactly, e.g. {@code /crm/v3/objects/contacts}) whose
   * query holds every one of {@code queryParts} (e.g. {@code archived=true}, {@code after=}) with
   * {@code status} and HubSpot's error body, once: a failure a test places where it wants it.
   */
  public void refuseNext(int status, String path, String... queryParts) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a refusal is a 4xx or 5xx status, not " + status);
    }
    refusals.add(status, path, List.of(queryParts));
  }

  /** The generated data the API serves. */
  public Portal portal() {
    return portal;
  }

  /** Stops serving and releases the port and threads. */
  @Override
  public void close() {
    if (churnTimer != null) {
      churnTimer.shutdownNow();
    }
    server.stop(0);
    workers.shutdownNow();
  }
}
