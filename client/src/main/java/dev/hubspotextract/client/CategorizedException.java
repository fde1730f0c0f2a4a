package dev.hubspotextract.client;

import java.util.List;
import java.util.Objects;

/**
 * A failure the user is told about: the message names what failed and how to fix it, the {@link
 * FailureCategory} says whose fault it is, and {@link #settings()} are the settings the message
 * names in words, for a front end to add its own name for each (the command line, its flag). Each
 * module throws one subclass of its own.
 */
public abstract class CategorizedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureCategory category;

  private final List<Setting> settings;

  protected CategorizedException(FailureCategory category, String message, Throwable cause) {
    super(message, cause);
    this.category = Objects.requireNonNull(category, "category is null");
    this.settings = List.of();
  }

  protected CategorizedException(FailureCategory category, UserText message, Throwable cause) {
    super(message.text(), cause);
    this.category = Objects.requireNonNull(category, "category is null");
    this.settings = message.settings();
  }

  public final FailureCategory category() {
    return category;
  }

  /** The settings the message names in their words ({@link Setting#words()}); often none. */
  public final List<Setting> settings() {
    return settings;
  }

  /** The message (or, lacking one, the failure's name) with the settings it names. */
  public final UserText text() {
    return new UserText(getMessage() == null ? toString() : getMessage(), settings);
  }
}
