package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.cli.ReadmeText.Block;
import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The README's examples run as written and its samples of output match what the tool prints. The
 * examples are read from README.md itself, so a changed example is tested as changed, and one this
 * test does not know fails it, asking to be added here.
 *
 * <p>Where the reader's machine and this test differ, the test bends the example visibly: paths
 * land in a temporary folder, a real portal (and the standalone sandbox of the examples, which
 * {@code curl} asks too) is a sandbox started here, a {@code sandbox} command listens on a free
 * port, {@code bench} runs at a small size.
 */
// its tests run at once: each has a portal and folders of its own, and mostly waits on bench's
// scenarios and search's 5 a second
@Execution(ExecutionMode.CONCURRENT)
class ReadmeExamplesTest {
  private static final Path README = Path.of("..", "README.md");

  private static final String ADD_IT =
      "teach ReadmeExamplesTest how to run it (or why it is not run), then the README's example is"
          + " tested";

  /** Programs besides the tool that examples run, and why this test does not run them. */
  private static final Map<String, String> NOT_RUN =
      Map.of(
          "mvn",
          "Maven builds the project and runs this suite: the suite itself",
          "scripts/bench-join.sh",
          "joins 1,000,000 contacts: minutes, not a test's seconds",
          "export",
          "sets the shell's proxy variables: ProxyPullTest runs a pull with them in a child JVM",
          "unzip",
          "unpacks the Connect plugin into a worker's plugin.path: connect/try-it does, and"
              + " PluginZipIT checks what the zip holds",
          "connect/try-it",
          "runs a Kafka broker and a Connect worker until Ctrl-C: ConnectClusterTest runs the"
              + " connector on a real Connect cluster");

  /** Samples that are not the output of a command, by how they start, and why. */
  private static final Map<String, String> NOT_OUTPUT =
      Map.of(
          "pulling ", "the progress bar, drawn on a terminal only (by the progressbar library)",
          "out/", "a drawing of the output folder",
          "cli ", "a drawing of the modules");

  /**
   * The sizes {@code bench} examples run at here; the README's figures take minutes each. Every
   * scenario's size is given, whichever the example runs.
   */
  private static final Map<String, String> BENCH_PULL_SIZES =
      Map.of(
          "--rate-limited-records", "40",
          "--large-object-records", "200",
          "--small-portal-records", "40",
          "--unlimited-records", "2000",
          "--memory-records", "2000");

  private static final Map<String, String> BENCH_SANDBOX_SIZES =
      Map.of("--seconds", "1", "--warmup", "0", "--records", "1000");

  private static final Map<String, String> BENCH_SYNC_SIZES =
      Map.of("--records", "500", "--search-lag", "100ms");

  /** Where the README's relative paths ({@code out}, {@code ~/.hubspot-token}) land. */
  @TempDir Path home;

  private final ReadmeText readme = ReadmeText.read(README);

  /** Stands in for a real portal and for the standalone sandbox the examples pull from. */
  private Sandbox portal;

  private int folders;

  @BeforeEach
  void startPortal() {
    portal = Sandbox.builder().records(100).start();
  }

  @AfterEach
  void stopPortal() {
    portal.close();
  }

  @Test
  void theFirstScreenShowsTheSandboxPullAndTheTests() {
    Block first = readme.blocks().get(0);

    assertThat(first.firstLine()).as(first.toString()).isLessThan(readme.firstHeadingLine());
    assertThat(ReadmeText.commands(first))
        .as(first.toString())
        .anySatisfy(command -> assertThat(command).containsSequence("pull", "--sandbox"))
        .anySatisfy(command -> assertThat(command).startsWith("mvn").contains("verify"));
  }

  @Test
  @Timeout(180)
  void everyShellExampleRunsAsTheReadmeImplies() {
    List<Outcome> outcomes = new ArrayList<>();
    // the shell blocks are a sequence: a join or sql reads the folder a pull above it wrote
    Path shared = newFolder();
    for (Block block : readme.blocks()) {
      if (block.language().equals("bash")) {
        for (List<String> command : ReadmeText.commands(block)) {
          outcomes.add(attempt(block.toString(), command, shared));
        }
      }
    }
    check(outcomes);
  }

