package dev.hubspotextract.client;

/**
 * Any failure talking to HubSpot, with a category that says whose fault it is and what to do about
 * it; the message names what failed and how to fix it.
 */
public class HubSpotException extends CategorizedException {
  private static final long serialVersionUID = 1L;

  public HubSpotException(FailureCategory category, String message) {
    this(category, message, null);
  }

  public HubSpotException(FailureCategory category, String message, Throwable cause) {
    super(category, message, cause);
  }

  /** A failure whose message names settings (check the base URL, raise the request timeout). */
  public HubSpotException(FailureCategory category, UserText message) {
    this(category, message, null);
  }

  public HubSpotException(FailureCategory category, UserText message, Throwable cause) {
    super(category, message, cause);
  }

  /** True for failures that a later attempt of the same request may not repeat. */
  public boolean isTransient() {
    return category() == FailureCategory.TRANSIENT;
  }
}
