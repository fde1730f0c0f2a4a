package dev.hubspotextract.cli;

import dev.hubspotextract.extract.ReferenceResult;
import dev.hubspotextract.extract.RunResult;
import dev.hubspotextract.extract.StatusListener;
import dev.hubspotextract.extract.TaskFailure;
import dev.hubspotextract.extract.TaskResult;
import dev.hubspotextract.extract.TotalEstimates;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Prints a pull's status: one line per finished object or association file and a final "job
 * completed" line; a progress bar on stderr when it is a terminal. The bar counts records; once
 * search's counts of the objects arrive ({@link TotalEstimates}) it shows a total, a percentage and
 * the time left, marked as estimated (search lags writes). Silent with {@code --quiet}. With {@code
 * --verbose}, an object whose list strayed from id order is also traced.
 */
final class StatusPrinter implements StatusListener, AutoCloseable {
  private final PrintWriter out;
  private final boolean quiet;
  private final ProgressBar bar;
  private final PrintStream terminal;
  private final Consumer<String> trace;
  private boolean barClosed;
  private final Map<String, Long> resumed = new HashMap<>(); // records earlier runs wrote
  private Map<String, Long> expected; // search's counts, once they arrive
  private long associationRows;

  /**
   * @param terminal where the progress bar goes (null: none)
   * @param trace where {@code --verbose} lines go (null: not verbose)
   */
  StatusPrinter(PrintWriter out, boolean quiet, PrintStream terminal, Consumer<String> trace) {
    this.out = out;
    this.quiet = quiet;
    this.terminal = terminal;
    this.trace = trace;
    this.bar =
        quiet || terminal == null
            ? null
            : new ProgressBarBuilder()
                .setTaskName("pulling")
                .setInitialMax(-1)
                .setUnit(" records", 1)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .clearDisplayOnFinish()
                .build();
  }

  @Override
  public synchronized void taskFinished(TaskResult result) {
    if (trace != null && !result.listOrder().inOrder()) {
      trace.accept(listOrderLine(result));
    }
    note(line(result));
  }

  @Override
  public synchronized void referenceFinished(ReferenceResult result) {
    note(referenceLine(result));
  }

