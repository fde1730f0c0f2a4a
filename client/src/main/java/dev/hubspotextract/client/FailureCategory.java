package dev.hubspotextract.client;

import java.util.Locale;

/**
 * Why something failed: whose fault it is and what to do about it. The one vocabulary of the
 * client, the engine and the analysis, carried by every {@link CategorizedException} and every
 * failed task; the command line maps each category to one exit code, and the manifest and the
 * status lines name it by its {@link #label()}.
 */
public enum FailureCategory {
  /** A bad input from the user (flag, object name, property name, query, input folder). */
  USAGE,
  /** HubSpot rejected the access token (401, or 530 from its edge for a malformed one). */
  AUTHENTICATION,
  /** The token lacks a scope for one object (403). */
  PERMISSION,
  /**
   * Come back later: the daily request limit is used up, or HubSpot asked for a wait longer than a
   * run sits through (a long Retry-After, any 477 Migration in Progress).
   */
  RATE_LIMIT,
  /** Worth retrying: 5xx, dropped connection, timeout, truncated body, 429 within a window. */
  TRANSIENT,
  /** HubSpot or the host answered something we cannot use: unreachable host, 4xx. */
  EXTERNAL,
  /**
   * A successful (2xx) answer that is not in HubSpot's shape: not JSON (an HTML page, plain text,
   * nothing), or JSON of other types (a {@code "results"} that is not a list). The message says
   * what came, as {@code it answered an HTML page ("Sign in") while listing deals}, for the caller
   * to put after the server's name; several such answers mean the base URL is not HubSpot's API.
   */
  NOT_HUBSPOT,
  /** The output folder cannot be created or written, or another pull is writing it. */
  OUTPUT,
  /** A bug in this tool. */
  INTERNAL,
  /**
   * A task left unfinished because the run stopped: another task's failure ended it (that failure
   * is the run's outcome), or the user interrupted it.
   */
  ABORTED;

  /** The category as the manifest and the status lines write it: {@code rate_limit}, …. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
