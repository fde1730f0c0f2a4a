package dev.hubspotextract.analyze;

import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.UserText;
import java.util.Objects;
import java.util.Optional;

/**
 * A problem with the user's folder, arguments or query, so always a {@link FailureCategory#USAGE}
 * failure; the message names the input and says how to fix it. When the fix is a pull, the message
 * says it in words ({@link PullHint#words()}) and {@link #pull()} holds it, for a front end to show
 * its own way (the command line: the command to run).
 */
public final class AnalyzeException extends CategorizedException {
  private static final long serialVersionUID = 1L;

  private final PullHint pull;

  public AnalyzeException(String message) {
    this(message, (Throwable) null);
  }

  public AnalyzeException(String message, Throwable cause) {
    this(UserText.of(message), null, cause);
  }

  /** A problem whose message names settings (the pulled folder, the result file). */
  public AnalyzeException(UserText message) {
    this(message, (Throwable) null);
  }

  public AnalyzeException(UserText message, Throwable cause) {
    this(message, null, cause);
  }

  /**
   * A problem a pull fixes: {@code message} holds {@code pull}'s {@link PullHint#words() words}.
   */
  public AnalyzeException(UserText message, PullHint pull) {
    this(message, Objects.requireNonNull(pull, "pull is null"), null);
  }

  /** {@code message} with {@code pull} (null when no pull fixes it) and {@code cause}. */
  private AnalyzeException(UserText message, PullHint pull, Throwable cause) {
    super(FailureCategory.USAGE, message, cause);
    this.pull = pull;
  }

  /** The pull that would fix the problem, as the message says in words; empty when none does. */
  public Optional<PullHint> pull() {
    return Optional.ofNullable(pull);
  }

  /** This failure after {@code prefix} (context added), with its settings and pull. */
  public AnalyzeException after(String prefix) {
    return new AnalyzeException(text().around(prefix, ""), pull, this);
  }
}
