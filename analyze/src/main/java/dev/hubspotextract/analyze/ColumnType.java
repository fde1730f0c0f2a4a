package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.DecimalFit;
import dev.hubspotextract.extract.FixedColumn;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The SQL type a pulled column gets, from its HubSpot type in {@code manifest.json}, and the
 * liberal cast that turns its text into that type: a value that does not parse becomes NULL instead
 * of failing the query.
 *
 * @param sqlType DuckDB's name of the type ({@code VARCHAR}, {@code DECIMAL(38,2)}, …)
 */
public record ColumnType(String sqlType) {
  public static final ColumnType TEXT = new ColumnType("VARCHAR");
  public static final ColumnType ID = new ColumnType("BIGINT");
  public static final ColumnType INTEGER = new ColumnType("INTEGER");
  public static final ColumnType DOUBLE = new ColumnType("DOUBLE");
  public static final ColumnType DATE = new ColumnType("DATE");
  public static final ColumnType DATETIME = new ColumnType("TIMESTAMPTZ");
  public static final ColumnType BOOL = new ColumnType("BOOLEAN");

  /** {@code DECIMAL(38, decimals)}: exact, for a number column whose values all fit it. */
  public static ColumnType decimal(int decimals) {
    if (decimals < 0 || decimals > DecimalFit.MAX_DECIMALS) {
      throw new IllegalArgumentException(
          "decimals must be 0 to " + DecimalFit.MAX_DECIMALS + ", got " + decimals);
    }
    return new ColumnType("DECIMAL(" + DecimalFit.PRECISION + "," + decimals + ")");
  }

  /**
   * Maps HubSpot's property type (or {@code id}); anything unknown, enumerations included, stays
   * text. A number is a DECIMAL with the {@code decimals} the pull measured, a DOUBLE when it
   * measured none (its values do not fit, or the folder is older than the measure).
   */
  public static ColumnType ofHubSpotType(String type, OptionalInt decimals) {
    return ofHubSpotType(type, null, decimals);
  }

  /**
   * As {@link #ofHubSpotType(String, OptionalInt)}, but a number column whose manifest entry says
   * {@code "sqlType": "BIGINT"} or {@code "INTEGER"} (a reference table's ids and orders) is that
   * whole-number type, though it gives {@code "decimals": 0} too (which the engine adds for a
   * reader that knows only decimals). Any other {@code sqlType} is not read: the manifest is not
   * trusted to write SQL.
   */
  public static ColumnType ofHubSpotType(String type, String sqlType, OptionalInt decimals) {
    if (type == null) {
      return TEXT;
    }
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "id" -> ID;
      case "number" -> wholeNumber(sqlType, decimals).orElse(numberOf(decimals));
      case "date" -> DATE;
      case "datetime" -> DATETIME;
      case "bool", "boolean" -> BOOL;
      default -> TEXT;
    };
  }

  /**
   * BIGINT or INTEGER, when the manifest says so of a column whose values have no decimals: an
   * owner id is an id whether or not the pull measured it.
   */
  private static Optional<ColumnType> wholeNumber(String sqlType, OptionalInt decimals) {
    if (decimals.orElse(0) != 0) {
      return Optional.empty();
    }
    return Stream.of(ID, INTEGER).filter(t -> t.sqlType().equalsIgnoreCase(sqlType)).findFirst();
  }

  /** A measured number column's DECIMAL, or a DOUBLE when its values were not measured to fit. */
  private static ColumnType numberOf(OptionalInt decimals) {
    return decimals.isPresent() ? decimal(decimals.getAsInt()) : DOUBLE;
  }

  /**
   * The type of a column of an association file: the ids and the type id are integers whatever the
   * manifest says (it calls the type id a "number", which would make it a DOUBLE), the rest is
   * text.
   */
  public static ColumnType ofAssociationColumn(String column) {
    if (column.equals(FixedColumn.FROM_ID.name()) || column.equals(FixedColumn.TO_ID.name())) {
      return ID;
    }
    return column.equals(FixedColumn.ASSOCIATION_TYPE_ID.name()) ? INTEGER : TEXT;
  }

  /**
   * The SQL expression that turns the text column {@code quotedColumn} into this type. Datetimes
   * come as ISO-8601 or as epoch milliseconds, dates as {@code YYYY-MM-DD} or epoch milliseconds
   * (HubSpot sends both); epoch values are read as UTC.
   */
  public String castFromText(String quotedColumn) {
    String c = quotedColumn;
    if (equals(TEXT)) {
      return c;
    }
    if (equals(DATETIME)) {
      // the text cast first: it is the common case, and COALESCE evaluates the epoch branch only
      // for the rows it left NULL (three times faster over a million rows than the other order)
      return "COALESCE(TRY_CAST("
          + c
          + " AS TIMESTAMPTZ), TRY(timezone('UTC', epoch_ms(TRY_CAST("
          + c
          + " AS BIGINT)))))";
    }
    if (equals(DATE)) {
      return "COALESCE(TRY_CAST("
          + c
          + " AS DATE), TRY(CAST(epoch_ms(TRY_CAST("
          + c
          + " AS BIGINT)) AS DATE)))";
    }
    return "TRY_CAST(" + c + " AS " + sqlType + ")";
  }
}
