package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.sandbox.Portal;
import dev.hubspotextract.sandbox.PortalAssociation;
import dev.hubspotextract.sandbox.PortalRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: pull from an embedded sandbox, then check join and sql against the sandbox's data.
 */
class PulledSandboxTest {
  @TempDir static Path tmp;
  static SandboxFolders pulled;
  static Portal portal;
  static Path csv;

  @BeforeAll
  static void pull() {
    pulled = SandboxFolders.start(tmp, 150, 11, "deals,companies,contacts");
    portal = pulled.portal();
    csv = pulled.pullAs("csv");
  }

  @AfterAll
  static void stop() {
    pulled.close();
  }

  private static Set<Long> liveIds(String type) {
    return portal.records(type).map(r -> Long.valueOf(r.id())).collect(Collectors.toSet());
  }

  /** The portal's links from each live record of {@code from}, kept by {@code keep}. */
  private static Map<Long, TreeSet<Long>> portalLinks(
      String from, String to, Predicate<PortalAssociation> keep) {
    Map<Long, TreeSet<Long>> links = new TreeMap<>();
    portal
        .records(from)
        .forEach(
            r ->
                portal.associations(from, to, r.id()).stream()
                    .filter(keep)
                    .forEach(
                        a ->
                            links
                                .computeIfAbsent(Long.valueOf(r.id()), k -> new TreeSet<>())
                                .add(Long.valueOf(a.toId()))));
    return links;
  }

  private static List<Map<String, String>> join(String name, String... args) {
    Path out = tmp.resolve(name);
    List<String> command = new ArrayList<>(List.of("join"));
    command.addAll(List.of(args));
    command.addAll(List.of("--in", csv.toString(), "--out", out.toString()));
    Cli.Run run = Cli.run(command.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return CsvTables.rows(out);
  }

  @Test
  void sqlCountsAndSumsTheDealsThePortalHas() throws Exception {
    BigDecimal sum = BigDecimal.ZERO;
    long withAmount = 0;
    for (PortalRecord deal : portal.records("deals").toList()) {
      String amount = deal.properties().get("amount");
      if (amount != null && !amount.isEmpty()) {
        sum = sum.add(new BigDecimal(amount));
        withAmount++;
      }
    }

    List<Object> row =
        SandboxFolders.firstRow(csv, "SELECT count(*), count(amount), sum(amount) FROM deals");

    assertThat(((Number) row.get(0)).longValue()).isEqualTo(portal.count("deals"));
    assertThat(((Number) row.get(1)).longValue()).isEqualTo(withAmount);
    assertThat((BigDecimal) row.get(2)).isEqualByComparingTo(sum); // exact: a DECIMAL
  }

  @Test
  void datetimesAreTheInstantsThePortalSent() throws Exception {
    Map<Long, Long> closeDates = new HashMap<>();
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(csv));
        Statement statement = db.connection().createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT id, epoch_ms(closedate), epoch_ms(createdAt) FROM deals")) {
      while (rows.next()) {
        closeDates.put(rows.getLong(1), rows.getObject(2) == null ? null : rows.getLong(2));
        PortalRecord deal = portal.record("deals", Long.toString(rows.getLong(1)));
        assertThat(Instant.ofEpochMilli(rows.getLong(3))).isEqualTo(deal.createdAt());
      }
    }
    for (PortalRecord deal : portal.records("deals").toList()) {
      String closedate = deal.properties().get("closedate");
      Long expected =
          closedate == null || closedate.isEmpty() ? null : Instant.parse(closedate).toEpochMilli();
      assertThat(closeDates.get(Long.valueOf(deal.id()))).as(deal.id()).isEqualTo(expected);
    }
  }

  @Test
  void joinGivesEachDealItsPrimaryCompanyAsThePortalLinksThem() {
    List<Map<String, String>> output = join("primary.csv", "deals", "companies", "--primary");

    Predicate<PortalAssociation> primary =
        a ->
            "Primary".equalsIgnoreCase(a.label())
                || a.category().equals("HUBSPOT_DEFINED")
                    && JoinPlanner.PRIMARY_TYPE_IDS.contains(a.typeId());
    List<List<Long>> expected =
        new ExpectedJoin(liveIds("deals"))
            .then(0, portalLinks("deals", "companies", primary), liveIds("companies"), false)
            .rows();
    assertThat(expected).anyMatch(r -> r.get(1) != null);
    assertThat(ExpectedJoin.idRows(output, "deal.id", "company.id")).isEqualTo(expected);
  }

  @Test
  void joinGivesEveryDealEachOfItsContactsAndCompanies() {
    List<Map<String, String>> output = join("all.csv", "deals", "contacts", "companies");

    List<List<Long>> expected =
        new ExpectedJoin(liveIds("deals"))
            .then(0, portalLinks("deals", "contacts", a -> true), liveIds("contacts"), false)
            .then(0, portalLinks("deals", "companies", a -> true), liveIds("companies"), false)
            .rows();
    assertThat(ExpectedJoin.idRows(output, "deal.id", "contact.id", "company.id"))
        .isEqualTo(expected);
    Map<Long, PortalRecord> contacts = new HashMap<>();
    portal.records("contacts").forEach(c -> contacts.put(Long.valueOf(c.id()), c));
    for (Map<String, String> row : output) {
      if (!row.get("contact.id").isEmpty()) {
        String email = contacts.get(Long.valueOf(row.get("contact.id"))).properties().get("email");
        assertThat(row.get("contact.email")).isEqualTo(email == null ? "" : email);
      }
    }
  }

  @Test
  void pullAsDuckdbOrParquetGivesTheSameAnswers() throws Exception {
    Path duckdb = pulled.pullAs("duckdb");
    Path parquet = pulled.pullAs("parquet");

    try (var files = Files.list(duckdb)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("hubspot.duckdb", "manifest.json", ".hubspot-extract");
    }
    // the private folder keeps the tables as CSV, the base a sync brings up to date
    assertThat(FolderLayout.of(duckdb).csvBase().resolve("deals.csv")).isRegularFile();
    assertThat(parquet.resolve("deals.parquet")).isRegularFile();
    assertThat(parquet.resolve("deals.csv")).doesNotExist();
    String sql =
        "SELECT count(*), sum(amount), min(closedate), typeof(min(closedate)),"
            + " (SELECT count(*) FROM deals_companies) FROM deals";
    List<Object> fromCsv = SandboxFolders.firstRow(csv, sql);
    assertThat(SandboxFolders.firstRow(duckdb, sql)).isEqualTo(fromCsv);
    assertThat(SandboxFolders.firstRow(parquet, sql)).isEqualTo(fromCsv);
  }
}
