package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NumberText} reads a value as DuckDB's cast does, so a DECIMAL sized by it never rounds a
 * value DuckDB would read: checked against DuckDB itself.
 */
class NumberTextTest {
  private static final List<String> VALUES =
      List.of(
          "2817055.53",
          "0",
          "-12.50",
          "+5",
          ".5",
          "5.",
          "-.0",
          "0000000000000000000000000000000000000001.5",
          "1_000",
          "1.2_5",
          " 1.2345",
          "7.125\t",
          "\n5\r",
          "1e3",
          "1.52E+05",
          "inf",
          "-Infinity",
          "NaN",
          "",
          "-",
          ".",
          "N/A",
          "12,5k",
          "1,000",
          "1.2.3",
          "--5",
          "1 .5",
          "1.5e",
          "1_.5",
          "1._5",
          "1.5_",
          "_1",
          "0x10",
          "١٢",
          "\u00a05",
          "1.23456789012345678901",
          "123456789012345678901234567890123456789");

  private static long shape(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return NumberText.shape(utf8, 0, utf8.length);
  }

  @Test
  void measuresIntegerDigitsAndDecimalsAsWritten() {
    assertThat(NumberText.integerDigits(shape("2817055.53"))).isEqualTo(7);
    assertThat(NumberText.decimals(shape("2817055.53"))).isEqualTo(2);
    assertThat(NumberText.decimals(shape("5.00"))).isEqualTo(2);
    assertThat(NumberText.integerDigits(shape("-0007.5"))).isEqualTo(1);
    assertThat(NumberText.decimals(shape("1.2_5"))).isEqualTo(2);
    assertThat(shape("1.52E+05")).isEqualTo(NumberText.EXPONENT);
    assertThat(shape("-inf")).isEqualTo(NumberText.NOT_FINITE);
    assertThat(shape("12,5k")).isEqualTo(NumberText.NOT_A_NUMBER);
  }

  @Test
  void everyValueItMeasuresReadsAsTheSameNumberInItsDecimalAndTheRestReadAsNull() throws Exception {
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      for (String value : VALUES) {
        long shape = shape(value);
        int decimals = shape >= 0 ? Math.min(NumberText.decimals(shape), 18) : 0;
        try (PreparedStatement query =
            duckdb.prepareStatement(
                "SELECT TRY_CAST(? AS DOUBLE), TRY_CAST(? AS DECIMAL(38," + decimals + "))")) {
          query.setString(1, value);
          query.setString(2, value);
          try (ResultSet row = query.executeQuery()) {
            row.next();
            Object asDouble = row.getObject(1);
            if (shape == NumberText.NOT_A_NUMBER) {
              assertThat(asDouble).as("[%s] is no number to DuckDB", value).isNull();
              assertThat(row.getObject(2)).as("[%s] as DECIMAL", value).isNull();
            } else if (shape >= 0
                && NumberText.decimals(shape) <= 18
                && NumberText.integerDigits(shape) + NumberText.decimals(shape) <= 38) {
              assertThat(row.getBigDecimal(2))
                  .as("[%s] as DECIMAL(38,%d), not rounded", value, decimals)
                  .isEqualByComparingTo(BigDecimal.valueOf(row.getDouble(1)));
            } else {
              assertThat(asDouble).as("[%s] is a number to DuckDB", value).isNotNull();
            }
          }
        }
      }
    }
  }
}
