package dev.hubspotextract.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `hubspot-extract` command: a thin dispatcher to one subcommand per job. */
@Command(
    name = "hubspot-extract",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Pulls a HubSpot portal's CRM data out to analysis-ready files.",
    subcommands = {
      PullCommand.class,
      SandboxCommand.class,
      JoinCommand.class,
      SqlCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Builds the command line with the project's error handling; tests call this too. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    commandLine.setExitCodeExceptionMapper(failure -> ExitCode.of(failure).code());
    return commandLine;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
