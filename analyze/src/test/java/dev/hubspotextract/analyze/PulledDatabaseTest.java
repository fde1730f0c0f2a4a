package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pulled folder as {@code sql} and {@code join} see it: every file a view, typed from the
 * manifest, whatever mess the values hold.
 */
class PulledDatabaseTest {
  @TempDir static Path dir;
  static Path in;
  static PulledDatabase db;
  static List<Map<String, String>> deals;

  @BeforeAll
  static void openFolder() throws Exception {
    in = Files.createDirectory(dir.resolve("out"));
    PulledFolderFixture.write(in, 7);
    deals = CsvTables.rows(in.resolve("deals.csv"));
    db = PulledDatabase.open(PulledFolder.open(in));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** The first row of a query's result. */
  private static Row query(String sql) throws Exception {
    try (Statement statement = db.connection().createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as(sql).isTrue();
      Object[] values = new Object[rows.getMetaData().getColumnCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rows.getObject(i + 1);
      }
      return new Row(values);
    }
  }

  /** One row of values, read with JDBC-like getters (1-based). */
  private record Row(Object[] values) {
    long getLong(int column) {
      return ((Number) values[column - 1]).longValue();
    }

    double getDouble(int column) {
      return ((Number) values[column - 1]).doubleValue();
    }

    String getString(int column) {
      Object value = values[column - 1];
      return value == null ? null : value.toString();
    }

    boolean getBoolean(int column) {
      return (Boolean) values[column - 1];
    }

    Object getObject(int column) {
      return values[column - 1];
    }
  }

  @Test
  void everyFileIsATableNamedAfterItWithAllItsRows() throws Exception {
    for (String table :
        List.of(
            "deals", "companies", "contacts", "line_items", "deals_companies", "contacts_deals")) {
      Row rows = query("SELECT count(*) FROM " + table);
      assertThat(rows.getLong(1))
          .as(table)
          .isEqualTo(CsvTables.rows(in.resolve(table + ".csv")).size());
    }
  }

  @Test
  void numbersAreSummedAsNumbersAndUnparseableOnesReadAsNull() throws Exception {
    BigDecimal sum = BigDecimal.ZERO;
    long parsed = 0;
    for (Map<String, String> deal : deals) {
      try {
        sum = sum.add(new BigDecimal(deal.get("amount")));
        parsed++;
      } catch (NumberFormatException e) {
        // "" and "12,5k" are not numbers
      }
    }
    Row rows = query("SELECT sum(amount), count(amount), count(*) FROM deals");

    assertThat(rows.getDouble(1))
        .isCloseTo(sum.doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(rows.getLong(2)).isEqualTo(parsed).isLessThan(rows.getLong(3));
  }

  @Test
  void columnsAreTypedFromTheManifest() throws Exception {
    Row rows =
        query(
            "SELECT typeof(d.id), typeof(d.amount), typeof(d.closedate), typeof(d.hs_is_closed),"
                + " typeof(d.dealstage), typeof(d.createdAt), typeof(c.founded), typeof(c.is_public),"
                + " typeof(l.from_id), typeof(l.association_type_id), typeof(ct.phone)"
                + " FROM deals d, companies c, deals_companies l, contacts ct LIMIT 1");

    assertThat(List.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)))
        .containsExactly("BIGINT", "DOUBLE", "TIMESTAMP WITH TIME ZONE", "BOOLEAN");
    assertThat(List.of(rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8)))
        .containsExactly("VARCHAR", "TIMESTAMP WITH TIME ZONE", "DATE", "BOOLEAN");
    assertThat(List.of(rows.getString(9), rows.getString(10), rows.getString(11)))
        .containsExactly("BIGINT", "INTEGER", "VARCHAR");
  }

  @Test
  void datetimesInIsoAndEpochMillisecondsReadAsTheSameInstants() throws Exception {
    for (int i : new int[] {0, 1, 3, 4}) { // 0 and 3 are epoch milliseconds, 1 and 4 ISO-8601
      Row rows =
          query(
              "SELECT epoch_ms(closedate) FROM deals WHERE id = "
                  + (PulledFolderFixture.DEAL_BASE + i));
      assertThat(Instant.ofEpochMilli(rows.getLong(1)))
          .as("deal %d", i)
          .isEqualTo(PulledFolderFixture.closeDate(i));
    }
    Row garbage =
        query(
            "SELECT closedate IS NULL FROM deals WHERE id = "
                + (PulledFolderFixture.DEAL_BASE + 16));
    assertThat(garbage.getBoolean(1)).isTrue();
  }

  @Test
  void datesInIsoAndEpochMillisecondsReadAsTheSameDays() throws Exception {
    Row rows =
        query(
            "SELECT count(*) FILTER (WHERE founded IS NOT NULL), min(founded)::VARCHAR FROM companies");
    long nonEmpty =
        CsvTables.rows(in.resolve("companies.csv")).stream()
            .filter(r -> !r.get("founded").isEmpty())
            .count();

    assertThat(rows.getLong(1)).isEqualTo(nonEmpty);
    assertThat(rows.getString(2)).isEqualTo("1990-01-01");
    Row epoch =
        query(
            "SELECT founded::VARCHAR FROM companies WHERE id = "
                + (PulledFolderFixture.COMPANY_BASE + 1));
    assertThat(epoch.getString(1))
        .isEqualTo("1990-04-08"); // 97 days after 1990-01-01, sent as epoch ms
  }

  @Test
  void messyTextComesBackExactlyAsPulled() throws Exception {
    Map<Long, Map<String, String>> companies = CsvTables.byId(in.resolve("companies.csv"));
    for (Map.Entry<Long, Map<String, String>> company : companies.entrySet()) {
      Row rows = query("SELECT coalesce(name, '') FROM companies WHERE id = " + company.getKey());
      assertThat(rows.getString(1)).isEqualTo(company.getValue().get("name"));
    }
  }

  @Test
  void timestampsShowInUtcWhateverTheMachinesZone() throws Exception {
    Row rows = query("SELECT createdAt FROM deals ORDER BY id LIMIT 1");
    Object value = rows.getObject(1);

    assertThat(value).isInstanceOf(OffsetDateTime.class);
    assertThat(((OffsetDateTime) value).toInstant())
        .isEqualTo(Instant.parse(deals.get(0).get("createdAt")));
  }

  @Test
  void aFolderWithoutManifestStillReadsWithIdsAndTimestampsTyped(@TempDir Path bare)
      throws Exception {
    Files.copy(in.resolve("deals.csv"), bare.resolve("deals.csv"));
    Files.copy(in.resolve("deals_companies.csv"), bare.resolve("deals_companies.csv"));
    try (PulledDatabase bareDb = PulledDatabase.open(PulledFolder.open(bare));
        Statement statement = bareDb.connection().createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*), typeof(first(d.id)), typeof(first(d.createdAt)), typeof(first(d.amount))"
                    + " FROM deals d JOIN deals_companies l ON l.from_id = d.id")) {
      rows.next();
      assertThat(rows.getLong(1)).isPositive();
      assertThat(rows.getString(2)).isEqualTo("BIGINT");
      assertThat(rows.getString(3)).isEqualTo("TIMESTAMP WITH TIME ZONE");
      assertThat(rows.getString(4)).isEqualTo("VARCHAR");
    }
  }
}
