package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A usage error looks the same whichever way it comes: picocli's own (a flag or value it cannot
 * read, one a command refuses as picocli's) or a failure of category usage (a value the command,
 * the engine or the analysis refuses as it runs). One line that ends with where the usage is, exit
 * 2, nothing on stdout.
 */
class UsageErrorsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // picocli: an unknown flag, a value of the wrong type, one an option's setter refuses
        "pull --dryrun | pull | Unknown option: '--dryrun'; did you mean --dry-run?",
        "pull --threads many | pull | Invalid value for option '--threads': 'many' is not an int",
        "sql --max-rows -1 | sql | --max-rows must be 0 or more, got -1",
        // a command refusing a value as it runs
        "pull --sandbox --threads 99 | pull | --threads must be between 1 and 16, got 99",
        "join deals | join | join needs two objects or more",
        // the engine refusing one: its words for the setting, the flag added by the command line
        "pull --sandbox --dry-run --objects widgets | pull | unknown object 'widgets' among the"
            + " objects to pull (--objects). Valid names: ",
        // the analysis refusing one, and suggesting the pull that fixes it
        "sql --in /nonexistent/folder SELECT | sql | /nonexistent/folder is not a folder: pass"
            + " the pulled folder (--in), e.g. run ./hubspot-extract pull --out /nonexistent/folder"
      })
  void everyUsageErrorIsOneLineEndingWithTheCommandsHelpAndExits2(
      String args, String command, String message) {
    Cli.Run run = Cli.run(args.split(" "));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.out()).as(run.toString()).isEmpty();
    assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err())
        .as(run.toString())
        .startsWith("hubspot-extract: ")
        .contains(message)
        .endsWith(" (see 'hubspot-extract " + command + " --help')\n");
  }
}
