package dev.hubspotextract.analyze;

import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.FailureCategory;

/**
 * A problem with the user's folder, arguments or query, so always a {@link FailureCategory#USAGE}
 * failure; the message names the input and says how to fix it.
 */
public final class AnalyzeException extends CategorizedException {
  private static final long serialVersionUID = 1L;

  public AnalyzeException(String message) {
    this(message, null);
  }

  public AnalyzeException(String message, Throwable cause) {
    super(FailureCategory.USAGE, message, cause);
  }
}
