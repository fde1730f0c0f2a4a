package dev.hubspotextract.analyze;

import static dev.hubspotextract.analyze.PulledFolderFixture.DEAL_BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.FileMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code join} command: its flags ask for the join the planner makes, and what it prints and
 * exits with. What a join makes of a folder is analyze's to show ({@code JoinPlannerTest}).
 */
class JoinCommandTest {
  @TempDir static Path dir;
  static Path in;

  @BeforeAll
  static void writeFolder() throws Exception {
    in = Files.createDirectory(dir.resolve("out"));
    PulledFolderFixture.write(in, 42);
  }

  /** What {@code join ARGS --in in --out dir/name} writes; it must succeed. */
  private static String joined(String name, String... args) throws Exception {
    Path out = dir.resolve(name);
    List<String> command = new ArrayList<>(List.of("join"));
    command.addAll(List.of(args));
    command.addAll(List.of("--in", in.toString(), "--out", out.toString()));
    Cli.Run run = Cli.run(command.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("wrote ", " rows to " + out);
    return Files.readString(out);
  }

  /** The same join made by the planner alone, written to {@code dir/name}. */
  private static String planned(String name, JoinRequest request) throws Exception {
    Path out = dir.resolve(name);
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      QueryOutput.deliver(
          db.connection(),
          JoinPlanner.plan(db, request).sql(),
          Optional.of(out),
          FileMode.PRIVATE,
          0,
          new PrintWriter(new StringWriter()),
          new PrintWriter(new StringWriter()),
          UserText::text);
    }
    return Files.readString(out);
  }

  @Test
  void eachFlagAsksForTheJoinThePlannerMakesOfIt() throws Exception {
    assertThat(joined("inner.csv", "deals", "companies", "--inner"))
        .isEqualTo(
            planned(
                "planned-inner.csv",
                new JoinRequest(
                    List.of("deals", "companies"), true, false, Optional.empty(), List.of())));
    assertThat(joined("primary.csv", "deals", "companies", "--primary"))
        .isEqualTo(
            planned(
                "planned-primary.csv",
                new JoinRequest(
                    List.of("deals", "companies"), false, true, Optional.empty(), List.of())));
    assertThat(joined("label.csv", "deals", "contacts", "--label", "billing CONTACT"))
        .isEqualTo(
            planned(
                "planned-label.csv",
                new JoinRequest(
                    List.of("deals", "contacts"),
                    false,
                    false,
                    Optional.of("billing CONTACT"),
                    List.of())));
    assertThat(joined("columns.csv", "deals", "companies", "--columns", "company.name,deal.id"))
        .isEqualTo(
            planned(
                "planned-columns.csv",
                new JoinRequest(
                    List.of("deals", "companies"),
                    false,
                    false,
                    Optional.empty(),
                    List.of("company.name", "deal.id"))));
  }

  @Test
  void theNotesOfTheJoinArePrintedOnStderr() {
    Cli.Run run =
        Cli.run(
            "join",
            "deals",
            "contacts",
            "--primary",
            "--in",
            in.toString(),
            "--out",
            dir.resolve("primary-contacts.csv").toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains(
            "join: primary links only (--primary): ", "contacts_deals.csv", "every link is kept");
  }

  @Test
  void aJoinThatCannotBeMadeIsOneLineAndExitCodeTwo() {
    Cli.Run run = Cli.run("join", "deals", "foo", "--in", in.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("hubspot-extract: unknown object 'foo': ");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void outMayNotOverwriteAFileOfThePulledFolder() throws Exception {
    String deals = Files.readString(in.resolve("deals.csv"));

    Cli.Run run =
        Cli.run(
            "join",
            "deals",
            "companies",
            "--in",
            in.toString(),
            "--out",
            in.resolve("deals.csv").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("is a file of the pulled folder")
        .contains("choose another result file (--out)");
    assertThat(in.resolve("deals.csv")).hasContent(deals);
  }

  @Test
  void oneObjectOrNoneIsAPlainUsageError() {
    Cli.Run one = Cli.run("join", "deals", "--in", in.toString());

    assertThat(one.exitCode()).isEqualTo(2);
    assertThat(one.err())
        .isEqualTo(
            "hubspot-extract: join needs two objects or more, in the order to join them (e.g. join"
                + " deals companies), got only deals; for its rows alone use sql \"SELECT * FROM"
                + " deals\" (see 'hubspot-extract join --help')\n");
    Cli.Run none = Cli.run("join", "--in", in.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("join needs two objects or more").contains("got none");
  }

  @Test
  void withoutOutTheFirstRowsArePrintedAsATable() {
    Cli.Run run =
        Cli.run(
            "join",
            "deals",
            "companies",
            "--columns",
            "deal.id,company.id",
            "--max-rows",
            "5",
            "--in",
            in.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().findFirst())
        .hasValueSatisfying(h -> assertThat(h).contains("deal.id", "company.id"));
    assertThat(run.out()).contains(Long.toString(DEAL_BASE), "5 of ", "omitted");
  }
}
