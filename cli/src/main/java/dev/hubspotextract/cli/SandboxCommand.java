package dev.hubspotextract.cli;

import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.LoopbackHost;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.sandbox.SandboxBuilder;
import dev.hubspotextract.sandbox.SecondlyLimit;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hubspot-extract sandbox}: serves a generated portal over HubSpot's CRM API until
 * interrupted.
 *
 * <p>Options are typed by picocli; {@link SandboxBuilder} checks each value, and a value it refuses
 * is a usage error naming the option (exit code 2), like a value that does not parse.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a local HubSpot-compatible CRM API over generated data until interrupted (Ctrl-C).",
      "Prints its base URL and the token it accepts."
    })
final class SandboxCommand implements Callable<Integer> {
  /** Lists are split at commas, spaces around them ignored. */
  private static final String LIST = "\\s*,\\s*";

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address to bind; 0.0.0.0 serves other machines and needs --token (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--token",
      defaultValue = SandboxBuilder.DEFAULT_TOKEN,
      paramLabel = "TOKEN",
      description =
          "Bearer token the sandbox accepts (default: a fixed, public sandbox token, accepted only on"
              + " a loopback --host).")
  String token;

  @Option(
      names = "--records",
      defaultValue = "2000",
      paramLabel = "N",
      description =
          "Portal size: N contacts; companies N/5, deals N/2, tickets N/4, line items N, … (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "SEED",
      description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--latency",
      defaultValue = "0",
      paramLabel = "DURATION",
      converter = DurationText.BareMillis.class,
      description =
          "Average delay per response, with ±50%% jitter, e.g. 50ms (a bare number is"
              + " milliseconds; default: ${DEFAULT-VALUE}).")
  Duration latency;

  @Option(
      names = "--rate-limit",
      defaultValue = "off",
      paramLabel = "TIER",
      converter = SandboxValues.Tier.class,
      description =
          "HubSpot rate limits: free, starter, professional, enterprise, api-add-on or off (default: ${DEFAULT-VALUE}).")
  RateLimitTier rateLimit;

  @Option(
      names = "--daily-limit",
      paramLabel = "N",
      description =
          "Requests a day before 429 DAILY, with --rate-limit (default: the tier's, e.g. 625000 for"
              + " professional).")
  Long dailyLimit;

  @Option(
      names = "--secondly-limit",
      arity = "0..1",
      fallbackValue = "window",
      paramLabel = "window|all",
      converter = SandboxValues.Secondly.class,
      description =
          "Enforce HubSpot's per-second allowance, a tenth of the tier's 10-second limit (e.g. 19 on"
              + " professional), with 429 SECONDLY; with --rate-limit. On the 10-second window's"
              + " requests (window, the default), or on association reads too (all): HubSpot does"
              + " not say which. Without it the allowance is only reported in"
              + " X-HubSpot-RateLimit-Secondly(-Remaining).")
  SecondlyLimit secondlyLimit;

  @Option(
      names = "--association-reads-counted",
      description =
          "Count v4 association batch reads in the 10-second window like any request, as HubSpot"
              + " would if its spec's exemption of them did not hold; with --rate-limit.")
  boolean associationReadsCounted;

  @Option(
      names = "--time-zone",
      defaultValue = "America/New_York",
      paramLabel = "ZONE",
      converter = SandboxValues.TimeZone.class,
      description =
          "The portal's time zone: the daily limit resets at its midnight (default: ${DEFAULT-VALUE}).")
  ZoneId timeZone;

  @Option(
      names = "--faults",
      defaultValue = "",
      paramLabel = "KIND=RATE[,KIND=RATE…]",
      converter = SandboxValues.Faults.class,
      description =
          "Inject failures with a probability per request; kinds 5xx, reset, truncate, 429, short-page,"
              + " search-hole, stuck-cursor, unordered-page or batch-error (e.g. 5xx=0.05,reset=0.01).")
  FaultPlan faults;

  @Option(
      names = "--contact-properties",
      defaultValue = "50",
      paramLabel = "N",
      description =
          "How many properties contacts have; 1000+ makes URLs long enough to hit 414 (default: ${DEFAULT-VALUE}).")
  int contactProperties;

  @Option(
      names = "--without-scope",
      split = LIST,
      paramLabel = "SCOPE",
      description =
          "Scopes the token lacks, answered with 403 MISSING_SCOPES: an object (its read scope),"
              + " OBJECT.sensitive or OBJECT.highly_sensitive (reading that object's sensitive"
              + " properties), sensitive / highly_sensitive for every object, schemas (listing"
              + " custom objects), owners (listing owners, crm.objects.owners.read) or"
              + " OBJECT.pipelines (listing that object's pipelines alone).")
  List<String> withoutScope = List.of();

  @Option(
      names = "--broken",
      split = LIST,
      paramLabel = "OBJECT",
      description =
          "Objects HubSpot cannot serve: every list, get, search and batch read of them answers 500;"
              + " their properties still answer.")
  List<String> broken = List.of();

