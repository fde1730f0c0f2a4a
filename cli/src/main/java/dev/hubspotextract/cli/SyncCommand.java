package dev.hubspotextract.cli;

import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.extract.ExtractException;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.HistoryReferences;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.PullRequest;
import dev.hubspotextract.extract.StatusListener;
import dev.hubspotextract.extract.SyncCheck;
import dev.hubspotextract.extract.SyncOptions;
import dev.hubspotextract.extract.SyncResult;
import dev.hubspotextract.extract.Syncer;
import dev.hubspotextract.extract.TaskFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sync}: keeps a pulled folder current at the cost of what changed. Takes every flag of
 * {@code pull}; on a folder with no pull in it, it pulls.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Brings a folder written by pull up to date with what changed since: records created,"
          + " modified, archived, and the links of changed records.",
      "On an empty folder it pulls. Takes pull's flags, with the same objects, properties and"
          + " format as the pull; a Parquet or DuckDB folder is synced through the CSV tables its"
          + " pull keeps, then converted again."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  2  usage, or a folder sync cannot vouch for (the message says what to run instead)",
      "  4  partial: some objects failed; they keep their last file and are marked stale;",
      "     or a --history needs a reference table a missing scope skipped",
      "  3, 5, 6, 7, 130  as for pull"
    })
final class SyncCommand extends PullCommand {
  @Option(
      names = "--lookback",
      defaultValue = "1h",
      paramLabel = "DURATION",
      converter = DurationText.class,
      description =
          "Look for changes from this long before each object's last mark (default:"
              + " ${DEFAULT-VALUE}): HubSpot's search shows writes late.")
  Duration lookback;

  @Option(
      names = "--verify-deletes",
      description =
          "Also list every record id, to drop records deleted for good (they leave no archived"
              + " entry) and add any the folder lacks; costs about a list request per 100 records.")
  boolean verifyDeletes;

  @Option(
      names = "--full-associations",
      description =
          "Read every association file whole (1,000 records a request), not only the links of"
              + " records that changed: HubSpot does not always move a record's modified date when"
              + " only its links change.")
  boolean fullAssociations;

  @Option(
      names = "--every",
      paramLabel = "DURATION",
      converter = DurationText.class,
      description =
          "Sync again this long after each sync ends (at least 1s), until Ctrl-C: one line per"
              + " sync. Ctrl-C between syncs exits 0; during one, it stops as a pull does (130).")
  Duration every;

  /** The summary of each sync and nothing else, when syncing on a schedule. */
  private boolean summaryOnly;

  @Override
  public Integer call() throws IOException {
    if (every == null) {
      return super.call();
    }
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ExtractException(
          FailureCategory.USAGE,
          "--every must be at least 1s, got " + every.toMillis() + "ms: write it 90s, 30m, 1h");
    }
    summaryOnly = true;
    while (true) {
      try {
        int code = super.call();
        if (code != ExitCode.OK.code() && code != ExitCode.PARTIAL.code()) {
          return code;
        }
      } catch (CategorizedException e) {
        if (!PASSING.contains(e.category())) {
          throw e;
        }
        // HubSpot out of reach or asking to come back later: the next sync may well go through
        spec.commandLine()
            .getErr()
            .println(
                "hubspot-extract: this sync failed, the next one starts in "
                    + every.toSeconds()
                    + " s"
                    + ": "
                    + Flags.show(e));
      }
      try (BetweenSyncs idle = new BetweenSyncs(spec.commandLine().getErr(), out)) {
        idle.await(every);
      }
    }
  }

  /** Failures of one sync on a schedule that the next one may not meet. */
  private static final Set<FailureCategory> PASSING =
      EnumSet.of(FailureCategory.TRANSIENT, FailureCategory.RATE_LIMIT, FailureCategory.EXTERNAL);

  /** The folder's pull, as {@link #beforePlan} found it: empty while it holds none. */
  private Optional<Manifest> earlier = Optional.empty();

  @Override
  void beforePlan(PullRequest request) {
    if (excel) {
      throw new ExtractException(
          FailureCategory.USAGE,
          "sync keeps CSV files as HubSpot sent them in this version, not made for a spreadsheet:"
              + " leave out --excel");
    }
    if (lookback.isNegative()) {
      throw new ExtractException(
          FailureCategory.USAGE, "--lookback must not be negative, got " + lookback);
    }
    if (!dryRun) {
      // refuses a folder it cannot sync, before any request
      earlier = SyncCheck.earlierPull(request, outputFormat.label());
    }
  }

  @Override
  Integer afterPlan(Planned planned) throws IOException {
    if (earlier.isEmpty() || Files.exists(FolderLayout.of(planned.plan().outDir()).runFile())) {
      // nothing to sync yet, or a pull the folder holds unfinished: the first sync is a pull (or
      // finishes it), which records marks
      return pull(planned);
    }
    long started = System.nanoTime();
    SyncResult result =
        new Syncer(
                planned.client(),
                planned.clock(),
                threads,
                StatusListener.NONE,
                new SyncOptions(lookback, verifyDeletes, fullAssociations))
            .sync(planned.plan(), earlier.get(), planned.request(), version(), planned.fileMode());
    if (planned.converted()) {
      // the engine synced the folder's CSV base: its tables in the folder's format follow it
      convert(planned.plan().outDir(), planned.folder(), outputFormat, planned.fileMode());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (!quiet) {
      SyncLines.print(
          summaryOnly,
          out,
          result,
          planned.planRequests().sum(),
          (System.nanoTime() - started) / 1e9);
    }
    ExitCode lacking =
        historiesLacking(
            HistoryReferences.lacking(planned.plan().histories(), result.references()));
    if (result.failures().isEmpty()) {
      return lacking.code();
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "hubspot-extract: "
            + result.failures().size()
            + " not brought up to date; each keeps the files it had, if any, marked stale in"
            + " manifest.json:");
    for (TaskFailure failure : result.failures()) {
      err.println("  " + failure.subject() + ": " + Flags.show(failure.text()));
    }
    err.flush();
    return ExitCode.PARTIAL.code();
  }
}
