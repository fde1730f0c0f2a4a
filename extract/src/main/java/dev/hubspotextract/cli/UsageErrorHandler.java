package dev.hubspotextract.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Shows a bad flag or value as one line that names it, plus where to find the usage; exit 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException failure, String[] args) {
    CommandLine commandLine = failure.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String command = commandLine.getCommandSpec().qualifiedName();
    err.println("hubspot-extract: " + failure.getMessage() + " (see '" + command + " --help')");
    err.flush();
    return ExitCode.USAGE.code();
  }
}
