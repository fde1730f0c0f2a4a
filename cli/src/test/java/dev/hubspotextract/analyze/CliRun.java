package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Main;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the command line with its output captured, as a user would see it. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine(out, err);
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * Pulls {@code objects} from the sandbox into {@code out}, quietly and unpaced ({@code extra}
   * adds options), and checks the pull succeeded.
   */
  static void pull(Sandbox sandbox, Path out, String objects, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pull",
                "--base-url",
                sandbox.baseUrl().toString(),
                "--token",
                sandbox.token(),
                "--rate-limit",
                "100000",
                "--objects",
                objects,
                "-q",
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    CliRun run = of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
  }
}
