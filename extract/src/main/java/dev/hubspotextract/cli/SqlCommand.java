package dev.hubspotextract.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the command lands. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "Runs SQL over a pulled folder.")
final class SqlCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sql: not implemented yet");
    return 1;
  }
}
