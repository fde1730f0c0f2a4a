package dev.hubspotextract.cli.bench;

import dev.hubspotextract.cli.DurationText;
import dev.hubspotextract.cli.ExitCode;
import dev.hubspotextract.sandbox.PortalProperty;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bench sandbox}: starts an embedded sandbox and drives list pages (100 records × 50
 * properties by default) from a few concurrent workers for a fixed time ({@link ListPageLoad});
 * prints pages/s, MB/s, start-up time and heap.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description =
        "Serves list pages from an embedded sandbox as fast as it can and prints pages/s and MB/s.")
final class BenchSandboxCommand implements Callable<Integer> {
  /** The workers' HTTP client. */
  enum Client {
    /** JDK HttpClient workers: what an extractor uses. */
    JDK,
    /** Minimal socket workers that only count bytes: the sandbox's own ceiling. */
    RAW;

    /** Picocli's converter: the names as users write them, {@code jdk} and {@code raw}. */
    static final class Name implements ITypeConverter<Client> {
      @Override
      public Client convert(String typed) {
        for (Client client : values()) {
          if (client.name().equalsIgnoreCase(typed.trim())) {
            return client;
          }
        }
        throw new TypeConversionException("'" + typed + "' is not a client: use jdk or raw");
      }
    }
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--seconds",
      defaultValue = "10",
      converter = DurationText.class,
      description =
          "How long to measure: seconds, or a duration written 90s, 2m (default:"
              + " ${DEFAULT-VALUE}).")
  Duration seconds;

  @Option(
      names = "--warmup",
      defaultValue = "8",
      converter = DurationText.class,
      description =
          "Warm-up first: seconds, or a duration written 30s, 1m (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--workers",
      defaultValue = "4",
      description = "Concurrent HTTP workers (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--records",
      defaultValue = "100000",
      description = "Portal size in contacts (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--properties",
      defaultValue = "50",
      description = "Properties requested per record (default: ${DEFAULT-VALUE}).")
  int properties;

  @Option(
      names = "--client",
      defaultValue = "jdk",
      converter = Client.Name.class,
      description =
          "jdk: JDK HttpClient workers (what an extractor uses); raw: minimal HTTP/1.1 socket workers that only"
              + " count bytes, to show the sandbox's own ceiling (default: ${DEFAULT-VALUE}).")
  Client client;

  @Option(
      names = "--limit",
      defaultValue = "100",
      description = "Records per page (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (seconds.toSeconds() < 1
        || workers < 1
        || records < 1
        || properties < 6
        || limit < 1
        || limit > 100) {
      throw new ParameterException(
          spec.commandLine(),
          "need --seconds ≥ 1, --workers ≥ 1, --records ≥ 1, --properties ≥ 6 and --limit between"
              + " 1 and 100");
    }
    System.gc();
    long heapBefore = usedHeap();
    long t0 = System.nanoTime();
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(records)
            .contactProperties(properties)
            .recordRequests(0)
            .start()) {
      long startMillis = (System.nanoTime() - t0) / 1_000_000;
      String names =
          sandbox.portal().properties("contacts").stream()
              .limit(properties)
              .map(PortalProperty::name)
              .collect(Collectors.joining(","));
      String pageUrl =
          sandbox.baseUrl() + "/crm/v3/objects/contacts?limit=" + limit + "&properties=" + names;
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .executor(
                  Runnable::run) // no hand-offs: the client's selector thread delivers the body
              .build();
      ListPageLoad load =
          new ListPageLoad(
              sandbox,
              workers,
              () ->
                  client == Client.RAW
                      ? new RawSocketPageReader(pageUrl, sandbox.token())
                      : new JdkPageReader(http, pageUrl, sandbox.token()));
      out.printf(
          "sandbox: %,d contacts, started in %d ms; %d %s workers, %d records × %d properties per page%n",
          records, startMillis, workers, client.name().toLowerCase(Locale.ROOT), limit, properties);
      out.flush();
      load.run(warmup);
      ListPageLoad.Result result = load.run(seconds);
      System.gc();
      long heapAfter = usedHeap();
      double pagesPerSecond = result.pages() / (result.nanos() / 1e9);
      double mbPerSecond = result.bytes() / (result.nanos() / 1e9) / 1_000_000.0;
      out.printf(
          "pages/s: %,.0f   MB/s: %,.1f   records/s: %,.0f   avg page: %,d bytes   errors: %d%n",
          pagesPerSecond,
          mbPerSecond,
          pagesPerSecond * limit,
          result.pages() == 0 ? 0 : result.bytes() / result.pages(),
          result.errors());
      if (result.cpuNanos() > 0 && result.pages() > 0) {
        double cpuPerPage = result.cpuNanos() / 1e6 / result.pages();
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(
            "CPU per page (sandbox + client together): %.3f ms → %,.0f pages/s if this process had all %d cores"
                + " (load average now %.1f)%n",
            cpuPerPage,
            cores * 1000 / cpuPerPage,
            cores,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
      out.printf(
          "heap used after GC: %,d MB (before start %,d MB); max heap %,d MB%n",
          heapAfter / 1_000_000,
          heapBefore / 1_000_000,
          Runtime.getRuntime().maxMemory() / 1_000_000);
      out.flush();
      return result.errors() == 0 ? ExitCode.OK.code() : ExitCode.INTERNAL.code();
    }
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
