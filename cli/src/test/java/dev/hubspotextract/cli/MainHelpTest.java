package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainHelpTest {
  @Test
  void helpListsEveryCommandWithOneLineEach() {
    StringWriter out = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("--help");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("pull", "sandbox", "join", "sql");
  }

  @Test
  void noArgumentsPrintTheUsageAndAreAUsageError() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.commandLine(out, err).execute();

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("Usage: hubspot-extract", "pull", "sql")
        .contains("give a command, e.g. ./hubspot-extract pull --sandbox");
  }
}
