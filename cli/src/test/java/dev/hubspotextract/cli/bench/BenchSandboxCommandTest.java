package dev.hubspotextract.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchSandboxCommandTest {
  @Test
  void benchSandboxTakesItsTimesAsDurationsOrPlainSeconds() {
    BenchSandboxCommand bench = new BenchSandboxCommand();
    new CommandLine(bench).parseArgs("--seconds", "2m", "--warmup", "500ms");
    assertThat(bench.seconds).isEqualTo(Duration.ofMinutes(2));
    assertThat(bench.warmup).isEqualTo(Duration.ofMillis(500));

    new CommandLine(bench).parseArgs("--seconds", "3");
    assertThat(bench.seconds).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void theClientIsJdkOrRawInAnyCaseAndAnythingElseIsAUsageError() {
    BenchSandboxCommand bench = new BenchSandboxCommand();
    new CommandLine(bench).parseArgs("--client", "RAW");
    assertThat(bench.client).isEqualTo(BenchSandboxCommand.Client.RAW);

    Cli.Run other = Cli.run("bench", "sandbox", "--client", "curl");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).contains("'curl' is not a client: use jdk or raw").hasLineCount(1);
  }
}
