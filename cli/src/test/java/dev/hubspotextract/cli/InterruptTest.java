package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.PortalChecks;
import dev.hubspotextract.extract.ReferenceTable;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on a pull: it says what is kept and that the same command continues, and exits 130. */
class InterruptTest {
  @TempDir Path tmp;

  private static final String REFERENCES =
      String.join(
          "|",
          java.util.Arrays.stream(ReferenceTable.values()).map(ReferenceTable::tableName).toList());

  /**
   * A status line of a finished object or association file: {@code contacts: 1500 records, 16
   * requests, 0.8 s}; not a reference table's ({@code owners: 14 rows, 2 requests, 0.1 s}), which
   * come at once, before the pull is under way.
   */
  private static final Pattern FINISHED =
      Pattern.compile("(?m)^(?!(" + REFERENCES + "):)\\S+: \\d+ (records|rows), ");

  private static Process pull(Sandbox sandbox, Path out, Path stdout, Path stderr)
      throws IOException {
    List<String> command = Cli.inAChildJvm();
    command.addAll(Cli.pullArgs(sandbox, out, "--threads", "2"));
    return new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
  }

  /**
   * Whether the pull has said a file is finished. Its status line comes once the run has counted
   * the file for the interrupt's notice; the file itself is renamed into place a moment before, so
   * waiting for the file alone could interrupt the pull before it counted it.
   */
  private static boolean someFileFinished(Path stdout) throws IOException {
    return Files.exists(stdout)
        && FINISHED.matcher(Files.readString(stdout, StandardCharsets.UTF_8)).find();
  }

  @Test
  void ctrlCSaysWhatIsKeptExits130AndTheSameCommandContinues() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(1_500).seed(11).latencyMillis(20).start()) {
      Path out = tmp.resolve("out");
      Path stdout = tmp.resolve("interrupted.out");
      Path stderr = tmp.resolve("interrupted.err");
      Process child = pull(sandbox, out, stdout, stderr);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!someFileFinished(stdout) && child.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(child.isAlive()).as("the pull was still running when interrupted").isTrue();
        new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the pull ended on SIGINT").isTrue();
      } finally {
        child.destroyForcibly();
      }

      assertThat(child.exitValue()).isEqualTo(130);
      assertThat(Files.readString(stderr, StandardCharsets.UTF_8).lines().toList())
          .singleElement()
          .asString()
          .startsWith("hubspot-extract: interrupted. Kept in " + out + ": ")
          .containsPattern("[0-9]+ finished files? \\([0-9]+ records, [0-9]+ association rows\\)")
          .endsWith(
              "and the pages of unfinished ones in its .hubspot-extract folder; run the same"
                  + " command again to continue where this run stopped.");

      Path resumedErr = tmp.resolve("resumed.err");
      Process resumed = pull(sandbox, out, tmp.resolve("resumed.out"), resumedErr);
      assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(resumed.exitValue()).isZero();
      assertThat(Files.readString(resumedErr, StandardCharsets.UTF_8))
          .as("a pull that ends by itself says nothing at exit")
          .isEmpty();
      PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
    }
  }
}
