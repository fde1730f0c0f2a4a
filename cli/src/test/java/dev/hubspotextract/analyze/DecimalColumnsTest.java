package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.PulledManifests;
import dev.hubspotextract.sandbox.Portal;
import dev.hubspotextract.sandbox.PortalRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Number properties are {@code DECIMAL(38, s)} in sql, join, Parquet and DuckDB, with {@code s} the
 * most decimals the pull saw in the column, as the manifest records; a column that no DECIMAL holds
 * stays a DOUBLE and the manifest says why. Pulled from the sandbox, whose contacts are large
 * enough to be read by several cursors (their measures are merged).
 */
class DecimalColumnsTest {
  @TempDir static Path tmp;
  static SandboxFolders pulled;
  static Portal portal;
  static Path csv;

  @BeforeAll
  static void pull() {
    pulled =
        SandboxFolders.start(
            tmp,
            1_200,
            5,
            "deals,line_items,contacts,vehicles",
            "--associations",
            "deals:line_items");
    portal = pulled.portal();
    csv = pulled.pullAs("csv");
  }

  @AfterAll
  static void stop() {
    pulled.close();
  }

  /** The manifest's column entries of an object, by column name. */
  private static Map<String, Manifest.Column> manifestColumns(Path folder, String object) {
    Map<String, Manifest.Column> columns = new HashMap<>();
    PulledManifests.object(folder, object).columns().forEach(c -> columns.put(c.name(), c));
    return columns;
  }

  /** The most decimals a plain number of the portal's property has. */
  private static int mostDecimals(String object, String property) {
    return portal
        .records(object)
        .map(r -> r.properties().get(property))
        .filter(v -> v != null && v.matches("-?\\d+(\\.\\d+)?"))
        .mapToInt(v -> v.indexOf('.') < 0 ? 0 : v.length() - v.indexOf('.') - 1)
        .max()
        .orElse(0);
  }

  @Test
  void theManifestRecordsTheMostDecimalsOfEveryNumberColumnOrWhyItStaysDouble() throws Exception {
    for (String object : List.of("deals", "line_items", "contacts")) {
      for (Manifest.Column column : manifestColumns(csv, object).values()) {
        if (!"number".equals(column.type())) {
          assertThat(column.sqlType()).as(column.toString()).isNull();
          continue;
        }
        int decimals = mostDecimals(object, column.name());
        assertThat(column.decimals()).as(column.toString()).isEqualTo(decimals);
        assertThat(column.sqlType())
            .as(column.toString())
            .isEqualTo("DECIMAL(38," + decimals + ")");
      }
    }
    assertThat(mostDecimals("deals", "amount")).isEqualTo(2);

    Manifest.Column odometer = manifestColumns(csv, "vehicles").get("odometer_km");
    assertThat(odometer.sqlType()).isEqualTo("DOUBLE");
    assertThat(odometer.decimals()).isNull();
    assertThat(odometer.doubleBecause()).contains("exponent notation");
  }

  @Test
  void sqlSumsMoneyExactly() throws Exception {
    BigDecimal sum = BigDecimal.ZERO;
    for (PortalRecord deal : portal.records("deals").toList()) {
      String amount = deal.properties().get("amount");
      if (amount != null && !amount.isEmpty()) {
        sum = sum.add(new BigDecimal(amount));
      }
    }

    List<Object> row =
        SandboxFolders.firstRow(csv, "SELECT typeof(min(amount)), sum(amount)::VARCHAR FROM deals");

    assertThat(row).containsExactly("DECIMAL(38,2)", sum.setScale(2).toPlainString());
  }

  @Test
  void aColumnInExponentNotationStaysDoubleAndReadsEveryValue() throws Exception {
    long numbers =
        portal
            .records("vehicles")
            .map(r -> r.properties().get("odometer_km"))
            .filter(v -> v != null && !v.isEmpty())
            .count();

    List<Object> row =
        SandboxFolders.firstRow(
            csv,
            "SELECT typeof(min(odometer_km)), count(odometer_km),"
                + " count(*) FILTER (WHERE odometer_km % 1000 = 0 AND odometer_km > 0)"
                + " FROM vehicles");

    assertThat(row.get(0)).isEqualTo("DOUBLE");
    assertThat(((Number) row.get(1)).longValue()).isEqualTo(numbers);
    assertThat(((Number) row.get(2)).longValue()).as("1.52E+05 read as 152000").isPositive();
  }

  @Test
  void parquetDuckdbAndJoinKeepTheDecimals() throws Exception {
    String sql = "SELECT typeof(min(amount)), sum(amount), typeof(min(price)) FROM line_items";
    List<Object> fromCsv = SandboxFolders.firstRow(csv, sql);
    assertThat(fromCsv.get(0)).isEqualTo("DECIMAL(38,2)");
    assertThat(SandboxFolders.firstRow(pulled.pullAs("parquet"), sql)).isEqualTo(fromCsv);
    assertThat(SandboxFolders.firstRow(pulled.pullAs("duckdb"), sql)).isEqualTo(fromCsv);

    Path joined = tmp.resolve("joined.parquet");
    Cli.Run join =
        Cli.run("join", "deals", "line_items", "--in", csv.toString(), "--out", joined.toString());
    assertThat(join.exitCode()).as(join.err()).isZero();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement();
        ResultSet types =
            statement.executeQuery(
                "SELECT typeof(\"deal.amount\"), typeof(\"line_item.price\") FROM read_parquet('"
                    + joined
                    + "') LIMIT 1")) {
      types.next();
      assertThat(types.getString(1)).isEqualTo("DECIMAL(38,2)");
      assertThat(types.getString(2)).startsWith("DECIMAL(38,");
    }
  }

  @Test
  void aManifestWithImpossibleDecimalsIsRefusedSayingHowToFixIt() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("bad-decimals"));
    Files.writeString(folder.resolve("deals.csv"), "id,amount\r\n1,2.5\r\n");
    Files.writeString(
        folder.resolve("manifest.json"),
        "{\"format\":\"csv\",\"objects\":[{\"name\":\"deals\",\"file\":\"deals.csv\","
            + "\"columns\":[{\"name\":\"amount\",\"type\":\"number\",\"decimals\":40}]}]}");

    Cli.Run run = Cli.run("sql", "--in", folder.toString(), "SELECT sum(amount) FROM deals");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("column amount of deals", "\"decimals\": 40", "0 to 18", "pull again");
  }
}
