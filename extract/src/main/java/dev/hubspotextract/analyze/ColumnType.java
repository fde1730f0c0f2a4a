package dev.hubspotextract.analyze;

import java.util.Locale;

/**
 * The SQL type a pulled column gets, from its HubSpot type in {@code manifest.json}, and the
 * liberal cast that turns its text into that type: a value that does not parse becomes NULL instead
 * of failing the query.
 */
public enum ColumnType {
  TEXT("VARCHAR"),
  ID("BIGINT"),
  INTEGER("INTEGER"),
  NUMBER("DOUBLE"),
  DATE("DATE"),
  DATETIME("TIMESTAMPTZ"),
  BOOL("BOOLEAN");

  private final String sqlType;

  ColumnType(String sqlType) {
    this.sqlType = sqlType;
  }

  public String sqlType() {
    return sqlType;
  }

  /**
   * Maps HubSpot's property type (or {@code id}); anything unknown, enumerations included, stays
   * text.
   */
  public static ColumnType ofHubSpotType(String type) {
    if (type == null) {
      return TEXT;
    }
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "id" -> ID;
      case "number" -> NUMBER;
      case "date" -> DATE;
      case "datetime" -> DATETIME;
      case "bool", "boolean" -> BOOL;
      default -> TEXT;
    };
  }

  /**
   * The type of a column of an association file: the ids and the type id are integers whatever the
   * manifest says (it calls the type id a "number", which would make it a DOUBLE), the rest is
   * text.
   */
  public static ColumnType ofAssociationColumn(String column) {
    return switch (column) {
      case "from_id", "to_id" -> ID;
      case "association_type_id" -> INTEGER;
      default -> TEXT;
    };
  }

  /**
   * The SQL expression that turns the text column {@code quotedColumn} into this type. Datetimes
   * come as ISO-8601 or as epoch milliseconds, dates as {@code YYYY-MM-DD} or epoch milliseconds
   * (HubSpot sends both); epoch values are read as UTC.
   */
  public String castFromText(String quotedColumn) {
    String c = quotedColumn;
    return switch (this) {
      case TEXT -> c;
      // the text cast first: it is the common case, and COALESCE evaluates the epoch branch only
      // for the
      // rows it left NULL (three times faster over a million rows than the other order)
      case DATETIME ->
          "COALESCE(TRY_CAST("
              + c
              + " AS TIMESTAMPTZ), TRY(timezone('UTC', epoch_ms(TRY_CAST("
              + c
              + " AS BIGINT)))))";
      case DATE ->
          "COALESCE(TRY_CAST("
              + c
              + " AS DATE), TRY(CAST(epoch_ms(TRY_CAST("
              + c
              + " AS BIGINT)) AS DATE)))";
      default -> "TRY_CAST(" + c + " AS " + sqlType + ")";
    };
  }
}
