package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.LabelGap;
import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.FailureCategory;
import java.util.List;
import picocli.CommandLine;

/**
 * Every exit code of {@code hubspot-extract}, in one place, and the one mapping from a {@link
 * FailureCategory} to its exit code.
 */
public enum ExitCode {
  /** Everything asked for was written. */
  OK(0),
  /** A bug in this tool. */
  INTERNAL(1),
  /** Bad flags or values, an unknown object or property. */
  USAGE(2),
  /** HubSpot rejected the access token (401). */
  AUTHENTICATION(3),
  /**
   * Some objects or association files failed (e.g. a missing scope); the others were written. Or
   * everything was written, but a reference table that a property history or a label needs was
   * skipped for a missing scope.
   */
  PARTIAL(4),
  /**
   * HubSpot could not be reached or kept failing (unreachable host, retries exhausted), or the
   * server at the base URL does not look like HubSpot's API.
   */
  UNAVAILABLE(5),
  /**
   * HubSpot asked to come back later: the daily request limit is used up, or it asked for a wait
   * longer than the tool sits through ({@code Retry-After}). The same command resumes.
   */
  DAILY_LIMIT(6),
  /** The output folder cannot be created or written, or another pull is writing it. */
  OUTPUT(7),
  /**
   * Interrupted (Ctrl-C): the JVM's own code after SIGINT, once {@link InterruptNotice} has said
   * what is kept. A command returns it only for a failure of category {@code ABORTED} with nothing
   * else to blame, which only an interrupt leaves.
   */
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * The exit code of a command that answered, with labels, but lacks some labels: 0 when it lacks
   * none, else 4, partial, as for the missing scope ({@link FailureCategory#PERMISSION}) that most
   * often causes it, and for a folder that lacks a reference table otherwise (an older pull's): the
   * answer is there, without some of what was asked.
   */
  public static ExitCode ofAnswerLacking(List<LabelGap> gaps) {
    return gaps.isEmpty() ? OK : PARTIAL;
  }

  /** The exit code for a failure that ended a command. */
  public static ExitCode of(Throwable failure) {
    if (failure instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    if (failure instanceof CategorizedException categorized) {
      return of(categorized.category());
    }
    return INTERNAL;
  }

  /** The exit code of each failure category: the only place that decides it. */
  public static ExitCode of(FailureCategory category) {
    return switch (category) {
      case USAGE -> USAGE;
      case AUTHENTICATION -> AUTHENTICATION;
      case PERMISSION -> PARTIAL;
      case RATE_LIMIT -> DAILY_LIMIT;
      case TRANSIENT, EXTERNAL, NOT_HUBSPOT -> UNAVAILABLE;
      case OUTPUT -> OUTPUT;
      case INTERNAL -> INTERNAL;
      // a task stopped by another task's failure leaves the outcome to that failure: only an
      // interrupt stops a run with nothing else to blame
      case ABORTED -> INTERRUPTED;
    };
  }
}
