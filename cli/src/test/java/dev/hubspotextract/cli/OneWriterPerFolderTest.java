package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.OutputFolder;
import dev.hubspotextract.extract.SameOutput;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pulls into one folder: the second is refused at once, naming the first, and the first ends as
 * if alone; a pull that was killed blocks nobody.
 */
class OneWriterPerFolderTest {
  @TempDir Path tmp;

  @Test
  void aSecondPullIntoAFolderAnotherIsWritingIsRefusedAtOnceNamingTheFirst() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(1_500).seed(11).latencyMillis(15).start()) {
      Path out = tmp.resolve("shared");
      Process first = Cli.pullInAChildProcess(sandbox, out);
      try {
        awaitRowsCheckpointed(out, first);

        long started = System.nanoTime();
        Cli.Run second = Cli.pull(sandbox, out, "--threads", "2");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(first.isAlive()).as("the first pull was still running").isTrue();
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(7);
        assertThat(second.err())
            .contains("another pull is writing " + out)
            .contains("process " + first.pid())
            .contains(" on " + InetAddress.getLocalHost().getHostName())
            .containsPattern("started \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
            .contains("choose another output folder (--out)");
        assertThat(second.err().lines()).hasSize(1);
        assertThat(second.out()).doesNotContain("resuming");
        assertThat(seconds).as("refused at once, before planning").isLessThan(3);
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
      } finally {
        first.destroyForcibly();
        first.waitFor();
      }

      assertThat(first.exitValue()).isZero();
      Path alone = tmp.resolve("alone");
      assertThat(Cli.pull(sandbox, alone, "--threads", "2").exitCode()).isZero();
      SameOutput.assertSame(out, alone);
    }
  }

  @Test
  void theLockOfAPullKilledWithSigkillBlocksNobody() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(1_500).seed(11).latencyMillis(15).start()) {
      Path out = tmp.resolve("killed");
      Process killed = Cli.pullInAChildProcess(sandbox, out);
      try {
        awaitRowsCheckpointed(out, killed);
      } finally {
        killed.destroyForcibly(); // SIGKILL: the lock file stays, its lock goes with the process
        killed.waitFor();
      }
      assertThat(Files.readString(lockFile(out))).contains("\"pid\":" + killed.pid());

      Cli.Run next = Cli.pull(sandbox, out, "--threads", "2");

      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(next.out()).contains("resuming the unfinished pull");
      assertThat(out.resolve(FolderLayout.PRIVATE_FOLDER)).doesNotExist();
    }
  }

  @Test
  void aLockFileThatNoProcessHoldsIsTakenOverAndRemovedWhenThePullEnds() throws IOException {
    try (Sandbox sandbox = Sandbox.builder().records(100).start()) {
      Path out = tmp.resolve("left");
      Files.createDirectories(out);
      OutputFolder.privateFolder(out); // as the killed pull left it
      Files.writeString(lockFile(out), "{\"pid\":999999,\"host\":\"gone\"}");

      Cli.Run run = Cli.pull(sandbox, out, "--objects", "contacts");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(SameOutput.files(out))
          .containsExactlyElementsOf(
              SameOutput.withReferenceFiles("contacts.csv", "manifest.json"));
    }
  }

  private static Path lockFile(Path out) {
    return out.resolve(FolderLayout.PRIVATE_FOLDER).resolve("lock");
  }

  /** Waits until the child pull has saved a checkpoint of some rows: it is writing the folder. */
  private static void awaitRowsCheckpointed(Path out, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Cli.someRowsCheckpointed(out) && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(child.isAlive()).as("the child pull is running").isTrue();
  }
}
