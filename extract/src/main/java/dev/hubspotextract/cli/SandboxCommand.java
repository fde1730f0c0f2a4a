package dev.hubspotextract.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the command lands. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Serves a local HubSpot-compatible CRM API over generated data.")
final class SandboxCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sandbox: not implemented yet");
    return 1;
  }
}
