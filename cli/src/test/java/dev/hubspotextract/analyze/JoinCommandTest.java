package dev.hubspotextract.analyze;

import static dev.hubspotextract.analyze.PulledFolderFixture.COMPANY_BASE;
import static dev.hubspotextract.analyze.PulledFolderFixture.DEAL_BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinCommandTest {
  @TempDir static Path dir;
  static Path in;
  static Map<Long, Map<String, String>> deals;
  static Map<Long, Map<String, String>> companies;
  static Map<Long, Map<String, String>> contacts;
  static Map<Long, Map<String, String>> lineItems;

  private static final Predicate<Map<String, String>> ALL = r -> true;

  @BeforeAll
  static void writeFolder() throws Exception {
    in = Files.createDirectory(dir.resolve("out"));
    PulledFolderFixture.write(in, 42);
    deals = CsvTables.byId(in.resolve("deals.csv"));
    companies = CsvTables.byId(in.resolve("companies.csv"));
    contacts = CsvTables.byId(in.resolve("contacts.csv"));
    lineItems = CsvTables.byId(in.resolve("line_items.csv"));
  }

  private static List<Map<String, String>> join(String name, String... args) {
    Path out = dir.resolve(name);
    String[] command = new String[args.length + 5];
    command[0] = "join";
    System.arraycopy(args, 0, command, 1, args.length);
    command[args.length + 1] = "--in";
    command[args.length + 2] = in.toString();
    command[args.length + 3] = "--out";
    command[args.length + 4] = out.toString();
    Cli.Run run = Cli.run(command);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return CsvTables.rows(out);
  }

  private static Map<Long, TreeSet<Long>> dealsToCompanies(Predicate<Map<String, String>> keep) {
    return CsvTables.links(in.resolve("deals_companies.csv"), false, keep);
  }

  @Test
  void leftJoinKeepsEveryDealWithOneRowPerLinkedCompany() {
    List<Map<String, String>> output = join("left.csv", "deals", "companies");

    List<List<Long>> expected =
        new ExpectedJoin(deals.keySet())
            .then(0, dealsToCompanies(ALL), companies.keySet(), false)
            .rows();
    assertThat(ExpectedJoin.idRows(output, "deal.id", "company.id")).isEqualTo(expected);
    assertThat(output)
        .extracting(r -> r.get("deal.id"))
        .map(Long::valueOf)
        .containsAll(deals.keySet());
    assertThat(expected).anyMatch(row -> row.get(1) == null);
  }

  @Test
  void innerJoinDropsDealsWithoutACompany() {
    List<Map<String, String>> output = join("inner.csv", "deals", "companies", "--inner");

    List<List<Long>> expected =
        new ExpectedJoin(deals.keySet())
            .then(0, dealsToCompanies(ALL), companies.keySet(), true)
            .rows();
    assertThat(ExpectedJoin.idRows(output, "deal.id", "company.id")).isEqualTo(expected);
    assertThat(output).noneMatch(r -> r.get("company.id").isEmpty());
    assertThat(output.stream().map(r -> r.get("deal.id")).distinct().count())
        .isLessThan(deals.size());
  }

  @Test
  void aPairLinkedBySeveralAssociationTypesYieldsOneRow() {
    List<Map<String, String>> output = join("types.csv", "deals", "companies");

    // deal 0 is linked to its company by the types 5 (Primary) and 341
    long pairsWithTwoTypes =
        CsvTables.rows(in.resolve("deals_companies.csv")).stream()
            .filter(r -> r.get("association_type_id").equals("5"))
            .count();
    assertThat(pairsWithTwoTypes).isPositive();
    assertThat(ExpectedJoin.idRows(output, "deal.id", "company.id")).doesNotHaveDuplicates();
  }

  @Test
  void everyColumnIsPrefixedByItsObjectAndValuesSurviveTheRoundTrip() {
    List<Map<String, String>> output = join("values.csv", "deals", "companies");

    assertThat(CsvTables.header(dir.resolve("values.csv")))
        .startsWith("deal.id", "deal.createdAt", "deal.updatedAt", "deal.archived")
        .contains("deal.dealname", "company.id", "company.name", "company.domain");
    for (Map<String, String> row : output) {
      assertThat(row.get("deal.dealname"))
          .isEqualTo(deals.get(Long.valueOf(row.get("deal.id"))).get("dealname"));
      if (!row.get("company.id").isEmpty()) {
        assertThat(row.get("company.name"))
            .isEqualTo(companies.get(Long.valueOf(row.get("company.id"))).get("name"));
      }
    }
    assertThat(output).anyMatch(r -> r.get("company.name").contains("\n"));
    assertThat(output).anyMatch(r -> r.get("company.name").contains("\""));
    assertThat(output).anyMatch(r -> r.get("company.name").contains("株式会社"));
  }

  @Test
  void primaryKeepsOnlyThePrimaryCompanyOfEachDeal() {
    List<Map<String, String>> output = join("primary.csv", "deals", "companies", "--primary");

    Predicate<Map<String, String>> primary = r -> r.get("label").equals("Primary");
    List<List<Long>> expected =
        new ExpectedJoin(deals.keySet())
            .then(0, dealsToCompanies(primary), companies.keySet(), false)
            .rows();
    assertThat(ExpectedJoin.idRows(output, "deal.id", "company.id")).isEqualTo(expected);
    assertThat(output).hasSize(deals.size());
  }

  @Test
  void primaryKeepsEveryLinkOfAPairThatMarksNoneAndSaysSo() {
    Path out = dir.resolve("primary-contacts.csv");
    Cli.Run run =
        Cli.run(
            "join",
            "deals",
            "contacts",
            "--primary",
            "--in",
            in.toString(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains(
            "join: primary links only (--primary): ", "contacts_deals.csv", "every link is kept");
    List<List<Long>> expected =
        new ExpectedJoin(deals.keySet())
            .then(
                0,
                CsvTables.links(in.resolve("contacts_deals.csv"), true, ALL),
                contacts.keySet(),
                false)
            .rows();
    assertThat(ExpectedJoin.idRows(CsvTables.rows(out), "deal.id", "contact.id"))
        .isEqualTo(expected);
  }

  @Test
  void labelKeepsOnlyLinksWithThatLabelReadingTheFileInReverse() {
    List<Map<String, String>> output =
        join("label.csv", "deals", "contacts", "--label", "billing CONTACT", "--inner");

    Predicate<Map<String, String>> billing = r -> r.get("label").equals("Billing contact");
    List<List<Long>> expected =
        new ExpectedJoin(deals.keySet())
            .then(
                0,
                CsvTables.links(in.resolve("contacts_deals.csv"), true, billing),
                contacts.keySet(),
                true)
            .rows();
    assertThat(expected).isNotEmpty();
    assertThat(ExpectedJoin.idRows(output, "deal.id", "contact.id")).isEqualTo(expected);
  }

  @Test
  void aLabelNoFileUsesIsAnErrorThatListsTheLabelsThere() {
    Cli.Run run =
        Cli.run("join", "deals", "contacts", "--label", "Champion", "--in", in.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Champion", "'Billing contact'");
  }

  @Test
  void threeObjectsGiveEveryCombinationOfCompanyAndContactPerDeal() {
    List<Map<String, String>> output = join("three.csv", "deals", "companies", "contacts");

    List<List<Long>> expected =
        new ExpectedJoin(deals.keySet())
            .then(0, dealsToCompanies(ALL), companies.keySet(), false)
            .then(
                0,
                CsvTables.links(in.resolve("contacts_deals.csv"), true, ALL),
                contacts.keySet(),
                false)
            .rows();
    assertThat(ExpectedJoin.idRows(output, "deal.id", "company.id", "contact.id"))
        .isEqualTo(expected);
  }

  @Test
  void aLaterObjectWithoutALinkToTheFirstJoinsThroughTheNearestEarlierOne() {
    // line_items link to deals only, so contacts → deals → line_items; one link points at a line
    // item
    // that is not in line_items.csv and is ignored
    List<Map<String, String>> output = join("chain.csv", "contacts", "deals", "line_items");

    List<List<Long>> expected =
        new ExpectedJoin(contacts.keySet())
            .then(
                0,
                CsvTables.links(in.resolve("contacts_deals.csv"), false, ALL),
                deals.keySet(),
                false)
            .then(
                1,
                CsvTables.links(in.resolve("deals_line_items.csv"), false, ALL),
                lineItems.keySet(),
                false)
            .rows();
    assertThat(ExpectedJoin.idRows(output, "contact.id", "deal.id", "line_item.id"))
        .isEqualTo(expected);
    assertThat(output)
        .noneMatch(
            r ->
                r.get("line_item.id").equals(Long.toString(PulledFolderFixture.MISSING_LINE_ITEM)));
  }

  @Test
  void objectsMayBeNamedInAnyCaseSingularOrPlural() {
    List<Map<String, String>> plural = join("plural.csv", "deals", "line_items");
    List<Map<String, String>> singular = join("singular.csv", "Deal", "LINE_ITEM");

    assertThat(singular).isEqualTo(plural);
    assertThat(CsvTables.header(dir.resolve("singular.csv"))).contains("deal.id", "line_item.id");
  }

  @Test
  void anObjectWithoutRecordsJoinsAsNoLinks(@TempDir Path empty) throws Exception {
    PulledFolderFixture.write(empty, 42);
    String header =
        Files.readString(empty.resolve("companies.csv")).lines().findFirst().orElseThrow();
    Files.writeString(empty.resolve("companies.csv"), header + "\r\n");
    Path out = empty.resolve("joined.csv");

    Cli.Run run =
        Cli.run("join", "deals", "companies", "--in", empty.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(CsvTables.rows(out))
        .hasSize(deals.size())
        .allMatch(r -> r.get("company.id").isEmpty());
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
  void columnsSelectsPrefixedColumnsInTheGivenOrder() {
    join("columns.csv", "deals", "companies", "--columns", "company.name,deal.id,deal.amount");

    assertThat(CsvTables.header(dir.resolve("columns.csv")))
        .containsExactly("company.name", "deal.id", "deal.amount");
  }

  @Test
  void columnsAcceptsEveryColumnOfOneObject() {
    join("star.csv", "deals", "companies", "--columns", "deal.id,company.*");

    assertThat(CsvTables.header(dir.resolve("star.csv"))).first().isEqualTo("deal.id");
    assertThat(CsvTables.header(dir.resolve("star.csv")))
        .hasSize(1 + CsvTables.header(in.resolve("companies.csv")).size());
  }

  @Test
  void anUnknownColumnIsAnErrorThatShowsHowColumnsAreNamed() {
    Cli.Run run = Cli.run("join", "deals", "companies", "--columns", "name", "--in", in.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown column 'name' among the output columns (--columns)", "deal.id")
        .contains("company.*");
  }

  @Test
  void aMissingAssociationFileNamesTheFileAndThePullThatWritesIt() {
    Cli.Run run = Cli.run("join", "companies", "line_items", "--in", in.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(in.resolve("companies_line_items.csv") + " not found")
        .contains(
            ": run ./hubspot-extract pull --objects companies,line_items --associations"
                + " companies:line_items --out "
                + in);
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void aMissingObjectFileNamesTheFileAndThePullThatWritesIt() {
    Cli.Run run = Cli.run("join", "deals", "tickets", "--in", in.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(in.resolve("tickets.csv") + " not found")
        .contains("./hubspot-extract pull", "deals,tickets");
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
  void anUnknownObjectIsSaidToBeUnknownWithoutSuggestingAPullThatWouldFail() {
    Cli.Run unknown = Cli.run("join", "deals", "foo", "--in", in.toString());

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .startsWith(
            "hubspot-extract: unknown object 'foo': " + in + " has companies, contacts, deals")
        .contains("HubSpot has no standard object of that name")
        .doesNotContain("hubspot-extract pull");
    assertThat(unknown.err().lines()).hasSize(1);
    Cli.Run typo = Cli.run("join", "deals", "companis", "--in", in.toString());
    assertThat(typo.err()).contains("unknown object 'companis' (did you mean companies?)");
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

  @Test
  void parquetOutputHoldsTheSameRowsAsCsvOutput() throws Exception {
    Path parquet = dir.resolve("joined.parquet");
    Cli.Run run =
        Cli.run("join", "deals", "companies", "--in", in.toString(), "--out", parquet.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();

    List<Map<String, String>> csv = join("joined.csv", "deals", "companies");
    try (var connection = PulledDatabase.newConnection();
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT count(*), count(\"company.id\"), min(\"company.id\"), typeof(first(\"deal.amount\"))"
                    + " FROM read_parquet('"
                    + parquet
                    + "')")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(csv.size());
      assertThat(rows.getLong(2))
          .isEqualTo(csv.stream().filter(r -> !r.get("company.id").isEmpty()).count());
      assertThat(rows.getLong(3)).isGreaterThanOrEqualTo(COMPANY_BASE);
      assertThat(rows.getString(4)).isEqualTo("DOUBLE");
    }
  }
}
