package dev.hubspotextract.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one way a usage error is shown, whichever way it comes. A usage error reaches the command
 * line two ways: picocli's {@link ParameterException} (a flag or value picocli cannot read, or one
 * a command refuses as picocli's own), here; and a failure of category {@code USAGE} (a value the
 * command, the engine or the analysis refuses as it runs: an unknown object, a missing table, an
 * unreadable {@code --ca-cert}), which {@link ErrorHandler} hands to {@link #report}. Both print
 * the same one line and exit 2:
 *
 * <pre>hubspot-extract: MESSAGE (see 'hubspot-extract pull --help')</pre>
 *
 * <p>The one style is picocli's line with where to read the usage, rather than the bare message of
 * other failures, because every usage error is something the user typed, and the help of the
 * command that refused it is where the right way to type it is written; the user need not know
 * which of the two ways the error came. Only the message says more for one than for the other (a
 * misspelt flag gets the flag meant).
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  /** Suggestions shown at most: past three, a guess is no help. */
  private static final int SUGGESTIONS = 3;

  @Override
  public int handleParseException(ParameterException failure, String[] args) {
    return report(failure.getCommandLine(), failure.getMessage() + suggestion(failure));
  }

  /**
   * Prints a usage error of {@code commandLine}'s command as every usage error is printed, and
   * returns its exit code, {@link ExitCode#USAGE}.
   */
  static int report(CommandLine commandLine, String message) {
    PrintWriter err = commandLine.getErr();
    String command = commandLine.getCommandSpec().qualifiedName();
    err.println("hubspot-extract: " + message + " (see '" + command + " --help')");
    err.flush();
    return ExitCode.USAGE.code();
  }

  private static String suggestion(ParameterException failure) {
    if (!(failure instanceof UnmatchedArgumentException unmatched)) {
      return "";
    }
    List<String> suggestions = unmatched.getSuggestions();
    if (suggestions.isEmpty()) {
      return "";
    }
    return "; did you mean "
        + String.join(" or ", suggestions.subList(0, Math.min(SUGGESTIONS, suggestions.size())))
        + "?";
  }
}
