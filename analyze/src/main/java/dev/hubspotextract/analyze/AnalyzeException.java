package dev.hubspotextract.analyze;

/**
 * A problem with the user's folder, arguments or query; the message names the input and says how to
 * fix it, so the command line prints it as is and exits with code 2.
 */
public final class AnalyzeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AnalyzeException(String message) {
    super(message);
  }

  public AnalyzeException(String message, Throwable cause) {
    super(message, cause);
  }
}