  /**
   * {@code owners: 14 rows, 2 requests, 0.1 s}, {@code owners: skipped: the access token lacks the
   * scope crm.objects.owners.read; …}, or {@code owners: FAILED (external) …}; a table written
   * without an object's rows says so after its counts ({@code pipelines: 3 rows, …; without
   * tickets: the access token lacks the scope tickets, …}).
   */
  static String referenceLine(ReferenceResult result) {
    if (result.skipped()) {
      return result.name()
          + ": skipped: the access token lacks the scope "
          + result.missingScope()
          + "; add it to the private app's scopes in HubSpot to have "
          + result.table().file();
    }
    if (!result.completed()) {
      return failedLine(result.name(), result.failure());
    }
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: %d rows, %d requests, %.1f s",
                result.name(),
                result.rows(),
                result.requests(),
                result.seconds()));
    // an object whose pipelines were refused or failed: the others' rows are written
    for (ReferenceResult.LeftOut left : result.leftOut()) {
      line.append("; without ").append(left.object()).append(": ");
      if (left.missingScope() != null) {
        line.append("the access token lacks the scope ")
            .append(left.missingScope())
            .append(", add it to the private app's scopes in HubSpot to have them");
      } else {
        line.append("FAILED (")
            .append(left.failure().category().label())
            .append(") ")
            .append(Flags.show(left.failure().text()));
      }
    }
    return line.toString();
  }

  /**
   * Blanks the bar's line before a status line: both share one terminal, and a status line would
   * otherwise start where the bar ends. The bar draws itself again on its next tick.
   */
  private void clearBarLine() {
    if (bar != null && !barClosed) {
      terminal.print("\r\033[K");
      terminal.flush();
    }
  }

  /** A line about the run as it goes (a request still waiting for its answer). */
  synchronized void note(String line) {
    if (!quiet) {
      clearBarLine();
      out.println(line);
      out.flush();
    }
  }

  /** An object that failed while planning (its properties could not be read). */
  synchronized void planFailed(TaskFailure failure) {
    note(failedLine(failure.subject(), failure));
  }

  /**
   * {@code tickets: FAILED (permission) …}: the one shape of a failed object's, file's or table's
   * line.
   */
  private static String failedLine(String name, TaskFailure failure) {
    return name + ": FAILED (" + failure.category().label() + ") " + Flags.show(failure.text());
  }

  /** Whether a progress bar is shown, so search's counts are worth asking for. */
  boolean showsBar() {
    return bar != null;
  }

  @Override
  public synchronized void rowsWritten(long rows) {
    if (bar != null && !barClosed && rows > 0) {
      bar.stepBy(rows);
      if (expected != null && bar.getCurrent() > bar.getMax()) {
        bar.maxHint(bar.getCurrent()); // search counted fewer than there are: it lags writes
      }
    }
  }

  @Override
  public synchronized void associationRowsWritten(long rows) {
    associationRows += rows;
    showExtra();
  }

  @Override
  public synchronized void recordsResumed(String object, long records) {
    resumed.merge(object, records, Long::sum);
    showTotal();
  }

  @Override
  public synchronized void recordsExpected(Map<String, Long> records) {
    expected = Map.copyOf(records);
    showExtra();
    showTotal();
  }

  /**
   * The records this run has left to write, by search's counts: an earlier run's are not counted,
   * as the bar counts only what this run writes.
   */
  private void showTotal() {
    if (bar == null || barClosed || expected == null) {
      return;
    }
    long left = 0;
    for (Map.Entry<String, Long> count : expected.entrySet()) {
      left += Math.max(0, count.getValue() - resumed.getOrDefault(count.getKey(), 0L));
    }
    bar.maxHint(Math.max(left, bar.getCurrent()));
    bar.refresh(); // the total at once, not at the next tick
  }

  private void showExtra() {
    if (bar == null || barClosed) {
      return;
    }
    String total = expected == null ? "" : "estimated";
    String links = associationRows == 0 ? "" : associationRows + " links";
    bar.setExtraMessage(total + (total.isEmpty() || links.isEmpty() ? "" : " · ") + links);
  }

  /**
   * {@code contacts: 2000 records, 21 requests, 0.8 s} or {@code tickets: FAILED (permission) …}.
   */
  static String line(TaskResult result) {
    if (!result.completed()) {
      return failedLine(result.name(), result.failure());
    }
    return String.format(
        Locale.ROOT,
        "%s: %d %s, %d requests, %.1f s",
        result.name(),
        result.rows(),
        result.association() ? "rows" : "records",
        result.requests(),
        result.seconds());
  }

  /**
   * {@code list order: contacts: out of id order 12, duplicate ids dropped 3; the file is in id
   * order, each id once}.
   */
  static String listOrderLine(TaskResult result) {
    return "list order: "
        + result.name()
        + ": out of id order "
        + result.listOrder().idsOutOfOrder()
        + ", duplicate ids dropped "
        + result.listOrder().duplicateIdsDropped()
        + "; the file is in id order, each id once";
  }

  /**
   * The final line; {@code planRequests} are the calls made while planning (properties, schemas).
   */
  synchronized void jobCompleted(RunResult result, long planRequests) {
    closeBar();
    if (quiet) {
      return;
    }
    double seconds =
        (result.finishedAt().toEpochMilli() - result.startedAt().toEpochMilli()) / 1000.0;
    List<TaskFailure> failures = result.failures();
    long objects = result.objects().stream().filter(TaskResult::completed).count();
    long pairs = result.associations().stream().filter(TaskResult::completed).count();
    // histories said only when asked for: the usual line stays as it was
    String histories =
        result.histories().isEmpty()
            ? ""
            : String.format(
                Locale.ROOT,
                ", %d property histories (%d rows)",
                result.histories().stream().filter(TaskResult::completed).count(),
                result.totalHistoryRows());
    out.println(
        String.format(
            Locale.ROOT,
            "job completed: %d objects (%d records), %d association files (%d rows)%s, %d"
                + " requests, %.1f s, %d failed%s",
            objects,
            result.totalRecords(),
            pairs,
            result.totalAssociationRows(),
            histories,
            result.totalRequests() + planRequests,
            seconds,
            failures.size(),
            failures.isEmpty()
                ? ""
                : ": " + String.join(", ", failures.stream().map(TaskFailure::subject).toList())));
    out.flush();
  }

  /** The files of the earlier pull in {@code dir} that this one did not write again, deleted. */
  synchronized void earlierFilesRemoved(Path dir, List<String> files) {
    if (quiet || files.isEmpty()) {
      return;
    }
    out.println(
        "removed from "
            + dir
            + " what the pull before wrote and this one did not (manifest.json lists them under"
            + " removed): "
            + String.join(", ", files));
    out.flush();
  }

  private void closeBar() {
    if (bar != null && !barClosed) {
      barClosed = true;
      bar.close();
    }
  }

  @Override
  public synchronized void close() {
    closeBar();
  }
}