  @Test
  @Timeout(180)
  void everyInlineExampleRunsAsTheReadmeImplies() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    // the inline ones stand alone, each in a folder of its own: run together, as the bench
    // scenarios mostly wait on their rate limit
    ExecutorService together = Executors.newCachedThreadPool();
    try {
      List<Future<Outcome>> inline = new ArrayList<>();
      for (String code : readme.inlineCode()) {
        List<String> words = ReadmeText.words(code);
        if (code.startsWith("./hubspot-extract ") || NOT_RUN.containsKey(words.get(0))) {
          Path folder = newFolder();
          inline.add(together.submit(() -> attempt("inline `" + code + "`", words, folder)));
        }
      }
      for (Future<Outcome> outcome : inline) {
        outcomes.add(outcome.get());
      }
    } finally {
      together.shutdownNow();
    }
    check(outcomes);
  }

  private static void check(List<Outcome> outcomes) {
    SoftAssertions softly = new SoftAssertions();
    outcomes.forEach(outcome -> outcome.check(softly));
    softly.assertAll();
  }

  @Test
  @Timeout(120)
  void everySampleOfOutputMatchesWhatTheToolPrints() throws Exception {
    // the README's status lines and manifest show a pull whose token lacks the tickets scope, and
    // the owners one (a reference table skipped)
    Path lackingTickets = newFolder().resolve("out");
    Cli.Run run;
    try (Sandbox lacking =
        Sandbox.builder().records(100).withoutScopes(Set.of("tickets", "owners")).start()) {
      run = Cli.pull(lacking, lackingTickets);
    }
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    JsonNode manifest =
        new ObjectMapper().readTree(lackingTickets.resolve("manifest.json").toFile());

    SoftAssertions softly = new SoftAssertions();
    Block previous = null;
    for (Block block : readme.blocks()) {
      Block above = previous;
      previous = block;
      String first = block.lines().isEmpty() ? "" : block.lines().get(0);
      if (block.language().equals("bash") || block.language().equals("java")) {
        continue; // commands (run above) and Java to copy into a test, not output
      } else if (block.lines().stream().anyMatch(line -> line.contains("connector.class"))) {
        continue; // a connector's configuration, not output: connect's ReadmeConfigTest checks it
      } else if (block.language().equals("json")) {
        checkManifest(softly, block, manifest);
      } else if (block.lines().stream().anyMatch(line -> line.startsWith("job completed: "))) {
        checkStatusLines(softly, block, run.out().lines().toList());
      } else if (block.lines().stream().anyMatch(line -> line.startsWith("synced "))) {
        checkStatusLines(softly, block, syncLines());
      } else if (first.startsWith("objects (")) {
        checkDryRun(softly, block);
      } else if (first.contains("_label")) {
        checkLabelled(softly, block, above);
      } else if (above != null && endsWithAQuery(above)) {
        checkQueryOutput(softly, block, above);
      } else if (NOT_OUTPUT.keySet().stream().noneMatch(first::startsWith)) {
        softly.fail(block + ": a sample of output this test does not recognise: " + ADD_IT);
      }
    }
    for (String code : readme.inlineCode()) {
      if (code.contains("./hubspot-extract") && !code.startsWith("./hubspot-extract")) {
        checkJoinSuggestion(softly, code);
      }
    }
    softly.assertAll();
  }

  /**
   * What became of one example: its run (null when this test does not know how to run it), or
   * nothing to check when it is not run, for the reason {@link #NOT_RUN} gives.
   */
  private record Outcome(String where, String example, Cli.Run run) {
    void check(SoftAssertions softly) {
      if (example == null) {
        return;
      }
      if (run == null) {
        softly.fail(
            where + ": an example this test does not recognise, '" + example + "': " + ADD_IT);
        return;
      }
      softly
          .assertThat(run.exitCode())
          .as(
              where
                  + ": "
                  + example
                  + " (if it needs what this test does not give: "
                  + ADD_IT
                  + ")\n"
                  + run)
          .isZero();
    }
  }

  /** Runs one example's words (a shell's: variables first, then the program and its arguments). */
  private Outcome attempt(String where, List<String> words, Path folder) {
    Set<String> environment = new HashSet<>();
    int start = 0;
    while (start < words.size() && words.get(start).matches("[A-Z_]+=.*")) {
      environment.add(words.get(start).substring(0, words.get(start).indexOf('=')));
      start++;
    }
    String program = start < words.size() ? words.get(start) : "";
    if (NOT_RUN.containsKey(program)) {
      return new Outcome(where, null, null);
    }
    List<String> args = words.subList(Math.min(start + 1, words.size()), words.size());
    Cli.Run run = null;
    if (program.equals("./hubspot-extract")
        && Set.of("HUBSPOT_ACCESS_TOKEN").containsAll(environment)) {
      run = run(args, folder, environment.contains("HUBSPOT_ACCESS_TOKEN"));
    } else if (program.equals("curl") && environment.isEmpty()) {
      run = CurlExample.send(args, portal.baseUrl());
    }
    return new Outcome(where, String.join(" ", words), run);
  }

  /** The tool run in this process as the example asks, bent only as the class comment says. */
  private Cli.Run run(List<String> args, Path folder, boolean tokenInEnvironment) {
    String command = args.isEmpty() ? "" : args.get(0);
    return switch (command) {
      case "pull" -> Cli.run(args(pull(args, folder, tokenInEnvironment)));
      case "sync" -> Cli.run(args(pull(once(args), folder, tokenInEnvironment)));
      case "join", "sql" -> Cli.run(args(inFolder(withDefault(args, "--in", "out"), folder)));
      case "sandbox" ->
          Cli.serve(args(withOption(args, "--port", "0"))).stop(); // 8080 may be taken
      case "bench" -> Cli.run(args(benchAtASmallSize(args)));
      case "--help" -> Cli.run(args(args));
      default -> null;
    };
  }

  /**
   * A pull (or a sync) as written when it is from the embedded sandbox; a real portal's pulls from
   * the test's sandbox: its {@code --base-url}, and a budget that does not slow the test. The token
   * is the sandbox's where the example shows one as a placeholder or in the environment (which a
   * test cannot set); an example that shows none gets none, as on the reader's machine.
   */
  private List<String> pull(List<String> args, Path folder, boolean tokenInEnvironment) {
    List<String> pull = inFolder(withDefault(args, "--out", "out"), folder);
    if (pull.contains("--sandbox")) {
      return pull;
    }
    pull = withOption(pull, "--base-url", portal.baseUrl().toString());
    pull = withOption(pull, "--rate-limit", "100000");
    int token = pull.indexOf("--token");
    boolean placeholder = token >= 0 && pull.get(token + 1).contains("…");
    return placeholder || (token < 0 && tokenInEnvironment)
        ? withOption(pull, "--token", portal.token())
        : pull;
  }

  /**
   * Paths resolved in the test's folder; a token file written there holding the portal's token, and
   * a certificate authority file holding the test's own (the portal is plain http: trusting one
   * more authority changes nothing, which is what the example shows for HubSpot).
   */
  private List<String> inFolder(List<String> args, Path folder) {
    List<String> resolved = new ArrayList<>(args);
    for (String option : List.of("--out", "--in", "--token-file", "--ca-cert")) {
      int at = resolved.indexOf(option);
      if (at >= 0) {
        Path path = folder.resolve(resolved.get(at + 1).replaceFirst("^~/", ""));
        resolved.set(at + 1, path.toString());
        if (option.equals("--token-file")) {
          writeTokenFile(path);
        } else if (option.equals("--ca-cert")) {
          writeCertificateAuthority(path);
        }
      }
    }
    return resolved;
  }

  private static void writeCertificateAuthority(Path path) {
    try (InputStream pem = ReadmeExamplesTest.class.getResourceAsStream("/tls/sandbox-ca.pem")) {
      Files.write(path, pem.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void writeTokenFile(Path path) {
    try {
      Files.writeString(path, portal.token() + "\n");
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> benchAtASmallSize(List<String> args) {
    Map<String, String> sizes =
        args.contains("sandbox")
            ? BENCH_SANDBOX_SIZES
            : args.contains("sync") ? BENCH_SYNC_SIZES : BENCH_PULL_SIZES;
    List<String> small = args;
    for (Map.Entry<String, String> size : sizes.entrySet()) {
      small = withOption(small, size.getKey(), size.getValue());
    }
    return small;
  }

  /**
   * What a sync prints after changes like the README's sample shows: contacts created, modified and
   * archived, a property added to deals.
   */
  private List<String> syncLines() throws Exception {
    Path folder = newFolder().resolve("out");
    Duration lag = Duration.ofMillis(200);
    try (Sandbox changing = Sandbox.builder().records(300).searchLag(lag).start()) {
      Cli.Run first = Cli.sync(changing, folder, "-q");
      assertThat(first.exitCode()).as(first.toString()).isZero();
      changing
          .portal()
          .apply(
              List.of(
                  ChangeSet.of("contacts").update(20).create(3).archive(2),
                  ChangeSet.of("deals").newProperty("favourite_colour")));
      Thread.sleep(lag.toMillis() + 200); // search shows the changes
      Cli.Run sync = Cli.sync(changing, folder);
      assertThat(sync.exitCode()).as(sync.toString()).isZero();
      return sync.out().lines().toList();
    }
  }

  /**
   * The README's status lines, each printed by the pull or sync (numbers aside), the total last.
   */
  private static void checkStatusLines(SoftAssertions softly, Block sample, List<String> printed) {
    for (String line : sample.lines()) {
      if (!line.equals("…")) {
        softly
            .assertThat(printed)
            .as(sample + ": no status line like\n  " + line + "\nin\n" + String.join("\n", printed))
            .anyMatch(status -> sameLine(line, status));
      }
    }
    String total = sample.lines().get(sample.lines().size() - 1);
    softly
        .assertThat(sameLine(total, printed.get(printed.size() - 1)))
        .as(sample + ": the last line, " + total + ", is not the pull's last: " + printed)
        .isTrue();
  }

  /**
   * The README's manifest: every key it shows is one a pull writes, and its version is the
   * project's.
   */
  private static void checkManifest(SoftAssertions softly, Block sample, JsonNode written) {
    String text = String.join("\n", sample.lines());
    Set<String> shown = new HashSet<>();
    Matcher key = Pattern.compile("\"(\\w+)\"\\s*:").matcher(text);
    while (key.find()) {
      shown.add(key.group(1));
    }
    softly.assertThat(keys(written)).as(sample + ": keys a pull writes").containsAll(shown);
    softly
        .assertThat(text)
        .as(sample + ": the version Maven builds")
        .contains("\"version\": \"" + System.getProperty("hubspot.version") + "\"");
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new HashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    node.elements().forEachRemaining(child -> keys.addAll(keys(child)));
    return keys;
  }

  /**
   * The join's message for a missing association file, as the README quotes it, and the pull it
   * suggests: that pull runs, and the join then works.
   */
  private void checkJoinSuggestion(SoftAssertions softly, String sample) {
    Matcher message =
        Pattern.compile("\\S+ not found \\(nor \\S+\\): run (\\./hubspot-extract .*)")
            .matcher(sample);
    if (!message.matches()) {
      softly.fail("inline `" + sample + "`: a sample this test does not recognise: " + ADD_IT);
      return;
    }
    Path folder = newFolder();
    Path out = folder.resolve("out");
    Cli.pull(portal, out, "--objects", "deals,tickets", "--associations", "none");
    List<String> join = List.of("join", "deals", "tickets", "--in", out.toString());

    Cli.Run refused = Cli.run(args(join));
    softly.assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    softly.assertThat(refused.err().replace(folder + "/", "")).as(sample).contains(sample);
    // the tool's suggestion to a reader who pulled before: the token is in their environment
    List<String> suggested = new ArrayList<>(List.of("HUBSPOT_ACCESS_TOKEN=pat-na1-…"));
    suggested.addAll(ReadmeText.words(message.group(1)));
    attempt("inline `" + sample + "`", suggested, folder).check(softly);
    Cli.Run joined = Cli.run(args(join));
    softly.assertThat(joined.exitCode()).as(joined.toString()).isZero();
  }

  /** A plan's sample: each of its lines is printed by the README's own dry run. */
  private void checkDryRun(SoftAssertions softly, Block sample) {
    List<String> dryRun =
        readme.blocks().stream()
            .filter(block -> block.language().equals("bash"))
            .flatMap(block -> ReadmeText.commands(block).stream())
            .filter(command -> command.contains("--dry-run"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(sample + ": no dry run among the examples"));
    Cli.Run run = Cli.run(dryRun.subList(1, dryRun.size()).toArray(String[]::new));
    List<String> printed = run.out().lines().toList();
    for (String line : sample.lines()) {
      softly
          .assertThat(printed.stream().anyMatch(shown -> sameLine(line, shown)))
          .as(sample + ": no line like\n  " + line + "\nin\n" + run)
          .isTrue();
    }
  }

  /**
   * The output of the {@code --labels} commands of the shell block right above a labelled sample,
   * in turn, over the embedded sandbox's deals and companies: line for line as printed, each
   * command's output after a blank line.
   */
  private void checkLabelled(SoftAssertions softly, Block sample, Block commands) {
    List<List<String>> labelled =
        commands == null || !commands.language().equals("bash")
            ? List.of()
            : ReadmeText.commands(commands);
    if (labelled.isEmpty() || !labelled.stream().allMatch(c -> c.contains("--labels"))) {
      softly.fail(
          sample
              + ": a sample of labelled output sits right under the --labels commands that print"
              + " it, in a shell block of their own");
      return;
    }
    Path out = newFolder().resolve("out");
    Cli.Run pull =
        Cli.run("pull", "--sandbox", "--objects", "deals,companies", "--out", out.toString(), "-q");
    softly.assertThat(pull.exitCode()).as(pull.toString()).isZero();
    List<String> printed = new ArrayList<>();
    for (List<String> command : labelled) {
      List<String> args = inFolder(command.subList(1, command.size()), out.getParent());
      Cli.Run run = Cli.run(args(args));
      softly.assertThat(run.exitCode()).as(run.toString()).isZero();
      if (!printed.isEmpty()) {
        printed.add("");
      }
      printed.addAll(run.out().lines().toList());
    }
    softly.assertThat(printed).as(sample.toString()).isEqualTo(sample.lines());
  }

  /** Whether a shell block's last command is a {@code sql} query (not a labelled one). */
  private static boolean endsWithAQuery(Block commands) {
    if (!commands.language().equals("bash")) {
      return false;
    }
    List<List<String>> all = ReadmeText.commands(commands);
    List<String> last = all.isEmpty() ? List.of() : all.get(all.size() - 1);
    return last.size() > 1 && last.get(1).equals("sql") && !last.contains("--labels");
  }

  /**
   * The output of a query the README shows under the commands that make its folder (a pull, then
   * the query): those commands run in a folder of their own, and the query's output line for line
   * as the sample shows it.
   */
  private void checkQueryOutput(SoftAssertions softly, Block sample, Block commands) {
    Path folder = newFolder();
    Cli.Run last = null;
    for (List<String> command : ReadmeText.commands(commands)) {
      last = run(command.subList(1, command.size()), folder, false);
      softly.assertThat(last.exitCode()).as(commands + "\n" + last).isZero();
    }
    softly.assertThat(last.out().lines().toList()).as(sample.toString()).isEqualTo(sample.lines());
  }

  /** A sample's line and a printed one are the same but for numbers; "…" stands for the rest. */
  private static boolean sameLine(String sample, String printed) {
    int elided = sample.indexOf('…');
    return elided < 0
        ? numbersMasked(sample).equals(numbersMasked(printed))
        : numbersMasked(printed).startsWith(numbersMasked(sample.substring(0, elided)));
  }

  private static String numbersMasked(String line) {
    return line.replaceAll("\\d+(?:[.,]\\d+)*", "#");
  }

  private Path newFolder() {
    Path folder = home.resolve("example-" + ++folders);
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code args} with {@code option} given this value, in place of the example's if it has one. */
  private static List<String> withOption(List<String> args, String option, String value) {
    List<String> given = new ArrayList<>(args);
    int at = given.indexOf(option);
    if (at >= 0) {
      given.set(at + 1, value);
    } else {
      given.addAll(List.of(option, value));
    }
    return given;
  }

  /** A sync on a schedule ({@code --every}) run once here: the schedule runs until Ctrl-C. */
  private static List<String> once(List<String> args) {
    List<String> once = new ArrayList<>(args);
    int every = once.indexOf("--every");
    if (every >= 0) {
      once.subList(every, every + 2).clear();
    }
    return once;
  }

  /** The option's default written out, so that the path it names can land in the test's folder. */
  private static List<String> withDefault(List<String> args, String option, String value) {
    return args.contains(option) ? args : withOption(args, option, value);
  }

  private static String[] args(List<String> args) {
    return args.toArray(String[]::new);
  }
}
