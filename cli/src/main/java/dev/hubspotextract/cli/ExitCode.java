package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.extract.ExtractException;
import picocli.CommandLine;

/**
 * Every exit code of {@code hubspot-extract}, in one place, and which failure maps to which. One
 * more is the JVM's own: 130 after Ctrl-C (SIGINT), once {@link InterruptNotice} has said what is
 * kept.
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
  /** Some objects or association files failed (e.g. a missing scope); the others were written. */
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
  OUTPUT(7);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The exit code for a failure that ended a command. */
  public static ExitCode of(Throwable failure) {
    if (failure instanceof CommandLine.ParameterException || failure instanceof AnalyzeException) {
      return USAGE;
    }
    if (failure instanceof ExtractException extract) {
      return extract.kind() == ExtractException.Kind.OUTPUT ? OUTPUT : USAGE;
    }
    if (failure instanceof HubSpotException hubSpot) {
      return switch (hubSpot.category()) {
        case USAGE -> USAGE;
        case AUTHENTICATION -> AUTHENTICATION;
        case PERMISSION -> PARTIAL;
        case RATE_LIMIT -> DAILY_LIMIT;
        case TRANSIENT, EXTERNAL, NOT_HUBSPOT -> UNAVAILABLE;
        case INTERNAL -> INTERNAL;
      };
    }
    return INTERNAL;
  }
}
