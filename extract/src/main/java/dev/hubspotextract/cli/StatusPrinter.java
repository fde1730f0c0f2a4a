package dev.hubspotextract.cli;

import dev.hubspotextract.extract.RunResult;
import dev.hubspotextract.extract.StatusListener;
import dev.hubspotextract.extract.TaskFailure;
import dev.hubspotextract.extract.TaskResult;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Prints a pull's status: one line per finished object or association file and a final "job
 * completed" line; a progress bar on stderr when it is a terminal. Silent with {@code --quiet}.
 */
final class StatusPrinter implements StatusListener, AutoCloseable {
  private final PrintWriter out;
  private final boolean quiet;
  private final ProgressBar bar;
  private final PrintStream terminal;
  private boolean barClosed;

  StatusPrinter(PrintWriter out, boolean quiet, PrintStream terminal) {
    this.out = out;
    this.quiet = quiet;
    this.terminal = terminal;
    this.bar =
        quiet || terminal == null
            ? null
            : new ProgressBarBuilder()
                .setTaskName("pulling")
                .setInitialMax(-1)
                .setUnit(" rows", 1)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .clearDisplayOnFinish()
                .build();
  }

  @Override
  public synchronized void taskFinished(TaskResult result) {
    if (quiet) {
      return;
    }
    clearBarLine();
    out.println(line(result));
    out.flush();
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
    if (!quiet) {
      clearBarLine();
      out.println(failure.subject() + ": FAILED (" + failure.kind() + ") " + failure.message());
      out.flush();
    }
  }

  @Override
  public void rowsWritten(long rows) {
    if (bar != null && !barClosed && rows > 0) {
      bar.stepBy(rows);
    }
  }

  /**
   * {@code contacts: 2000 records, 21 requests, 0.8 s} or {@code tickets: FAILED (permission) …}.
   */
  static String line(TaskResult result) {
    if (!result.completed()) {
      return result.name()
          + ": FAILED ("
          + result.failure().kind()
          + ") "
          + result.failure().message();
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
    out.println(
        String.format(
            Locale.ROOT,
            "job completed: %d objects (%d records), %d association files (%d rows), %d requests,"
                + " %.1f s, %d failed%s",
            objects,
            result.totalRecords(),
            pairs,
            result.totalAssociationRows(),
            result.totalRequests() + planRequests,
            seconds,
            failures.size(),
            failures.isEmpty()
                ? ""
                : ": " + String.join(", ", failures.stream().map(TaskFailure::subject).toList())));
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
