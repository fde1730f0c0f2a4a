package dev.hubspotextract.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hubspot-extract bench}: measurements that print figures; one subcommand per thing
 * measured. Apart from the commands users work with: what only a benchmark needs (a load generator,
 * a raw socket client) lives in this package.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures the sandbox and the extractor and prints the figures.",
    subcommands = {BenchSandboxCommand.class, BenchPullCommand.class, BenchSyncCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
