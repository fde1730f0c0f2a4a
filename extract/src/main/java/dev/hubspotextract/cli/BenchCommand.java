package dev.hubspotextract.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the command lands. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures the sandbox and the extractor and prints the figures.")
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("bench: not implemented yet");
    return 1;
  }
}
