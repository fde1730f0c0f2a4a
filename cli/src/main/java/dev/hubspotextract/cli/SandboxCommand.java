package dev.hubspotextract.cli;

import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.LoopbackHost;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.sandbox.SandboxBuilder;
import dev.hubspotextract.sandbox.SecondlyLimit;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hubspot-extract sandbox}: serves a generated portal over HubSpot's CRM API until
 * interrupted.
 *
 * <p>Options are read as text and checked here, so that a bad value gets one line naming the option
 * and the fix (exit code 2) rather than a usage page.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a local HubSpot-compatible CRM API over generated data until interrupted (Ctrl-C).",
      "Prints its base URL and the token it accepts."
    })
final class SandboxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  String port;

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
  String records;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "SEED",
      description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  String seed;

  @Option(
      names = "--latency",
      defaultValue = "0",
      paramLabel = "DURATION",
      description =
          "Average delay per response, with ±50%% jitter, e.g. 50ms (a bare number is"
              + " milliseconds; default: ${DEFAULT-VALUE}).")
  String latency;

  @Option(
      names = "--rate-limit",
      defaultValue = "off",
      paramLabel = "TIER",
      description =
          "HubSpot rate limits: free, starter, professional, enterprise, api-add-on or off (default: ${DEFAULT-VALUE}).")
  String rateLimit;

  @Option(
      names = "--daily-limit",
      paramLabel = "N",
      description =
          "Requests a day before 429 DAILY, with --rate-limit (default: the tier's, e.g. 625000 for"
              + " professional).")
  String dailyLimit;

  @Option(
      names = "--secondly-limit",
      arity = "0..1",
      fallbackValue = "window",
      paramLabel = "window|all",
      description =
          "Enforce HubSpot's per-second allowance, a tenth of the tier's 10-second limit (e.g. 19 on"
              + " professional), with 429 SECONDLY; with --rate-limit. On the 10-second window's"
              + " requests (window, the default), or on association reads too (all): HubSpot does"
              + " not say which. Without it the allowance is only reported in"
              + " X-HubSpot-RateLimit-Secondly(-Remaining).")
  String secondlyLimit;

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
      description =
          "The portal's time zone: the daily limit resets at its midnight (default: ${DEFAULT-VALUE}).")
  String timeZone;

  @Option(
      names = "--faults",
      defaultValue = "",
      paramLabel = "KIND=RATE[,KIND=RATE…]",
      description =
          "Inject failures with a probability per request; kinds 5xx, reset, truncate, 429, short-page,"
              + " search-hole, stuck-cursor or unordered-page (e.g. 5xx=0.05,reset=0.01).")
  String faults;

  @Option(
      names = "--contact-properties",
      defaultValue = "50",
      paramLabel = "N",
      description =
          "How many properties contacts have; 1000+ makes URLs long enough to hit 414 (default: ${DEFAULT-VALUE}).")
  String contactProperties;

  @Option(
      names = "--without-scope",
      defaultValue = "",
      paramLabel = "SCOPE[,SCOPE…]",
      description =
          "Scopes the token lacks, answered with 403 MISSING_SCOPES: an object (its read scope),"
              + " OBJECT.sensitive or OBJECT.highly_sensitive (reading that object's sensitive"
              + " properties), or sensitive / highly_sensitive for every object.")
  String withoutScope;

  @Option(
      names = "--broken",
      defaultValue = "",
      paramLabel = "OBJECT[,OBJECT…]",
      description =
          "Objects HubSpot cannot serve: every list, get, search and batch read of them answers 500;"
              + " their properties still answer.")
  String broken;

  @Option(
      names = "--max-url-length",
      defaultValue = "16384",
      paramLabel = "BYTES",
      description = "Request lines longer than this get 414 (default: ${DEFAULT-VALUE}).")
  String maxUrlLength;

  @Option(
      names = "--churn",
      defaultValue = "0",
      paramLabel = "PER_SECOND",
      description =
          "Records created, updated or archived per second while running (default: ${DEFAULT-VALUE}).")
  String churn;

  @Option(
      names = "--search-lag",
      defaultValue = "2s",
      paramLabel = "DURATION",
      description =
          "How long search trails writes: a created or updated record shows in search only this long"
              + " after (its previous version until then), an archived one stays as long; list, GET"
              + " and batch read see changes at once (default: ${DEFAULT-VALUE}).")
  String searchLag;

  /** Counted down to stop serving; tests count it down instead of sending Ctrl-C. */
  final CountDownLatch stop = new CountDownLatch(1);

  /** Set once the sandbox serves and its banner is printed (for tests). */
  volatile Sandbox running;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SandboxBuilder builder;
    try {
      builder = builder();
    } catch (IllegalArgumentException e) {
      err.println("hubspot-extract sandbox: " + e.getMessage());
      err.flush();
      return ExitCode.USAGE.code();
    }
    if (token.equals(SandboxBuilder.DEFAULT_TOKEN) && !LoopbackHost.isLoopback(host)) {
      err.println(
          "hubspot-extract sandbox: --host "
              + host
              + " serves other machines, and the default token is public: pass --token with a"
              + " secret of your own");
      err.flush();
      return ExitCode.USAGE.code();
    }
    long started = System.nanoTime();
    Sandbox sandbox;
    try {
      sandbox = builder.start();
    } catch (IllegalArgumentException e) {
      // the sandbox checks object names against its portal; its message starts with the setting
      err.println("hubspot-extract sandbox: --" + e.getMessage());
      err.flush();
      return ExitCode.USAGE.code();
    } catch (java.io.UncheckedIOException e) {
      err.println(
          "hubspot-extract sandbox: --port "
              + port
              + ": cannot listen ("
              + e.getCause().getMessage()
              + "): pick another port, or 0 for any free one");
      err.flush();
      return ExitCode.USAGE.code();
    }
    CountDownLatch closed = new CountDownLatch(1);
    // on Ctrl-C: release the serving thread, then let it close the sandbox and say so before the
    // JVM exits
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await(5, java.util.concurrent.TimeUnit.SECONDS);
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
      running = sandbox; // after the announcement: a test that sees it may read the whole of it
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

  SandboxBuilder builder() {
    SandboxBuilder b = Sandbox.builder().host(host).recordRequests(0);
    b.port((int) number("--port", port, 0, 65_535, "a port number, or 0 for any free port"));
    b.token(text("--token", token));
    b.records(number("--records", records, 0, 100_000_000, "a number of contacts, e.g. 2000"));
    b.seed(number("--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE, "an integer"));
    b.latencyMillis(duration("--latency", latency, ChronoUnit.MILLIS, "10m").toMillis());
    try {
      b.rateLimit(RateLimitTier.parse(rateLimit));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--rate-limit: " + e.getMessage(), e);
    }
    if (dailyLimit != null) {
      if (rateLimit.trim().equalsIgnoreCase("off")) {
        throw new IllegalArgumentException(
            "--daily-limit: needs a --rate-limit tier (e.g. --rate-limit professional)");
      }
      b.dailyLimit(number("--daily-limit", dailyLimit, 1, Long.MAX_VALUE, "a number of requests"));
    }
    if (secondlyLimit != null) {
      if (rateLimit.trim().equalsIgnoreCase("off")) {
        throw new IllegalArgumentException(
            "--secondly-limit: needs a --rate-limit tier (e.g. --rate-limit professional)");
      }
      b.secondlyLimit(SecondlyLimit.parse(secondlyLimit));
    }
    if (associationReadsCounted) {
      if (rateLimit.trim().equalsIgnoreCase("off")) {
        throw new IllegalArgumentException(
            "--association-reads-counted: needs a --rate-limit tier (e.g. --rate-limit"
                + " professional)");
      }
      b.associationReadsCounted(true);
    }
    try {
      b.timeZone(ZoneId.of(timeZone.trim()));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "--time-zone: unknown time zone '"
              + timeZone
              + "': use a region like America/New_York, Europe/Berlin or UTC",
          e);
    }
    try {
      b.faults(FaultPlan.parse(faults));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--faults: " + e.getMessage(), e);
    }
    b.contactProperties(
        (int)
            number(
                "--contact-properties",
                contactProperties,
                6,
                20_000,
                "a count between 6 and 20000"));
    b.withoutScopes(items(withoutScope));
    b.broken(items(broken));
    b.maxRequestLineLength(
        (int)
            number(
                "--max-url-length", maxUrlLength, 64, 10_000_000, "a length in bytes, e.g. 16384"));
    double perSecond;
    try {
      perSecond = Double.parseDouble(churn.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--churn: '" + churn + "' is not a number: use records per second, e.g. 5");
    }
    if (perSecond < 0 || perSecond > 10_000) {
      throw new IllegalArgumentException(
          "--churn: must be between 0 and 10000 per second, got " + churn);
    }
    b.churnPerSecond(perSecond);
    b.searchLag(duration("--search-lag", searchLag, ChronoUnit.SECONDS, "24h"));
    return b;
  }

  private static Set<String> items(String list) {
    Set<String> items = new LinkedHashSet<>();
    Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
    return items;
  }

  private static long number(String option, String value, long min, long max, String fix) {
    long n;
    try {
      n = Long.parseLong(value.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + ": '" + value + "' is not a whole number: use " + fix);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          option + ": " + value + " is out of range [" + min + ", " + max + "]: use " + fix);
    }
    return n;
  }

  /** A duration written as everywhere in the CLI (a bare number in {@code bare}), up to max. */
  private static Duration duration(String option, String value, ChronoUnit bare, String max) {
    Duration parsed;
    try {
      parsed = DurationText.parse(value, bare);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
    if (parsed.compareTo(DurationText.parse(max, ChronoUnit.SECONDS)) > 0) {
      throw new IllegalArgumentException(option + ": must be at most " + max + ", got " + value);
    }
    return parsed;
  }

  private static String text(String option, String value) {
    if (value == null || value.isBlank() || value.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException(option + ": must be a non-empty value without spaces");
    }
    return value;
  }
}
