package dev.hubspotextract.client;

import java.util.Objects;

/**
 * A failure the user is told about: the message names what failed and how to fix it, the {@link
 * FailureCategory} says whose fault it is. Each module throws one subclass of its own.
 */
public abstract class CategorizedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureCategory category;

  protected CategorizedException(FailureCategory category, String message, Throwable cause) {
    super(message, cause);
    this.category = Objects.requireNonNull(category, "category is null");
  }

  public final FailureCategory category() {
    return category;
  }
}
