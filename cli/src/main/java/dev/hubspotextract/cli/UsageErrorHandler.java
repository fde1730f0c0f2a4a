package dev.hubspotextract.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Shows a bad flag or value as one line that names it, with the flag or command meant when it looks
 * misspelt, plus where to find the usage; exit 2.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  /** Suggestions shown at most: past three, a guess is no help. */
  private static final int SUGGESTIONS = 3;

  @Override
  public int handleParseException(ParameterException failure, String[] args) {
    CommandLine commandLine = failure.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String command = commandLine.getCommandSpec().qualifiedName();
    err.println(
        "hubspot-extract: "
            + failure.getMessage()
            + suggestion(failure)
            + " (see '"
            + command
            + " --help')");
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
