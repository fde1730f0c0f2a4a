package dev.hubspotextract.cli.bench;

import dev.hubspotextract.cli.DurationText;
import dev.hubspotextract.cli.Main;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.sandbox.ChangeReport;
import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.RecordedRequest;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench sync}: what keeping a folder current costs against pulling it again. Runs the real
 * {@code sync} command against an embedded sandbox (no rate limit, no latency): the first sync into
 * an empty folder is a full pull; then 1% of every object changes and a default sync follows, its
 * requests (the figure that matters against HubSpot's budget) and time set against the pull's; then
 * the extra cost of {@code --verify-deletes} and {@code --full-associations}, each after a small
 * change of its own and set against a default sync of the same changes. Requests are counted by the
 * sandbox, so retries and planning count too.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Runs sync against an embedded sandbox and prints its requests and time against a full pull.",
      "A full pull (the first sync), 1% of every object changed (0.8% updated, 0.1% created, 0.1%"
          + " archived, 0.01% relinked), a default sync; then --verify-deletes and"
          + " --full-associations, each after a change of its own, against a default sync that"
          + " sees the same changes."
    })
final class BenchSyncCommand implements Callable<Integer> {
  /** The most requests the sandbox keeps to break a run's count down by kind. */
  private static final int RECORDED = 200_000;

  /** Contacts at the least: the smallest object (products, a fiftieth) must have a few records. */
  private static final long MIN_RECORDS = 500;

  /** A request's kind, in the order the breakdowns print them. */
  private static final List<String> KINDS =
      List.of(
          "list pages",
          "archived-list pages",
          "searches",
          "batch reads",
          "association reads",
          "other");

  @Spec CommandSpec spec;

  @Option(
      names = "--records",
      defaultValue = "1000000",
      description =
          "Contacts in the portal, the other objects in proportion as the sandbox's --records gives"
              + " them (default: ${DEFAULT-VALUE}; 100000 for a quick run; at least 500).")
  long records;

  @Option(
      names = "--search-lag",
      defaultValue = "500ms",
      converter = DurationText.class,
      description =
          "How long the sandbox's search trails writes; waited out after each change (default:"
              + " ${DEFAULT-VALUE}).")
  Duration searchLag;

  @Option(
      names = "--threads",
      defaultValue = "8",
      description = "sync --threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--keep",
      description = "Keep the synced folder (printed) instead of deleting it.")
  boolean keep;

  private PrintWriter out;
  private Sandbox sandbox;
  private Path dir;

  /** One run of the command: exit code, wall time, requests the sandbox answered, by kind. */
  private record Run(
      int exitCode, double seconds, long requests, Map<String, Long> kinds, String summary) {
    String breakdown() {
      if (kinds == null) {
        return "too many to break down";
      }
      return KINDS.stream()
          .filter(kinds::containsKey)
          .map(kind -> String.format(Locale.ROOT, "%,d %s", kinds.get(kind), kind))
          .collect(Collectors.joining(", "));
    }

    /**
     * The least time these requests would take on a professional portal: 19 a second, v4
     * association reads exempt, and searches 5 a second (NaN when not broken down).
     */
    double budgetSeconds() {
      if (kinds == null) {
        return Double.NaN;
      }
      long searches = kinds.getOrDefault("searches", 0L);
      long windowed = requests - searches - kinds.getOrDefault("association reads", 0L);
      return Math.max(windowed / 19.0, searches / 5.0);
    }
  }

