package dev.hubspotextract.cli;

import dev.hubspotextract.cli.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;

/** The `hubspot-extract` command: a thin dispatcher to one subcommand per job. */
@Command(
    name = "hubspot-extract",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Pulls a HubSpot portal's CRM data out to analysis-ready files.",
    subcommands = {
      PullCommand.class,
      SyncCommand.class,
      SandboxCommand.class,
      JoinCommand.class,
      SqlCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * No command given: the usage, then a usage error like any other, so a script that forgot the
   * command does not pass for a success.
   */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    spec.commandLine().usage(err);
    err.println();
    return UsageErrorHandler.report(
        spec.commandLine(), "give a command, e.g. ./hubspot-extract pull --sandbox --out out");
  }

  /** Builds the command line with the project's error handling, printing to stdout and stderr. */
  public static CommandLine commandLine() {
    // the platform's encoding, as System.out and System.err encode their own text
    Charset console = Charset.defaultCharset();
    return commandLine(
        new PrintWriter(System.out, true, console), new PrintWriter(System.err, true, console));
  }

  /** The command line printing to these writers, through {@link PrintableWriter}; tests use it. */
  public static CommandLine commandLine(Writer out, Writer err) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    commandLine.setExitCodeExceptionMapper(failure -> ExitCode.of(failure).code());
    // no colours in help: every escape sequence that reaches the terminal would be one the
    // server could also send
    commandLine.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    commandLine.setOut(new PrintWriter(new PrintableWriter(out), true));
    commandLine.setErr(new PrintWriter(new PrintableWriter(err), true));
    return commandLine;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
