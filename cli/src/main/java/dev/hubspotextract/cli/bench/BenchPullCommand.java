package dev.hubspotextract.cli.bench;

import dev.hubspotextract.cli.EnumChoice;
import dev.hubspotextract.cli.Main;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.ObjectCatalog;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.RecordedRequest;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.sandbox.SandboxBuilder;
import dev.hubspotextract.sandbox.SecondlyLimit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench pull}: runs the real {@code pull} command against an embedded sandbox and prints
 * what it achieved: against a rate-limited portal (use of the budget, share of 429s), flat out
 * (records per second end to end) and pulling many contacts (peak memory).
 */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Runs pull against an embedded sandbox and prints its figures.",
      "rate-limited: professional tier, 150 ms latency, all 13 objects and default pairs;",
      "large-object: 30,000 contacts alone, professional tier, 150 ms latency: budget used;",
      "small-portal: 3,000 contacts, the sandbox enforcing the per-second allowance: requests/s;",
      "unlimited: no limit, no latency, contacts with 50 properties: records/s;",
      "memory: peak heap and RSS pulling 100,000 then 1,000,000 contacts."
    })
final class BenchPullCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The scenarios, as {@code --scenario} names them; {@code all} runs every one. */
  enum Scenario {
    RATE_LIMITED,
    LARGE_OBJECT,
    SMALL_PORTAL,
    UNLIMITED,
    MEMORY,
    ALL;

    boolean runs(Scenario one) {
      return this == ALL || this == one;
    }
  }

  /** Reads a scenario as typed ({@code small-portal}); names the choices otherwise. */
  static final class Scenarios implements ITypeConverter<Scenario> {
    @Override
    public Scenario convert(String typed) {
      return EnumChoice.parse(Scenario.class, typed, "scenario");
    }
  }

  @Option(
      names = "--scenario",
      defaultValue = "all",
      converter = Scenarios.class,
      description =
          "rate-limited, large-object, small-portal, unlimited, memory or all (default: all).")
  Scenario scenario;

  @Option(
      names = "--rate-limited-records",
      defaultValue = "21000",
      description =
          "Contacts in the rate-limited portal; the 13 objects together hold about 5 times as"
              + " many records (default: ${DEFAULT-VALUE}, just over 100,000 in all).")
  long rateLimitedRecords;

  @Option(
      names = "--large-object-records",
      defaultValue = "30000",
      description = "Contacts of the large-object scenario (default: ${DEFAULT-VALUE}).")
  long largeObjectRecords;

  @Option(
      names = "--small-portal-records",
      defaultValue = "3000",
      description =
          "Contacts of the small-portal scenario, the other objects in proportion (default:"
              + " ${DEFAULT-VALUE}).")
  long smallPortalRecords;

  @Option(
      names = "--unlimited-records",
      defaultValue = "1000000",
      description =
          "Contacts pulled flat out (default: ${DEFAULT-VALUE}; on smaller pulls the JIT's warm-up"
              + " weighs more).")
  long unlimitedRecords;

  @Option(
      names = "--memory-records",
      defaultValue = "1000000",
      description = "Contacts of the large memory run (default: ${DEFAULT-VALUE}).")
  long memoryRecords;

  @Option(
      names = "--threads",
      defaultValue = "8",
      description = "pull --threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--keep",
      description = "Keep the pulled folders (printed) instead of deleting them.")
  boolean keep;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "machine: %d cores, max heap %,d MB, load average %.2f, java %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1_000_000,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.version"));
    out.flush();
    int code = 0;
    if (scenario.runs(Scenario.RATE_LIMITED)) {
      code = Math.max(code, rateLimited());
    }
    if (scenario.runs(Scenario.LARGE_OBJECT)) {
      code = Math.max(code, largeObject());
    }
    if (scenario.runs(Scenario.SMALL_PORTAL)) {
      code = Math.max(code, smallPortal());
    }
    if (scenario.runs(Scenario.UNLIMITED)) {
      code = Math.max(code, unlimited());
    }
    if (scenario.runs(Scenario.MEMORY)) {
      code = Math.max(code, memory());
    }
    return code;
  }

  private int rateLimited() throws IOException {
    try (Sandbox sandbox = professionalAtHubSpotsLatency(rateLimitedRecords).start()) {
      long records =
          ObjectCatalog.STANDARD.stream()
              .mapToLong(type -> sandbox.portal().count(type.name()))
              .sum();
      out.printf(
          Locale.ROOT,
          "%n[rate-limited] sandbox: professional tier (190 per 10 s), 150 ms latency, %,d"
              + " contacts, %,d records in the 13 standard objects; pull --tier professional --threads %d%n",
          rateLimitedRecords,
          records,
          threads);
      out.flush();
      Timed run = pull(sandbox, "--tier", "professional");
      List<RecordedRequest> requests = sandbox.requests();
      Counts counts = Counts.of(requests);
      long total = counts.total();
      long exempt = counts.associationReads();
      long searches = counts.searches();
      long windowed = counts.windowed();
      long tooMany = counts.tooMany();
      double seconds = run.seconds();
      out.printf(
          Locale.ROOT,
          "[rate-limited] exit %d in %.1f s: %,d records written (%,.0f records/s)%n"
              + "[rate-limited] requests: %,d in all, %,d in the 10-second window (%.1f/s = %.0f%%"
              + " of the allowed 19.0/s), %,d searches on their own 5/s budget (%.1f/s), %,d"
              + " exempt v4 association reads%n"
              + "[rate-limited] answered 429: %,d (%.2f%% of requests)%n",
          run.exitCode(),
          seconds,
          run.records(),
          run.records() / seconds,
          total,
          windowed,
          windowed / seconds,
          100 * windowed / seconds / 19.0,
          searches,
          searches / seconds,
          exempt,
          tooMany,
          100.0 * tooMany / Math.max(1, total));
      out.flush();
      return run.exitCode();
    }
  }

  /** One large object alone: how much of the budget its list cursors use. */
  private int largeObject() throws IOException {
    try (Sandbox sandbox = professionalAtHubSpotsLatency(largeObjectRecords).start()) {
      out.printf(
          Locale.ROOT,
          "%n[large-object] sandbox: professional tier (190 per 10 s), 150 ms latency, %,d"
              + " contacts; pull --objects contacts --associations none --tier professional%n",
          sandbox.portal().count("contacts"));
      out.flush();
      Timed run =
          pull(
              sandbox, "--objects", "contacts", "--associations", "none", "--tier", "professional");
      Counts counts = Counts.of(sandbox.requests());
      long searches = counts.searches();
      long windowed = counts.total() - searches;
      long tooMany = counts.tooMany();
      double seconds = run.seconds();
      out.printf(
          Locale.ROOT,
          "[large-object] exit %d in %.1f s: %,d records (%,.0f records/s); %,d requests in the"
              + " 10-second window = %.0f%% of the budget (19/s), %,d searches, %,d answered 429%n",
          run.exitCode(),
          seconds,
          run.records(),
          run.records() / seconds,
          windowed,
          100 * windowed / seconds / 19.0,
          searches,
          tooMany);
      out.flush();
      return run.exitCode();
    }
  }

  /**
   * A small portal on a sandbox that enforces the per-second allowance (19 on professional): the
   * pull's pace, and whether it ever went above the allowance. The sandbox answers 429 SECONDLY to
   * any request past it, counted on arrival as HubSpot counts, so none answered 429 means none.
   */
  private int smallPortal() throws IOException {
    try (Sandbox sandbox =
        professionalAtHubSpotsLatency(smallPortalRecords)
            .secondlyLimit(SecondlyLimit.WINDOW)
            .start()) {
      out.printf(
          Locale.ROOT,
          "%n[small-portal] sandbox: professional tier, per-second allowance enforced (19/s), 150"
              + " ms latency, %,d contacts; pull --tier professional --threads %d%n",
          sandbox.portal().count("contacts"),
          threads);
      out.flush();
      Timed run = pull(sandbox, "--tier", "professional");
      List<RecordedRequest> requests = sandbox.requests();
      Counts counts = Counts.of(requests);
      long total = counts.total();
      long exempt = counts.associationReads();
      long searches = counts.searches();
      long tooMany = counts.tooMany();
      Map<String, Long> refused =
          requests.stream()
              .filter(r -> r.status() == 429)
              .collect(
                  Collectors.groupingBy(Counts::budgetOf, TreeMap::new, Collectors.counting()));
      double seconds = run.seconds();
      out.printf(
          Locale.ROOT,
          "[small-portal] exit %d in %.1f s: %,d records; %,d requests = %.1f/s averaged over the"
              + " job (%,d in the per-second allowance = %.1f/s of 19/s, %,d v4 association reads,"
              + " %,d searches); answered 429: %,d %s%n",
          run.exitCode(),
          seconds,
          run.records(),
          total,
          total / seconds,
          counts.windowed(),
          counts.windowed() / seconds,
          exempt,
          searches,
          tooMany,
          refused.isEmpty() ? "" : refused);
      out.flush();
      return run.exitCode();
    }
  }

  private int unlimited() throws IOException {
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(unlimitedRecords)
            .contactProperties(50)
            .recordRequests(0)
            .start()) {
      out.printf(
          Locale.ROOT,
          "%n[unlimited] sandbox: no rate limit, no latency, %,d contacts with 50 properties%n",
          unlimitedRecords);
      pullContacts(sandbox);
      Timed run = pullContacts(sandbox);
      out.printf(
          Locale.ROOT,
          "[unlimited] exit %d: %,d records in %.2f s = %,.0f records/s end to end (second of two"
              + " runs; the first warms the JIT)%n"
              + "[unlimited] CPU: %.1f s = %.0f%% of %d cores, %.1f µs per record (pull, sandbox,"
              + " JIT and GC together)%n",
          run.exitCode(),
          run.records(),
          run.seconds(),
          run.records() / run.seconds(),
          run.cpuSeconds(),
          100 * run.cpuSeconds() / run.seconds() / Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().availableProcessors(),
          1e6 * run.cpuSeconds() / Math.max(1, run.records()));
      out.flush();
      return run.exitCode();
    }
  }

  private int memory() throws IOException {
    out.printf(
        Locale.ROOT,
        "%n[memory] contacts with 50 properties, no limit; max heap %,d MB (sandbox in the same"
            + " JVM)%n",
        Runtime.getRuntime().maxMemory() / 1_000_000);
    int code = 0;
    for (long count : new long[] {memoryRecords / 10, memoryRecords}) {
      try (Sandbox sandbox =
          Sandbox.builder().records(count).contactProperties(50).recordRequests(0).start()) {
        System.gc();
        resetPeaks();
        Timed run = pullContacts(sandbox);
        out.printf(
            Locale.ROOT,
            "[memory] %,d contacts: exit %d in %.1f s; peak heap used %,d MB; peak RSS %s%n",
            count,
            run.exitCode(),
            run.seconds(),
            peakHeap() / 1_000_000,
            peakRss());
        out.flush();
        code = Math.max(code, run.exitCode());
      }
    }
    return code;
  }

  /** The requests a sandbox answered: all, v4 association reads, searches, and 429s. */
  private record Counts(long total, long associationReads, long searches, long tooMany) {
    /** The requests counted in the 10-second window and the per-second allowance. */
    long windowed() {
      return total - associationReads - searches;
    }

    static Counts of(List<RecordedRequest> requests) {
      return new Counts(
          requests.size(),
          requests.stream().filter(r -> budgetOf(r).equals(ASSOCIATION)).count(),
          requests.stream().filter(r -> budgetOf(r).equals(SEARCH)).count(),
          requests.stream().filter(r -> r.status() == 429).count());
    }

    private static final String SEARCH = "search";
    private static final String ASSOCIATION = "association";

    /** Which of HubSpot's budgets a request draws from: search, association, or the window. */
    static String budgetOf(RecordedRequest request) {
      if (request.path().endsWith("/search")) {
        return SEARCH;
      }
      return request.path().startsWith("/crm/v4/") ? ASSOCIATION : "window";
    }
  }

  /** A sandbox as the rate-limited scenarios share it: professional tier, 150 ms latency. */
  private static SandboxBuilder professionalAtHubSpotsLatency(long contacts) {
    return Sandbox.builder()
        .records(contacts)
        .rateLimit(RateLimitTier.PROFESSIONAL)
        .latencyMillis(150)
        .recordRequests(1_000_000);
  }

  /** A pull's exit code, records written, wall time and CPU time of the whole process. */
  private record Timed(int exitCode, long records, double seconds, double cpuSeconds) {}

  /** Contacts only, flat out: the unlimited and memory scenarios. */
  private Timed pullContacts(Sandbox sandbox) throws IOException {
    return pull(
        sandbox, "--objects", "contacts", "--associations", "none", "--rate-limit", "1000000");
  }

  /** Runs the real pull command into a fresh folder; returns its exit code, records and times. */
  private Timed pull(Sandbox sandbox, String... more) throws IOException {
    Path dir = Files.createTempDirectory("bench-pull");
    List<String> args =
        new ArrayList<>(
            List.of(
                "pull",
                "--base-url",
                sandbox.baseUrl().toString(),
                "--token",
                sandbox.token(),
                "--threads",
                Integer.toString(threads),
                "--out",
                dir.toString(),
                "--quiet"));
    args.addAll(List.of(more));
    CommandLine pull = Main.commandLine();
    StringWriter err = new StringWriter();
    pull.setOut(new PrintWriter(new StringWriter()));
    pull.setErr(new PrintWriter(err));
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    int code = pull.execute(args.toArray(String[]::new));
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    if (code != 0) {
      out.println("pull failed: " + err.toString().strip());
    }
    Path manifest = FolderLayout.of(dir).manifest();
    long records = Files.exists(manifest) ? Manifest.read(manifest).totalRecords() : 0;
    if (keep) {
      out.println("kept " + dir);
    } else {
      delete(dir);
    }
    return new Timed(code, records, seconds, cpuSeconds);
  }

  /** CPU time of the whole process (pull, sandbox, JIT and GC together), or 0 if unknown. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // Linux: resets VmHWM
    } catch (IOException | RuntimeException e) {
      // not Linux: the RSS figure is then the process's peak so far
    }
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed())
        .sum();
  }

  private static String peakRss() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines
          .filter(line -> line.startsWith("VmHWM:"))
          .map(line -> line.substring(6).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown (no /proc)";
    }
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
