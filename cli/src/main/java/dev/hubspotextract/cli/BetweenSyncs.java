package dev.hubspotextract.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The wait between two syncs of {@code sync --every}. Ctrl-C then ends the command with success:
 * the folder is as the last sync left it, complete. A shutdown hook registered for the wait only
 * says so and halts with 0 (a hook cannot otherwise change the status the JVM exits with after
 * SIGINT); during a sync, the pull's own notice applies and the exit is 130.
 */
final class BetweenSyncs implements AutoCloseable {
  private final Thread hook;

  BetweenSyncs(PrintWriter err, Path dir) {
    Runnable stopped =
        () -> {
          err.println(
              "hubspot-extract: stopped between syncs; " + dir + " is as the last sync left it.");
          err.flush();
          Runtime.getRuntime().halt(ExitCode.OK.code());
        };
    this.hook = new Thread(stopped, "sync-stopped-between-syncs");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C came after the sync's last line and before this wait began: the folder is complete
      // all the same, so the command ends as a stop between syncs does
      stopped.run();
    }
  }

  /** Waits {@code pause}; an interrupt ends the wait early and is kept. */
  void await(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already exiting: the hook is what is running now
    }
  }
}
