package dev.hubspotextract.cli;

import dev.hubspotextract.client.CategorizedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Shows a failed command as one clear line ({@code hubspot-extract: …}) and returns its {@link
 * ExitCode}; the stack trace only with {@code --verbose} or for a bug. A usage failure is shown as
 * every usage error is ({@link UsageErrorHandler#report}), and any failure's message gets the flags
 * of the settings it names ({@link Flags#show}).
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception failure, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    ExitCode code = ExitCode.of(failure);
    boolean known = failure instanceof CategorizedException;
    if (failure instanceof CategorizedException categorized) {
      String message = Flags.show(categorized);
      if (code == ExitCode.USAGE) {
        UsageErrorHandler.report(commandLine, message);
      } else {
        err.println("hubspot-extract: " + message);
      }
    } else {
      err.println("hubspot-extract: internal error: " + failure + " (please report it)");
    }
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