  /** A time in seconds, or minutes past two of them. */
  private static String time(double seconds) {
    if (Double.isNaN(seconds)) {
      return "? (too many requests to break down)";
    }
    return seconds < 120
        ? String.format(Locale.ROOT, "%.0f s", seconds)
        : String.format(Locale.ROOT, "%.1f min", seconds / 60);
  }

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    if (records < MIN_RECORDS || threads < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "need --records ≥ "
              + MIN_RECORDS
              + " (each object changes in three sets) and --threads ≥ 1");
    }
    out.printf(
        Locale.ROOT,
        "machine: %d cores, max heap %,d MB, load average %.2f, java %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1_000_000,
        load(),
        System.getProperty("java.version"));
    out.flush();
    long t0 = System.nanoTime();
    dir = Files.createTempDirectory("bench-sync");
    try (Sandbox started =
        Sandbox.builder().records(records).searchLag(searchLag).recordRequests(RECORDED).start()) {
      sandbox = started;
      out.printf(
          Locale.ROOT,
          "[sync] sandbox: no rate limit, no latency, search lag %d ms, %,d contacts, the other"
              + " objects in proportion (started in %.1f s)%n",
          searchLag.toMillis(),
          records,
          (System.nanoTime() - t0) / 1e9);
      out.flush();
      return bench();
    } finally {
      if (keep) {
        out.println("[sync] kept " + dir);
      } else {
        BenchPullCommand.delete(dir);
      }
      out.flush();
    }
  }

  private int bench() throws IOException, InterruptedException {
    Run pull = sync("-q");
    Manifest pulled = manifest();
    out.printf(
        Locale.ROOT,
        "[sync] full pull (the first sync, into an empty folder): exit %d in %.1f s, %,d records in"
            + " %d objects, %,d association rows; %,d requests (%s); load %.2f%n"
            + "[sync]   on a professional portal (19 requests/s, 5 searches/s) they would take at"
            + " least %s%n",
        pull.exitCode(),
        pull.seconds(),
        pulled.totalRecords(),
        pulled.objects().size(),
        pulled.associations().stream().mapToLong(Manifest.AssociationEntry::rows).sum(),
        pull.requests(),
        pull.breakdown(),
        load(),
        time(pull.budgetSeconds()));
    out.flush();
    if (pull.exitCode() != 0) {
      return pull.exitCode();
    }
    Map<String, Long> sizes = new LinkedHashMap<>();
    pulled.objects().forEach(entry -> sizes.put(entry.name(), entry.records()));
    Set<String> linked = new HashSet<>();
    sandbox.portal().associationPairs().forEach(linked::addAll);

    // 1% of every object, then a default sync: the headline figure
    List<ChangeReport> first =
        change(
            "change 1: 1% of every object",
            sizes,
            (name, n) ->
                ChangeSet.of(name)
                    .update(share(n, 0.008))
                    .create(share(n, 0.001))
                    .archive(share(n, 0.001))
                    .relink(share(n, 0.0001))
                    .relinkTouchesModified(true),
            linked);
    Run sync = sync();
    out.printf(
        Locale.ROOT,
        "[sync] default sync: exit %d in %.1f s = %.1f%% of the pull's time; %,d requests ="
            + " %.2f%% of the pull's (target ≤ 3%%): %s; load %.2f%n"
            + "[sync]   on a professional portal they would take at least %s = %.1f%% of the"
            + " pull's%n"
            + "[sync]   it printed: %s%n"
            + "[sync]   change 1 made: %,d updated (relinks included), %,d new, %,d archived%n",
        sync.exitCode(),
        sync.seconds(),
        100 * sync.seconds() / pull.seconds(),
        sync.requests(),
        100.0 * sync.requests() / pull.requests(),
        sync.breakdown(),
        load(),
        time(sync.budgetSeconds()),
        100 * sync.budgetSeconds() / pull.budgetSeconds(),
        sync.summary(),
        first.stream().mapToLong(r -> r.updated().size() + r.relinked().size()).sum(),
        first.stream().mapToLong(r -> r.created().size()).sum(),
        first.stream().mapToLong(r -> r.archived().size()).sum());
    out.flush();
    int code = sync.exitCode();

    // each option after a change of its own, against a default sync that sees the same changes:
    // each sync's lookback (an hour) finds every change since the pull again
    change(
        "change 2: 0.05% updated, 0.01% created, archived and deleted for good",
        sizes,
        (name, n) ->
            ChangeSet.of(name)
                .update(share(n, 0.0005))
                .create(share(n, 0.0001))
                .archive(share(n, 0.0001))
                .delete(share(n, 0.0001)),
        Set.of());
    Run plain = sync();
    out.printf(
        Locale.ROOT,
        "[sync] default sync after change 2: exit %d in %.1f s, %,d requests (%s); load %.2f%n",
        plain.exitCode(),
        plain.seconds(),
        plain.requests(),
        plain.breakdown(),
        load());
    out.flush();
    code = Math.max(code, plain.exitCode());
    code = Math.max(code, option(pull, plain, "--verify-deletes", "the deleted records"));
    // links edited without moving a modified date: a default sync sees none of it, so the default
    // sync above did all a default sync would do now
    change(
        "change 3: 0.05% relinked without moving the modified date",
        sizes,
        (name, n) -> ChangeSet.of(name).relink(share(n, 0.0005)).relinkTouchesModified(false),
        linked);
    code = Math.max(code, option(pull, plain, "--full-associations", "the silent link edits"));
    return Math.max(code, check());
  }

  /**
   * A sync with {@code flag}: its requests and time over those of the default sync {@code plain}.
   */
  private int option(Run pull, Run plain, String flag, String finds) {
    Run with = sync(flag);
    out.printf(
        Locale.ROOT,
        "[sync] %s: exit %d in %.1f s, %,d requests (%s); extra over the default sync of the same"
            + " changes (which misses %s): %+,d requests = %.2f%% of the pull's, %+.1f s; load"
            + " %.2f%n"
            + "[sync]   it printed: %s%n",
        flag,
        with.exitCode(),
        with.seconds(),
        with.requests(),
        with.breakdown(),
        finds,
        with.requests() - plain.requests(),
        100.0 * (with.requests() - plain.requests()) / pull.requests(),
        with.seconds() - plain.seconds(),
        load(),
        with.summary());
    out.flush();
    return with.exitCode();
  }

  /**
   * Applies one change set per object, made by {@code set} from its name and records (relinks only
   * on objects that have links); waits out the search lag.
   */
  private List<ChangeReport> change(
      String what,
      Map<String, Long> sizes,
      BiFunction<String, Long, ChangeSet> set,
      Set<String> linked)
      throws InterruptedException {
    List<ChangeSet> sets = new ArrayList<>();
    sizes.forEach(
        (name, n) -> {
          ChangeSet sized = set.apply(name, n);
          sets.add(linked.contains(name) ? sized : sized.relink(0));
        });
    long start = System.nanoTime();
    List<ChangeReport> reports = sandbox.portal().apply(sets);
    double applied = (System.nanoTime() - start) / 1e9;
    Thread.sleep(searchLag.toMillis() + 200);
    out.printf(
        Locale.ROOT,
        "[sync] %s: %,d updated, %,d created, %,d archived, %,d deleted, %,d relinked in %.1f s,"
            + " then %d ms for search to catch up%n",
        what,
        reports.stream().mapToLong(r -> r.updated().size()).sum(),
        reports.stream().mapToLong(r -> r.created().size()).sum(),
        reports.stream().mapToLong(r -> r.archived().size()).sum(),
        reports.stream().mapToLong(r -> r.deleted().size()).sum(),
        reports.stream().mapToLong(r -> r.relinked().size()).sum(),
        applied,
        searchLag.toMillis() + 200);
    out.flush();
    return reports;
  }

  /** A share of an object's records, at least one. */
  private static int share(long records, double fraction) {
    return (int) Math.max(1, Math.min(ChangeSet.MAX_COUNT, Math.round(records * fraction)));
  }

  /**
   * The folder's records per object against the sandbox's live records: what a fresh pull would
   * write, counted without pulling again. 0 when every object agrees.
   */
  private int check() throws IOException {
    Manifest synced = manifest();
    List<String> differ = new ArrayList<>();
    long total = 0;
    for (Manifest.ObjectEntry entry : synced.objects()) {
      long live = sandbox.portal().count(entry.name());
      total += live;
      if (live != entry.records()) {
        differ.add(entry.name() + " " + entry.records() + " in the folder, " + live + " live");
      }
    }
    out.printf(
        Locale.ROOT,
        "[sync] check: %s%n",
        differ.isEmpty()
            ? String.format(
                Locale.ROOT,
                "the folder holds the sandbox's %,d live records in all %d objects",
                total,
                synced.objects().size())
            : "records differ: " + String.join("; ", differ));
    out.flush();
    return differ.isEmpty() ? 0 : 1;
  }

  private Manifest manifest() throws IOException {
    return Manifest.read(FolderLayout.of(dir).manifest());
  }

  /** Runs the real sync command on the folder, unpaced; counts the sandbox's requests. */
  private Run sync(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sync",
                "--base-url",
                sandbox.baseUrl().toString(),
                "--token",
                sandbox.token(),
                "--threads",
                Integer.toString(threads),
                "--rate-limit",
                "1000000",
                "--out",
                dir.toString()));
    args.addAll(List.of(more));
    CommandLine command = Main.commandLine();
    StringWriter printed = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(printed));
    command.setErr(new PrintWriter(err));
    sandbox.clearRequests();
    long start = System.nanoTime();
    int code = command.execute(args.toArray(String[]::new));
    double seconds = (System.nanoTime() - start) / 1e9;
    long requests = sandbox.requestCount();
    List<RecordedRequest> kept = sandbox.requests();
    Map<String, Long> kinds =
        kept.size() < requests
            ? null
            : kept.stream()
                .collect(Collectors.groupingBy(BenchSyncCommand::kindOf, Collectors.counting()));
    if (code != 0) {
      out.println("[sync] sync " + String.join(" ", more) + " failed: " + err.toString().strip());
    }
    String summary =
        printed
            .toString()
            .lines()
            .filter(line -> line.startsWith("synced "))
            .findFirst()
            .orElse("");
    return new Run(code, seconds, requests, kinds, summary);
  }

  /** Which of {@link #KINDS} a request is. */
  static String kindOf(RecordedRequest request) {
    String path = request.path();
    if (path.startsWith("/crm/v4/")) {
      return "association reads";
    }
    if (path.endsWith("/search")) {
      return "searches";
    }
    if (path.endsWith("/batch/read")) {
      return "batch reads";
    }
    if (path.startsWith("/crm/v3/objects/") && request.method().equals("GET")) {
      String query = request.rawQuery();
      return query != null && query.contains("archived=true")
          ? "archived-list pages"
          : "list pages";
    }
    return "other";
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
