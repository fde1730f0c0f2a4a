package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.FormatConverter;
import dev.hubspotextract.analyze.OutputFormat;
import dev.hubspotextract.client.ApiTier;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.Pacer;
import dev.hubspotextract.client.ProxySettings;
import dev.hubspotextract.client.RateBudget;
import dev.hubspotextract.client.RetryPolicy;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.Sleeper;
import dev.hubspotextract.client.TrustedCertificates;
import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.EarlierPull;
import dev.hubspotextract.extract.ExcelFiles;
import dev.hubspotextract.extract.ExtractException;
import dev.hubspotextract.extract.Extractor;
import dev.hubspotextract.extract.FileMode;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.FolderLock;
import dev.hubspotextract.extract.HistoryCost;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.OutputFolder;
import dev.hubspotextract.extract.Plan;
import dev.hubspotextract.extract.Planner;
import dev.hubspotextract.extract.PullRequest;
import dev.hubspotextract.extract.ReadOptions;
import dev.hubspotextract.extract.RunResult;
import dev.hubspotextract.extract.RunState;
import dev.hubspotextract.extract.TaskFailure;
import dev.hubspotextract.extract.TotalEstimates;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pull}: every object, property and association pair of a portal to CSV files. */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Pulls every object, property and association pair to files.",
      "Writes {object}.csv, {from}_{to}.csv and manifest.json to --out."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  internal error (a bug: please report it)",
      "  2  usage: bad flag or value, unknown object or property",
      "  3  HubSpot rejected the access token (401)",
      "  4  partial: some objects or pairs failed (e.g. missing scope), rest written;",
      "     or a --history needs a reference table a missing scope skipped",
      "  5  HubSpot unreachable, --base-url not HubSpot's API, or the first three",
      "     objects all failed the same way",
      "  6  HubSpot asked to come back later (daily limit, long Retry-After): rerun then",
      "  7  the output folder cannot be created or written, or another pull is",
      "     writing it",
      "130  interrupted (Ctrl-C): what was written is kept; the same command resumes"
    })
class PullCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--sandbox",
      description = "Pull from an embedded sandbox portal (no token needed).")
  boolean sandbox;

  @Option(
      names = {"--token", "--access_token"},
      defaultValue = "${env:HUBSPOT_ACCESS_TOKEN}",
      showDefaultValue = Visibility.NEVER,
      description =
          "Private app access token (default: $HUBSPOT_ACCESS_TOKEN). Other users can see it in"
              + " the process list: prefer --token-file or the environment variable.")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "PATH",
      description =
          "Read the access token from this file, its only line (keep it yours alone: chmod 600).")
  Path tokenFile;

  @Option(
      names = "--base-url",
      defaultValue = "https://api.hubapi.com",
      description =
          "HubSpot API base URL (default: ${DEFAULT-VALUE}); a standalone sandbox's URL. Plain"
              + " http:// only to this machine unless --insecure-http.")
  String baseUrl;

  @Option(
      names = "--insecure-http",
      description =
          "Allow a plain http:// --base-url on another machine: the token and data travel"
              + " unencrypted.")
  boolean insecureHttp;

  @Option(
      names = "--proxy",
      paramLabel = "URL|none",
      description =
          "HTTP proxy, http://[user:password@]host:port (default: $HTTPS_PROXY, or $HTTP_PROXY"
              + " for an http:// --base-url, unless $NO_PROXY lists its host); none for no proxy.")
  String proxy;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description =
          "Also trust the certificate authorities in this PEM file, for a proxy that inspects"
              + " TLS.")
  Path caCert;

  @Option(
      names = "--keep-umask",
      description =
          "Give the files and folders written the permissions your umask says (default: yours"
              + " alone, 600 and 700: CRM data is personal data).")
  boolean keepUmask;

  @Option(
      names = {"--objects", "--object_list"},
      paramLabel = "LIST",
      description =
          "Objects to pull, comma-separated: names (any case, singular or plural), custom object"
              + " names or type ids, or all (standard + custom). Default: the 13 standard objects.")
  List<String> objects = new ArrayList<>();

  @Option(
      names = "--associations",
      paramLabel = "FROM:TO[,FROM:TO...]|none",
      description = "Association files to write (default: the pairs users join among the objects).")
  String associations;

  @Option(
      names = "--object_type",
      paramLabel = "OBJECT",
      description = "With --to_object_type: write {object_type}_{to_object_type}.csv.")
  String objectType;

  @Option(names = "--to_object_type", paramLabel = "OBJECT", description = "See --object_type.")
  String toObjectType;

  @Option(
      names = "--association_id_list",
      paramLabel = "IDS",
      description = "Only these --object_type record ids (comma-separated).")
  String associationIds;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "At most N records per object (default: every record).")
  Long count;

  @Option(
      names = "--properties",
      paramLabel = "LIST",
      description = "Only these properties (comma-separated; default: every property).")
  String properties;

  @Option(
      names = "--history",
      paramLabel = "PROP[,…]",
      description =
          "Also write {object}_property_history.csv: every change of these properties (dealstage:"
              + " of every object pulled that has it; deals.dealstage: of deals alone; all: of"
              + " every property pulled). One request per 50 records, more for many properties"
              + " (--dry-run shows the cost).")
  String history;

  @Option(
      names = "--sensitive",
      description =
          "Also pull sensitive properties (HubSpot lists them only when asked; the private app needs"
              + " the crm.objects.<object>.sensitive.read.v2 scopes). Without it the manifest says"
              + " how many were left out.")
  boolean sensitive;

  @Option(
      names = "--highly-sensitive",
      description =
          "Also pull highly sensitive properties (health and similar data; scopes"
              + " crm.objects.<object>.highly_sensitive.read.v2).")
  boolean highlySensitive;

  @Option(
      names = "--out",
      defaultValue = "out",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--format",
      defaultValue = "csv",
      paramLabel = "FORMAT",
      converter = PullValues.Formats.class,
      description =
          "csv (default), parquet (one typed .parquet per table) or duckdb (every table, typed,"
              + " in one hubspot.duckdb).")
  OutputFormat outputFormat;

  @Option(
      names = "--excel",
      description =
          "Write CSV files a spreadsheet opens safely: a UTF-8 byte order mark, and a ' before"
              + " each cell Excel would run as a formula (one starting with =, +, -, @, tab or"
              + " CR), numbers in number columns excepted. sql and join read them as pulled.")
  boolean excel;

  @Option(
      names = "--dry-run",
      description =
          "Print the plan (objects, columns, how each is read, association files) and stop.")
  boolean dryRun;

  @Option(
      names = {"-q", "--quiet"},
      description = "No status lines.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "HTTP traces (token redacted), lists out of id order and stack traces on stderr.")
  boolean verbose;

  @Option(
      names = "--cursors",
      defaultValue = "" + ReadOptions.DEFAULT_CURSORS,
      paramLabel = "N",
      description =
          "List cursors on one large object, each on a range of its ids, so one object uses the"
              + " whole rate budget (default: ${DEFAULT-VALUE}; 1: one cursor per object).")
  int cursors;

  @Option(
      names = "--search-walk",
      description =
          "Also walk large objects down from the top by search (its own 5-a-second budget)."
              + " Risk: HubSpot's search lags writes, so a record created or changed shortly"
              + " before or during the pull can be missed; off by default.")
  boolean searchWalk;

  @Option(
      names = "--search-split",
      negatable = true,
      hidden = true,
      description = "Accepted for old scripts; does nothing (see --search-walk).")
  Boolean searchSplit;

  @Option(
      names = "--threads",
      defaultValue = "8",
      description =
          "Objects or association files pulled at once, all within one rate budget (default:"
              + " ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--tier",
      defaultValue = "free",
      paramLabel = "TIER",
      converter = PullValues.Tiers.class,
      description =
          "The portal's API tier, which sizes the rate budget until HubSpot's rate-limit headers"
              + " say the real limit: free or starter (100 per 10 s), professional or enterprise"
              + " (190), api-add-on (250). Default: free.")
  ApiTier tier;

  @Option(
      names = "--rate-limit",
      paramLabel = "N",
      description =
          "At most N requests per 10 seconds, whatever HubSpot's headers say (overrides --tier).")
  Integer rateLimit;

  @Option(
      names = "--restart",
      description =
          "Discard an unfinished pull in --out and start over (by default a pull continues where"
              + " the last one in the same folder stopped).")
  boolean restart;

  @Option(
      names = "--max-retries",
      defaultValue = "4",
      paramLabel = "N",
      description =
          "Retries of a failed request (5xx, dropped connection) (default: ${DEFAULT-VALUE}).")
  int maxRetries;

  @Option(
      names = "--connect-timeout",
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = DurationText.class,
      description =
          "Give up connecting to HubSpot (TLS handshake included) after this long (default:"
              + " ${DEFAULT-VALUE}; written 90s, 30m, 1h); a retry follows.")
  Duration connectTimeout;

  @Option(
      names = "--request-timeout",
      defaultValue = "120s",
      paramLabel = "DURATION",
      converter = DurationText.class,
      description =
          "Give up waiting for an answer, body included, after this long (default:"
              + " ${DEFAULT-VALUE}); a request still waiting gets a status line every 15 s.")
  Duration requestTimeout;

  @Option(
      names = "--max-body-size",
      defaultValue = "256MiB",
      paramLabel = "SIZE",
      converter = ByteSize.class,
      description =
          "Fail a request whose answer is larger than this (default: ${DEFAULT-VALUE}): a page of"
              + " HubSpot's is a few MB at most, so a larger one is a server gone wrong.")
  long maxBodySize;

  @Option(
      names = "--sandbox-records",
      defaultValue = "300",
      hidden = true,
      description = "Size of the embedded sandbox portal.")
  int sandboxRecords;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PullRequest request = requestFlags().toRequest();
    if (threads < 1 || threads > 16) {
      throw usage("--threads must be between 1 and 16, got " + threads);
    }
    int perTenSeconds = rateLimit != null ? rateLimit : tier.perTenSeconds();
    if (perTenSeconds < 10) {
      throw usage("--rate-limit must be at least 10 requests per 10 seconds, got " + rateLimit);
    }
    if (excel && outputFormat != OutputFormat.CSV) {
      throw usage(
          "--excel is for CSV files, and --format "
              + outputFormat.label()
              + " writes none (its typed files run no formulas): leave out --excel or --format");
    }
    if (searchSplit != null) {
      trace(
          err,
          "note: --search-split and --no-search-split do nothing now: large objects are read by"
              + " several list cursors (--cursors); --search-walk turns the search walk on");
    }
    requireBetween("--connect-timeout", connectTimeout, "100ms", "1h");
    requireBetween("--request-timeout", requestTimeout, "1s", "24h");
    if (maxRetries < 0) {
      throw usage("--max-retries must be 0 or more, got " + maxRetries);
    }
    if (tokenFile != null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--token")) {
        throw usage("--token and --token-file both give the access token: keep one");
      }
      token = TokenFile.read(tokenFile, line -> trace(err, line));
    }
    if (!sandbox && (token == null || token.isBlank())) {
      throw usage(
          "no access token: set HUBSPOT_ACCESS_TOKEN or pass --token-file PATH (a file holding"
              + " the private app token, pat-…), or try --sandbox");
    }
    if (sandbox && spec.commandLine().getParseResult().hasMatchedOption("--base-url")) {
      throw usage(
          "--sandbox and --base-url do not go together: --sandbox pulls from a sandbox started"
              + " inside this run; for a standalone one (./hubspot-extract sandbox), give its"
              + " --base-url and --token without --sandbox");
    }
    URI checkedBaseUrl = BaseUrl.parse(baseUrl, insecureHttp, line -> trace(err, line));
    FileMode fileMode = keepUmask ? FileMode.UMASK : FileMode.PRIVATE;
    if (!dryRun) {
      request = request.withOutDir(OutputFolder.prepare(out, fileMode, line -> trace(err, line)));
    }
    // before any request: a second pull into this folder is refused before it plans
    FolderLock lock = dryRun ? null : FolderLock.acquire(request.outDir());
    // from here on, Ctrl-C says what is kept and that the same command continues
    InterruptNotice interrupted = dryRun ? null : new InterruptNotice(err, request.outDir());
    Sandbox embedded = null;
    try {
      beforePlan(request);
      embedded = sandbox ? startSandbox() : null;
      String accessToken = embedded != null ? embedded.token() : token;
      URI base = embedded != null ? embedded.baseUrl() : checkedBaseUrl;
      Clock clock = Clock.systemUTC();
      AtomicReference<StatusPrinter> running = new AtomicReference<>();
      HubSpotClient client =
          HubSpotClient.builder()
              .baseUrl(base)
              .token(accessToken)
              .clock(clock)
              .pacer(
                  embedded != null
                      ? Pacer.UNLIMITED
                      : RateBudget.forTier(
                          perTenSeconds,
                          rateLimit == null,
                          clock,
                          Sleeper.SYSTEM,
                          verbose ? line -> trace(err, line) : null))
              .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(maxRetries + 1))
              .timeouts(connectTimeout, requestTimeout)
              .waiting(quiet ? null : waiting(running))
              .maxBodySize(maxBodySize)
              .proxy(ProxySettings.choose(proxy, Flags.of(Setting.PROXY), System.getenv(), base))
              .trustedCertificates(caCert == null ? null : TrustedCertificates.fromPem(caCert))
              .trace(verbose ? line -> trace(err, line) : null)
              .build();
      LongAdder planRequests = new LongAdder();
      // the folder the engine pulls or syncs CSV tables in: the output folder, or for another
      // format its CSV base, converted into the output folder after each run
      Path folder = request.outDir();
      PullRequest tables =
          dryRun || outputFormat == OutputFormat.CSV
              ? request
              : request.withOutDir(csvBaseOf(folder, line -> trace(err, line)));
      Plan plan = new Planner(client.counting(planRequests), base.toString()).plan(tables);
      if (dryRun) {
        spec.commandLine().getOut().print(plan.describe(outputFormat::destinationOf, Flags::show));
        spec.commandLine().getOut().print(HistoryCost.describe(client, plan));
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
      }
      return afterPlan(
          new Planned(
              plan, tables, folder, client, clock, fileMode, planRequests, interrupted, running));
    } finally {
      if (embedded != null) {
        embedded.close();
      }
      if (interrupted != null) {
        interrupted.close();
      }
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * What the command has once the plan is made: all a pull or a sync needs to run it.
   *
   * @param request the request as the engine runs it: in {@code folder}, or for a format other than
   *     CSV in its {@linkplain FolderLayout#csvBase CSV base}, the plan's folder
   * @param folder the output folder, where the tables end up in the format asked for
   */
  record Planned(
      Plan plan,
      PullRequest request,
      Path folder,
      HubSpotClient client,
      Clock clock,
      FileMode fileMode,
      LongAdder planRequests,
      InterruptNotice interrupted,
      AtomicReference<StatusPrinter> running) {
    /** Whether the run's CSV tables are converted into the folder once it is over. */
    boolean converted() {
      return !plan.outDir().equals(folder);
    }
  }

  /** Checks the request against the folder before any request to HubSpot; a pull has nothing to. */
  void beforePlan(PullRequest request) {}

  /** Runs the plan: pulls it ({@code sync} syncs a folder pulled before). */
  Integer afterPlan(Planned planned) throws IOException {
    return pull(planned);
  }

  /** Pulls the plan into its folder, writing the manifest, and says how it went. */
  final Integer pull(Planned planned) throws IOException {
    Plan plan = planned.plan();
    PullRequest request = planned.request();
    HubSpotClient client = planned.client();
    Clock clock = planned.clock();
    FileMode fileMode = planned.fileMode();
    LongAdder planRequests = planned.planRequests();
    InterruptNotice interrupted = planned.interrupted();
    AtomicReference<StatusPrinter> running = planned.running();
    PrintWriter err = spec.commandLine().getErr();
    RunResult result;
    try (StatusPrinter status =
        new StatusPrinter(
            spec.commandLine().getOut(),
            quiet,
            System.console() != null ? System.err : null,
            verbose ? line -> trace(err, line) : null)) {
      running.set(status);
      RunState state = RunState.open(plan, restart, fileMode, line -> trace(err, line));
      if (state.resumed() && !quiet) {
        spec.commandLine()
            .getOut()
            .println(
                "resuming the unfinished pull in "
                    + planned.folder()
                    + " (--restart to start over)");
      }
      plan.failedObjects().forEach(status::planFailed);
      // the bar's total: one search per object, only when there is a bar to show it
      TotalEstimates estimates =
          status.showsBar()
              ? TotalEstimates.start(client.counting(planRequests), plan, status)
              : null;
      try {
        result =
            new Extractor(client, clock, threads, interrupted.counting(status), state).run(plan);
      } finally {
        if (estimates != null) {
          estimates.close();
        }
      }
      // files are rewritten only once the run is over: a stopped run resumes its tasks, which
      // read their objects' files as written
      boolean over = result.fatal() == null;
      if (over) {
        ExcelFiles.apply(result, excel, fileMode);
      }
      List<String> replaced =
          over ? state.replacedFilesNotWrittenAgain(written(result)) : List.of();
      Manifest.ofRun(result, request, version(), replaced, excel && over)
          .write(plan.outDir(), fileMode);
      if (result.fatal() != null) {
        throw withWhatWasWritten(result.fatal(), result, planned.folder());
      }
      // the state outlives the conversion and the deletion: either cut short is finished by the
      // same command, without pulling again
      List<String> removed = replaced;
      if (planned.converted()) {
        removed = convert(plan.outDir(), planned.folder(), outputFormat, fileMode).removed();
      }
      EarlierPull.delete(plan.outDir(), replaced);
      if (!planned.converted()) {
        EarlierPull.deleteCsvBase(planned.folder()); // a CSV folder has no base to sync from
      }
      state.finish();
      status.jobCompleted(result, planRequests.sum());
      status.earlierFilesRemoved(planned.folder(), removed);
    }
    List<TaskFailure> failures = result.failures();
    ExitCode lacking = historiesLacking(result.historiesLackingReferences());
    if (failures.isEmpty()) {
      return lacking.code();
    }
    err.println(
        "hubspot-extract: "
            + failures.size()
            + " failed; the rest were written to "
            + planned.folder()
            + " (see manifest.json):");
    for (TaskFailure failure : failures) {
      err.println("  " + failure.subject() + ": " + Flags.show(failure.text()));
    }
    err.flush();
    return ExitCode.PARTIAL.code();
  }

  /**
   * Says of each property history written without a reference table it needs which one and why, one
   * line each, and gives the exit code of what is missing: OK when nothing is.
   */
  final ExitCode historiesLacking(List<TaskFailure> lacking) {
    PrintWriter err = spec.commandLine().getErr();
    ExitCode code = ExitCode.OK;
    for (TaskFailure history : lacking) {
      err.println("hubspot-extract: " + history.subject() + ": " + Flags.show(history.text()));
      code = ExitCode.of(history.category());
    }
    err.flush();
    return code;
  }

  /** The CSV files a complete run wrote, one per table it completed. */
  private static List<String> written(RunResult result) {
    List<String> files = new ArrayList<>();
    for (String table : result.completedTables()) {
      files.add(OutputFormat.CSV.fileFor(table));
    }
    return files;
  }

  /** The failure that stopped the run, its message saying what is kept and how to continue. */
  private static RuntimeException withWhatWasWritten(
      RuntimeException fatal, RunResult result, Path dir) {
    String kept =
        " Kept in "
            + dir
            + ": "
            + result.totalRecords()
            + " records and "
            + result.totalAssociationRows()
            + " association rows in finished files, unfinished ones in its "
            + FolderLayout.PRIVATE_FOLDER
            + " folder; run the same command again to continue where this run stopped.";
    if (fatal instanceof HubSpotException hubSpot) {
      return new HubSpotException(hubSpot.category(), hubSpot.text().around("", kept), hubSpot);
    }
    if (fatal instanceof ExtractException extract && extract.category() != FailureCategory.OUTPUT) {
      return new ExtractException(extract.category(), extract.text().around("", kept), extract);
    }
    return fatal;
  }

  /**
   * Where a request that has had no answer for a while is said to be waiting: a status line, among
   * the others once the run has its status printer.
   */
  private Consumer<UserText> waiting(AtomicReference<StatusPrinter> running) {
    PrintWriter out = spec.commandLine().getOut();
    return text -> {
      String line = Flags.show(text);
      StatusPrinter status = running.get();
      if (status != null) {
        status.note(line);
      } else {
        trace(out, line);
      }
    };
  }

  private void requireBetween(String flag, Duration value, String min, String max) {
    if (value.compareTo(DurationText.parse(min, ChronoUnit.SECONDS)) < 0
        || value.compareTo(DurationText.parse(max, ChronoUnit.SECONDS)) > 0) {
      List<String> typed = spec.findOption(flag).originalStringValues();
      throw usage(
          flag
              + " must be between "
              + min
              + " and "
              + max
              + ", got "
              + (typed.isEmpty() ? value : typed.get(typed.size() - 1)));
    }
  }

  /** The flags that say what to pull, as typed. */
  RequestFlags requestFlags() {
    return new RequestFlags(
        objects,
        associations,
        objectType,
        toObjectType,
        associationIds,
        count,
        properties,
        sensitive,
        highlySensitive,
        out,
        cursors,
        searchWalk,
        history);
  }

  private Sandbox startSandbox() {
    return Sandbox.builder()
        .port(0)
        .token("pat-na1-" + UUID.randomUUID())
        .records(sandboxRecords)
        .seed(42)
        .latencyMillis(0)
        .rateLimit(RateLimitTier.OFF)
        .start();
  }

  /**
   * The CSV base of {@code folder}, where a pull or a sync in another format than CSV runs: made
   * (in the private folder, the user's alone) if it is not there yet.
   */
  private static Path csvBaseOf(Path folder, Consumer<String> warnings) {
    OutputFolder.privateFolder(folder);
    return OutputFolder.prepare(FolderLayout.of(folder).csvBase(), FileMode.PRIVATE, warnings);
  }

  /**
   * Converts the CSV tables of {@code base} into {@code folder} in {@code format}; returns the
   * folder's new manifest. A conversion cut short is finished by the same command.
   */
  static Manifest convert(Path base, Path folder, OutputFormat format, FileMode fileMode) {
    try {
      return FormatConverter.convert(base, folder, format, fileMode);
    } catch (AnalyzeException e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          e.text()
              .around("", ". Run the same command again to convert them without pulling again."),
          e);
    }
  }

  private static synchronized void trace(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }

  static String version() {
    String version = PullCommand.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  private static ExtractException usage(String message) {
    return new ExtractException(FailureCategory.USAGE, message);
  }
}
