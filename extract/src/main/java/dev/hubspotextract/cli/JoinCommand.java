package dev.hubspotextract.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the command lands. */
@Command(
    name = "join",
    mixinStandardHelpOptions = true,
    description = "Joins pulled objects along their association files.")
final class JoinCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("join: not implemented yet");
    return 1;
  }
}
