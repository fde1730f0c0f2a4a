package dev.hubspotextract.cli;

import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.ReferenceResult;
import dev.hubspotextract.extract.StatusListener;
import dev.hubspotextract.extract.TaskResult;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a pull says when Ctrl-C (or another signal) ends it: what is kept and that the same command
 * continues. A shutdown hook, registered for the pull only: the JVM runs it, then exits with 130
 * after SIGINT (143 after SIGTERM). Finished files are whole and the pages of unfinished ones are
 * checkpointed as they go, so nothing else needs doing before the process ends.
 */
final class InterruptNotice implements AutoCloseable {
  private final PrintWriter err;
  private final Path dir;
  private final Thread hook;
  private long files;
  private long records;
  private long rows;
  private long historyRows;

  /** Registers the hook for a pull writing to {@code dir}. */
  InterruptNotice(PrintWriter err, Path dir) {
    this.err = err;
    this.dir = dir;
    this.hook = new Thread(this::say, "pull-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** A listener that counts the files finished, then tells {@code next}. */
  StatusListener counting(StatusListener next) {
    return new StatusListener() {
      @Override
      public void taskFinished(TaskResult result) {
        finished(result);
        next.taskFinished(result);
      }

      @Override
      public void referenceFinished(ReferenceResult result) {
        if (result.completed()) {
          finishedFile();
        }
        next.referenceFinished(result);
      }

      @Override
      public void rowsWritten(long written) {
        next.rowsWritten(written);
      }
    };
  }

  private synchronized void finishedFile() {
    files++;
  }

  private synchronized void finished(TaskResult result) {
    if (result.completed()) {
      files++;
      if (FolderLayout.isHistoryTable(result.name())) {
        historyRows += result.rows();
      } else if (result.association()) {
        rows += result.rows();
      } else {
        records += result.rows();
      }
    }
  }

  private synchronized void say() {
    err.println(
        "hubspot-extract: interrupted. Kept in "
            + dir
            + ": "
            + (files == 0
                ? "no finished file yet"
                : files
                    + " finished "
                    + (files == 1 ? "file" : "files")
                    + " ("
                    + records
                    + " records, "
                    + rows
                    + " association rows"
                    + (historyRows == 0 ? "" : ", " + historyRows + " history rows")
                    + ")")
            + ", and the pages of unfinished ones in its "
            + FolderLayout.PRIVATE_FOLDER
            + " folder; run the same command again to continue where this run stopped.");
    err.flush();
  }

  /** The pull ended by itself: nothing to say at exit. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already exiting: the hook is what is running now
    }
  }
}
