package dev.hubspotextract.client;

import java.util.Objects;

/**
 * Any failure talking to HubSpot, with a category that says whose fault it is and what to do about
 * it; the message names what failed and how to fix it.
 */
public class HubSpotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a call failed; the command line maps each to an exit code. */
  public enum Category {
    /** A bad input from the user (flag, object name, property name). */
    USAGE,
    /** HubSpot rejected the access token (401, or 530 from its edge for a malformed one). */
    AUTHENTICATION,
    /** The token lacks a scope for one object (403). */
    PERMISSION,
    /**
     * Come back later: the daily request limit is used up, or HubSpot asked for a wait longer than
     * a run sits through (a long Retry-After, any 477 Migration in Progress).
     */
    RATE_LIMIT,
    /** Worth retrying: 5xx, dropped connection, timeout, truncated body, 429 within a window. */
    TRANSIENT,
    /** HubSpot or the host answered something we cannot use: unreachable host, 4xx. */
    EXTERNAL,
    /**
     * A successful (2xx) answer that is not in HubSpot's shape: not JSON (an HTML page, plain text,
     * nothing), or JSON of other types (a {@code "results"} that is not a list). The message says
     * what came, as {@code it answered an HTML page ("Sign in") while listing deals}, for the
     * caller to put after the server's name; several such answers mean the base URL is not
     * HubSpot's API.
     */
    NOT_HUBSPOT,
    /** A bug in this tool. */
    INTERNAL
  }

  private final Category category;

  public HubSpotException(Category category, String message) {
    this(category, message, null);
  }

  public HubSpotException(Category category, String message, Throwable cause) {
    super(message, cause);
    this.category = Objects.requireNonNull(category, "category is null");
  }

  public Category category() {
    return category;
  }

  /** True for failures that a later attempt of the same request may not repeat. */
  public boolean isTransient() {
    return category == Category.TRANSIENT;
  }
}
