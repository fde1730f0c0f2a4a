package dev.hubspotextract.analyze;

import dev.hubspotextract.cli.Main;
import java.io.StringWriter;

/** One run of the command line with its output captured, as a user would see it. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine(out, err);
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
