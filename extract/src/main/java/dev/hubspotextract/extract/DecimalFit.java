package dev.hubspotextract.extract;

/**
 * How a {@code number} column's values fit a DECIMAL: the most integer digits and decimals seen, or
 * why no DECIMAL holds them all (then the column stays a DOUBLE). {@code sql}, {@code join} and the
 * Parquet and DuckDB formats read a fitting column as {@code DECIMAL(38, decimals)}, so sums of
 * money come out exact instead of {@code 2817055.5300000003}.
 *
 * @param integerDigits the most integer digits of a value, leading zeros left out
 * @param decimals the most decimals of a value, trailing zeros counted (as written)
 * @param notDecimal why the column stays a DOUBLE, or null when it fits
 */
public record DecimalFit(int integerDigits, int decimals, String notDecimal) {
  /** DuckDB's widest DECIMAL. */
  public static final int PRECISION = 38;

  /** The most decimals a column may have and still be read as a DECIMAL. */
  public static final int MAX_DECIMALS = 18;

  public DecimalFit {
    if (integerDigits < 0 || decimals < 0) {
      throw new IllegalArgumentException(
          "digits cannot be negative: " + integerDigits + ", " + decimals);
    }
    if (notDecimal == null && decimals > MAX_DECIMALS) {
      notDecimal = "a value has " + decimals + " decimals, more than " + MAX_DECIMALS;
    } else if (notDecimal == null && integerDigits + decimals > PRECISION) {
      notDecimal =
          "values have up to "
              + integerDigits
              + " integer digits and "
              + decimals
              + " decimals, more than "
              + PRECISION
              + " digits";
    }
  }

  public boolean fits() {
    return notDecimal == null;
  }

  /** The SQL type the column is read as: {@code DECIMAL(38,2)} or {@code DOUBLE}. */
  public String sqlType() {
    return fits() ? "DECIMAL(" + PRECISION + "," + decimals + ")" : "DOUBLE";
  }
}
