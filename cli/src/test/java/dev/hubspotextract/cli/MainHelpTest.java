package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainHelpTest {
  @Test
  void helpListsEveryCommandWithOneLineEach() {
    Cli.Run help = Cli.run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("pull", "sandbox", "join", "sql", "bench");
  }

  @Test
  void noArgumentsPrintTheUsageAndAreAUsageError() {
    Cli.Run none = Cli.run();

    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err())
        .contains("Usage: hubspot-extract", "pull", "sql")
        .contains("give a command, e.g. ./hubspot-extract pull --sandbox");
    // after the usage, the line every usage error ends with
    assertThat(none.err().lines().toList())
        .last()
        .asString()
        .startsWith("hubspot-extract: give a command")
        .endsWith(" (see 'hubspot-extract --help')");
  }
}
