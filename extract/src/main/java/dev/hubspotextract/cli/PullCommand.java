package dev.hubspotextract.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the command lands. */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = "Pulls every object, property and association pair to files.")
final class PullCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("pull: not implemented yet");
    return 1;
  }
}
