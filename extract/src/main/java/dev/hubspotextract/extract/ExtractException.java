package dev.hubspotextract.extract;

import java.util.Objects;

/** A failure of the run itself rather than of HubSpot: a bad input or an unusable output folder. */
public final class ExtractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whose problem it is; the command line maps each to an exit code. */
  public enum Kind {
    /** A bad flag value, object, property or pair. */
    USAGE,
    /** The output folder cannot be created or written. */
    OUTPUT
  }

  private final Kind kind;

  public ExtractException(Kind kind, String message) {
    this(kind, message, null);
  }

  public ExtractException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind is null");
  }

  public Kind kind() {
    return kind;
  }
}
