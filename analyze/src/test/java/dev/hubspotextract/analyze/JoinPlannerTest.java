package dev.hubspotextract.analyze;

import static dev.hubspotextract.analyze.PulledFolderFixture.COMPANY_BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.FileMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code join} makes of a pulled folder: rows checked against the same join computed in plain
 * Java ({@link ExpectedJoin}) over the folder's files, and the messages of a join that cannot be
 * made.
 */
class JoinPlannerTest {
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

  /** A join as its command's arguments ask for it: the objects, then each flag. */
  private record Join(
      List<String> objects,
      boolean linkedOnly,
      boolean primaryOnly,
      Optional<String> label,
      List<String> columns) {
    /** A left join of {@code objects}, every link, every column. */
    static Join of(String... objects) {
      return new Join(List.of(objects), false, false, Optional.empty(), List.of());
    }

    /** {@code --inner} */
    Join inner() {
      return new Join(objects, true, primaryOnly, label, columns);
    }

    /** {@code --primary} */
    Join primary() {
      return new Join(objects, linkedOnly, true, label, columns);
    }

    /** {@code --label} */
    Join label(String text) {
      return new Join(objects, linkedOnly, primaryOnly, Optional.of(text), columns);
    }

    /** {@code --columns} */
    Join columns(String... names) {
      return new Join(objects, linkedOnly, primaryOnly, label, List.of(names));
    }

    JoinRequest request() {
      return new JoinRequest(objects, linkedOnly, primaryOnly, label, columns);
    }
  }

  /** The query {@code join} runs over the folder. */
  private static JoinQuery plan(Join join) {
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      return JoinPlanner.plan(db, join.request());
    }
  }

  /**
   * Writes the join's rows to {@code out} (CSV or Parquet by its name) as the command does: on the
   * folder's database locked to the folder and that file.
   */
  private static void write(Path folder, Path out, Join join) {
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(folder))) {
      db.lockTo(Optional.of(out));
      QueryOutput.deliver(
          db.connection(),
          JoinPlanner.plan(db, join.request()).sql(),
          Optional.of(out),
          FileMode.PRIVATE,
          0,
          new PrintWriter(new StringWriter()),
          new PrintWriter(new StringWriter()),
          UserText::text);
    }
  }

  /** The join's rows, written to {@code name} beside the folder. */
  private static List<Map<String, String>> join(String name, Join join) {
    Path out = dir.resolve(name);
    write(in, out, join);
    return CsvTables.rows(out);
  }

  private static Map<Long, TreeSet<Long>> dealsToCompanies(Predicate<Map<String, String>> keep) {
    return CsvTables.links(in.resolve("deals_companies.csv"), false, keep);
  }

  @Test
  void leftJoinKeepsEveryDealWithOneRowPerLinkedCompany() {
    List<Map<String, String>> output = join("left.csv", Join.of("deals", "companies"));

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
    List<Map<String, String>> output = join("inner.csv", Join.of("deals", "companies").inner());

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
    List<Map<String, String>> output = join("types.csv", Join.of("deals", "companies"));

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
    List<Map<String, String>> output = join("values.csv", Join.of("deals", "companies"));

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
    List<Map<String, String>> output = join("primary.csv", Join.of("deals", "companies").primary());

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
    JoinQuery query = plan(Join.of("deals", "contacts").primary());
    List<Map<String, String>> output =
        join("primary-contacts.csv", Join.of("deals", "contacts").primary());

    assertThat(query.notes())
        .singleElement()
        .asString()
        .contains("primary links only: ", "contacts_deals.csv", "every link is kept");
    List<List<Long>> expected =
        new ExpectedJoin(deals.keySet())
            .then(
                0,
                CsvTables.links(in.resolve("contacts_deals.csv"), true, ALL),
                contacts.keySet(),
                false)
            .rows();
    assertThat(ExpectedJoin.idRows(output, "deal.id", "contact.id")).isEqualTo(expected);
  }

  @Test
  void labelKeepsOnlyLinksWithThatLabelReadingTheFileInReverse() {
    List<Map<String, String>> output =
        join("label.csv", Join.of("deals", "contacts").label("billing CONTACT").inner());

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
    assertThatThrownBy(() -> plan(Join.of("deals", "contacts").label("Champion")))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageContainingAll("Champion", "'Billing contact'");
  }

  @Test
  void threeObjectsGiveEveryCombinationOfCompanyAndContactPerDeal() {
    List<Map<String, String>> output = join("three.csv", Join.of("deals", "companies", "contacts"));

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
    List<Map<String, String>> output =
        join("chain.csv", Join.of("contacts", "deals", "line_items"));

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
    List<Map<String, String>> plural = join("plural.csv", Join.of("deals", "line_items"));
    List<Map<String, String>> singular = join("singular.csv", Join.of("Deal", "LINE_ITEM"));

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

    write(empty, out, Join.of("deals", "companies"));

    assertThat(CsvTables.rows(out))
        .hasSize(deals.size())
        .allMatch(r -> r.get("company.id").isEmpty());
  }

  @Test
  void columnsSelectsPrefixedColumnsInTheGivenOrder() {
    join(
        "columns.csv",
        Join.of("deals", "companies").columns("company.name", "deal.id", "deal.amount"));

    assertThat(CsvTables.header(dir.resolve("columns.csv")))
        .containsExactly("company.name", "deal.id", "deal.amount");
  }

  @Test
  void columnsAcceptsEveryColumnOfOneObject() {
    join("star.csv", Join.of("deals", "companies").columns("deal.id", "company.*"));

    assertThat(CsvTables.header(dir.resolve("star.csv"))).first().isEqualTo("deal.id");
    assertThat(CsvTables.header(dir.resolve("star.csv")))
        .hasSize(1 + CsvTables.header(in.resolve("companies.csv")).size());
  }

  @Test
  void anUnknownColumnIsAnErrorThatShowsHowColumnsAreNamed() {
    assertThatThrownBy(() -> plan(Join.of("deals", "companies").columns("name")))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageContainingAll("unknown column 'name'", "deal.id", "company.*");
  }

  @Test
  void aMissingAssociationFileNamesTheFileAndThePullThatWritesIt() {
    assertThatThrownBy(() -> plan(Join.of("companies", "line_items")))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageContaining(in.resolve("companies_line_items.csv") + " not found")
        .hasMessageContainingAll(
            "pull companies, line_items with the association pair companies:line_items into")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingObjectFileNamesTheFileAndThePullThatWritesIt() {
    assertThatThrownBy(() -> plan(Join.of("deals", "tickets")))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageContaining(in.resolve("tickets.csv") + " not found")
        .hasMessageContaining("pull deals, tickets into");
  }

  @Test
  void anUnknownObjectIsSaidToBeUnknownWithoutSuggestingAPullThatWouldFail() {
    assertThatThrownBy(() -> plan(Join.of("deals", "foo")))
        .isInstanceOf(AnalyzeException.class)
        .hasMessageStartingWith("unknown object 'foo': " + in + " has companies, contacts, deals")
        .hasMessageContaining("HubSpot has no standard object of that name")
        .hasMessageNotContaining("hubspot-extract pull")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> plan(Join.of("deals", "companis")))
        .hasMessageContaining("unknown object 'companis' (did you mean companies?)");
  }

  @Test
  void parquetOutputHoldsTheSameRowsAsCsvOutput() throws Exception {
    Path parquet = dir.resolve("joined.parquet");
    write(in, parquet, Join.of("deals", "companies"));

    List<Map<String, String>> csv = join("joined.csv", Join.of("deals", "companies"));
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
