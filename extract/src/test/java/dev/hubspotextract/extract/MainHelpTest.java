package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Main;
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
}
