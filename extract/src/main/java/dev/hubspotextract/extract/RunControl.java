package dev.hubspotextract.extract;

import dev.hubspotextract.client.CategorizedException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shared by the tasks of one run: the first failure that makes going on pointless (a rejected
 * token, the daily limit, HubSpot unreachable, an unwritable folder) stops every other task.
 */
final class RunControl {
  private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

  /** Whether this failure ends the whole run rather than one task. */
  static boolean isFatal(RuntimeException failure) {
    if (!(failure instanceof CategorizedException categorized)) {
      return false;
    }
    return switch (categorized.category()) {
      case USAGE, AUTHENTICATION, RATE_LIMIT, TRANSIENT, OUTPUT -> true;
      case PERMISSION, EXTERNAL, NOT_HUBSPOT, INTERNAL, ABORTED -> false;
    };
  }

  /** Whether a task stopped by this keeps its files for a resumed run. */
  static boolean isResumable(RuntimeException failure) {
    return failure instanceof Aborted || isFatal(failure);
  }

  void abort(RuntimeException failure) {
    fatal.compareAndSet(null, failure);
  }

  RuntimeException fatal() {
    return fatal.get();
  }

  /** Thrown inside a task once another task has ended the run. */
  static final class Aborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("stopped: another task ended the run", null, false, false);
    }
  }

  void checkNotAborted() {
    if (fatal.get() != null || Thread.currentThread().isInterrupted()) {
      throw new Aborted();
    }
  }
}
