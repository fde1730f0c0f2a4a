package dev.hubspotextract.extract;

import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.UserText;

/**
 * A failure of the run itself rather than of HubSpot: a bad input ({@link FailureCategory#USAGE})
 * or an unusable output folder ({@link FailureCategory#OUTPUT}).
 */
public final class ExtractException extends CategorizedException {
  private static final long serialVersionUID = 1L;

  public ExtractException(FailureCategory category, String message) {
    this(category, message, null);
  }

  public ExtractException(FailureCategory category, String message, Throwable cause) {
    super(category, message, cause);
  }

  /** A failure whose message names settings (choose another output folder). */
  public ExtractException(FailureCategory category, UserText message) {
    this(category, message, null);
  }

  public ExtractException(FailureCategory category, UserText message, Throwable cause) {
    super(category, message, cause);
  }
}
