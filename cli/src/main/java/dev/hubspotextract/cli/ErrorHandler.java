package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.extract.ExtractException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Shows a failed command as one clear line ({@code hubspot-extract: …}) and returns its {@link
 * ExitCode}; the stack trace only with {@code --verbose} or for a bug.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception failure, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    ExitCode code = ExitCode.of(failure);
    boolean known =
        failure instanceof HubSpotException
            || failure instanceof ExtractException
            || failure instanceof AnalyzeException;
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    err.println(
        "hubspot-extract: "
            + (known ? message : "internal error: " + failure + " (please report it)"));
    if (verbose(parseResult)) {
      failure.printStackTrace(err);
    } else if (!known) {
      err.println("hubspot-extract: run again with --verbose for the stack trace");
    }
    err.flush();
    return code.code();
  }

  private static boolean verbose(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