  @Option(
      names = "--max-url-length",
      defaultValue = "16384",
      paramLabel = "BYTES",
      description = "Request lines longer than this get 414 (default: ${DEFAULT-VALUE}).")
  int maxUrlLength;

  @Option(
      names = "--churn",
      defaultValue = "0",
      paramLabel = "PER_SECOND",
      description =
          "Records created, updated or archived per second while running (default: ${DEFAULT-VALUE}).")
  double churn;

  @Option(
      names = "--search-lag",
      defaultValue = "2s",
      paramLabel = "DURATION",
      converter = DurationText.class,
      description =
          "How long search trails writes: a created or updated record shows in search only this long"
              + " after (its previous version until then), an archived one stays as long; list, GET"
              + " and batch read see changes at once (default: ${DEFAULT-VALUE}).")
  Duration searchLag;

  /** Counted down to stop serving; tests count it down instead of sending Ctrl-C. */
  final CountDownLatch stop = new CountDownLatch(1);

  /** Completed once the sandbox serves and its banner is printed (for tests). */
  final CompletableFuture<Sandbox> serving = new CompletableFuture<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    Sandbox sandbox = start(builder());
    CountDownLatch closed = new CountDownLatch(1);
    // on Ctrl-C: release the serving thread, then let it close the sandbox and say so before the
    // JVM exits
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "hubspot-sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    long startMillis = (System.nanoTime() - started) / 1_000_000;
    try (sandbox) {
      out.printf(
          "HubSpot sandbox: %d contacts (seed %s), started in %d ms%n",
          sandbox.portal().count("contacts"), seed, startMillis);
      out.println("Base URL: " + sandbox.baseUrl());
      out.println("Token:    " + sandbox.token());
      out.println(
          "Try:      curl -H 'Authorization: Bearer "
              + sandbox.token()
              + "' '"
              + sandbox.baseUrl()
              + "/crm/v3/objects/contacts?limit=2'");
      out.println("Serving until interrupted (Ctrl-C).");
      out.flush();
      serving.complete(sandbox); // after the announcement: a test may read the whole of it
      stop.await();
      out.println("Stopped after " + sandbox.requestCount() + " requests.");
      out.flush();
    } finally {
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting: the hook is what stopped us
      }
    }
    return ExitCode.OK.code();
  }

  /**
   * The builder with every option handed to it: it checks each value, and a value it refuses is a
   * usage error that names the option.
   */
  SandboxBuilder builder() {
    if (rateLimit == RateLimitTier.OFF) {
      if (dailyLimit != null) {
        throw usage("--daily-limit: needs a --rate-limit tier (e.g. --rate-limit professional)");
      }
      if (secondlyLimit != null) {
        throw usage("--secondly-limit: needs a --rate-limit tier (e.g. --rate-limit professional)");
      }
      if (associationReadsCounted) {
        throw usage(
            "--association-reads-counted: needs a --rate-limit tier (e.g. --rate-limit"
                + " professional)");
      }
    }
    SandboxBuilder b = Sandbox.builder().host(host).recordRequests(0);
    set("--port", () -> b.port(port));
    set("--token", () -> b.token(token));
    set("--records", () -> b.records(records));
    b.seed(seed);
    set("--latency", () -> b.latencyMillis(latency.toMillis()));
    b.rateLimit(rateLimit);
    if (dailyLimit != null) {
      set("--daily-limit", () -> b.dailyLimit(dailyLimit));
    }
    if (secondlyLimit != null) {
      b.secondlyLimit(secondlyLimit);
    }
    b.associationReadsCounted(associationReadsCounted);
    b.timeZone(timeZone);
    b.faults(faults);
    set("--contact-properties", () -> b.contactProperties(contactProperties));
    b.withoutScopes(new LinkedHashSet<>(withoutScope));
    b.broken(new LinkedHashSet<>(broken));
    set("--max-url-length", () -> b.maxRequestLineLength(maxUrlLength));
    set("--churn", () -> b.churnPerSecond(churn));
    set("--search-lag", () -> b.searchLag(searchLag));
    return b;
  }

  /** Starts serving; what the builder refuses only here is told in the options' terms. */
  private Sandbox start(SandboxBuilder builder) {
    // checked here, not left to the builder's IllegalStateException: a bug in generating the
    // portal throws one too, and must not be told as a token to choose
    if (token.equals(SandboxBuilder.DEFAULT_TOKEN) && !LoopbackHost.isLoopback(host)) {
      throw usage(
          "--host "
              + host
              + " serves other machines, and the default token is public: pass --token with a"
              + " secret of your own");
    }
    try {
      return builder.start();
    } catch (IllegalArgumentException e) {
      // the sandbox checks object names against its portal; its message starts with the setting
      throw usage("--" + e.getMessage());
    } catch (UncheckedIOException e) {
      throw usage(
          "--port "
              + port
              + ": cannot listen ("
              + e.getCause().getMessage()
              + "): pick another port, or 0 for any free one");
    }
  }

  /** Hands one option's value to the builder; a value it refuses is a usage error naming it. */
  private void set(String option, Runnable apply) {
    try {
      apply.run();
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for option '" + option + "': " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
