package dev.hubspotextract.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchPullCommandTest {
  @Test
  void aScenarioIsNamedAsTheReadmeWritesItAndAnUnknownOneIsAUsageError() {
    BenchPullCommand bench = new BenchPullCommand();
    new CommandLine(bench).parseArgs("--scenario", "Small-Portal");
    assertThat(bench.scenario).isEqualTo(BenchPullCommand.Scenario.SMALL_PORTAL);
    assertThat(bench.scenario.runs(BenchPullCommand.Scenario.SMALL_PORTAL)).isTrue();
    assertThat(bench.scenario.runs(BenchPullCommand.Scenario.MEMORY)).isFalse();

    Cli.Run other = Cli.run("bench", "pull", "--scenario", "huge");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err())
        .contains("unknown scenario 'huge'")
        .contains("rate-limited, large-object, small-portal, unlimited, memory, all")
        .hasLineCount(1);
  }
}
