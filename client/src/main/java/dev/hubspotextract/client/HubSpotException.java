package dev.hubspotextract.client;

import java.util.OptionalInt;

/**
 * Any failure talking to HubSpot, with a category that says whose fault it is and what to do about
 * it; the message names what failed and how to fix it.
 */
public class HubSpotException extends CategorizedException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the answer that is the failure; 0: none (no answer, or not its status). */
  private final int status;

  public HubSpotException(FailureCategory category, String message) {
    this(category, message, (Throwable) null);
  }

  public HubSpotException(FailureCategory category, String message, Throwable cause) {
    super(category, message, cause);
    this.status = 0;
  }

  /** HubSpot's final answer to a request, refusing it with {@code status}. */
  public HubSpotException(FailureCategory category, String message, int status) {
    super(category, message, null);
    this.status = status;
  }

  /** A failure whose message names settings (check the base URL, raise the request timeout). */
  public HubSpotException(FailureCategory category, UserText message) {
    this(category, message, null);
  }

  public HubSpotException(FailureCategory category, UserText message, Throwable cause) {
    super(category, message, cause);
    this.status = 0;
  }

  /**
   * The HTTP status of the answer that refused the request, when the failure is one answer (a 4xx
   * HubSpot will not change its mind about); empty for a failure without one, or made of several
   * (5xx until the retries gave up, a body too large, a dropped connection).
   */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** True for failures that a later attempt of the same request may not repeat. */
  public boolean isTransient() {
    return category() == FailureCategory.TRANSIENT;
  }
}
