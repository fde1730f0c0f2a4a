package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Runs the command line as {@code main} would, with captured stdout and stderr: the one runner of
 * every test of a command (those of {@code join} and {@code sql} too, in their own package).
 */
public final class Cli {
  /** What one run printed and returned. */
  public record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Cli() {}

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine(out, err);
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Runs {@code pull} against a sandbox into {@code out}, with a budget far above any tier so tests
   * are not paced; {@code extra} adds or overrides options.
   */
  public static Run pull(Sandbox sandbox, Path out, String... extra) {
    return run(pullArgs(sandbox, out, extra).toArray(String[]::new));
  }

  /** Runs {@code sync} against a sandbox into {@code out}, unpaced as {@link #pull} is. */
  public static Run sync(Sandbox sandbox, Path out, String... extra) {
    List<String> args = pullArgs(sandbox, out, extra);
    args.set(0, "sync");
    return run(args.toArray(String[]::new));
  }

  /**
   * Pulls {@code objects} quietly, for a test of what comes after (join, sql, a format), and fails
   * the test unless the pull succeeds.
   */
  public static void pullObjects(Sandbox sandbox, Path out, String objects, String... extra) {
    List<String> args = new ArrayList<>(List.of("--objects", objects, "-q"));
    args.addAll(List.of(extra));
    Run run = pull(sandbox, out, args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  /**
   * Starts {@code sandbox …} on a thread of its own and returns once it serves (or has failed to
   * start); {@link Serving#stop} stops it as Ctrl-C would.
   */
  static Serving serve(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(out, err);
    SandboxCommand command = commandLine.getSubcommands().get("sandbox").getCommand();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread serving =
        new Thread(
            () -> {
              try {
                exit.complete(commandLine.execute(args));
              } catch (RuntimeException | Error e) {
                exit.completeExceptionally(e);
              }
            },
            "sandbox-command");
    serving.start();
    try {
      CompletableFuture.anyOf(command.serving, exit).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("sandbox " + List.of(args) + " did not start: " + err, e);
    }
    return new Serving(command, exit, out, err);
  }

  /** A {@code sandbox} command serving (or one that exited at once), and how to stop it. */
  static final class Serving {
    private final SandboxCommand command;
    private final CompletableFuture<Integer> exit;
    private final StringWriter out;
    private final StringWriter err;

    private Serving(
        SandboxCommand command,
        CompletableFuture<Integer> exit,
        StringWriter out,
        StringWriter err) {
      this.command = command;
      this.exit = exit;
      this.out = out;
      this.err = err;
    }

    /** The sandbox it serves. */
    Sandbox sandbox() {
      return command.serving.getNow(null);
    }

    /** What it printed so far. */
    String out() {
      return out.toString();
    }

    /** Stops it as Ctrl-C would and returns what it printed and its exit code. */
    Run stop() {
      command.stop.countDown();
      try {
        return new Run(exit.get(30, TimeUnit.SECONDS), out.toString(), err.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the sandbox command did not stop: " + out + err, e);
      }
    }
  }

  /** The arguments of {@link #pull}, for a test that runs them in a child JVM. */
  static List<String> pullArgs(Sandbox sandbox, Path out, String... extra) {
    return pullArgs(sandbox.baseUrl(), sandbox.token(), out, extra);
  }

  /** The same against a server in front of a sandbox. */
  static List<String> pullArgs(URI baseUrl, String token, Path out, String... extra) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "pull",
            "--base-url",
            baseUrl.toString(),
            "--token",
            token,
            "--rate-limit",
            "100000",
            "--out",
            out.toString()));
    args.addAll(List.of(extra));
    return args;
  }

  /**
   * The command line that runs the tool in a child JVM of its own, arguments to follow; with the
   * quick JIT alone, as the test JVMs have (the build's surefire configuration says why).
   */
  static List<String> inAChildJvm() {
    return new ArrayList<>(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName()));
  }

  /**
   * {@link #pull}'s run in a child JVM of its own, on two threads, quiet, its output discarded,
   * with {@code extra} flags.
   */
  static Process pullInAChildProcess(Sandbox sandbox, Path out, String... extra)
      throws IOException {
    List<String> command = inAChildJvm();
    command.addAll(pullArgs(sandbox, out, "--threads", "2", "--quiet"));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Rows flushed by some task of a run in progress: its checkpoint files say so. */
  static boolean someRowsCheckpointed(Path out) throws IOException {
    Path state = FolderLayout.of(out).stateFolder();
    if (!Files.isDirectory(state)) {
      return false;
    }
    try (Stream<Path> files = Files.list(state)) {
      return files.anyMatch(
          file -> {
            String name = file.getFileName().toString();
            // a task's checkpoint, not the run's own files (task names never hold a "-")
            return name.endsWith(".json") && !name.equals("run.json") && !name.contains("-");
          });
    }
  }

  /**
   * The rows every task's checkpoint in {@code out} vouches for, id ranges' included: how far an
   * unfinished pull got. A checkpoint being replaced as it is read counts as none.
   */
  static long rowsCheckpointed(Path out) throws IOException {
    Path state = FolderLayout.of(out).stateFolder();
    if (!Files.isDirectory(state)) {
      return 0;
    }
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(state)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".json"))
          .filter(file -> !file.getFileName().toString().equals("run.json"))
          .mapToLong(
              file -> {
                try {
                  return json.readTree(file.toFile()).path("rows").asLong();
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }
}
