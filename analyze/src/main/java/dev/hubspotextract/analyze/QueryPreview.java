package dev.hubspotextract.analyze;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first rows of a query's result as display text, with the total row count, for printing a
 * table.
 *
 * @param columns column names
 * @param numeric whether each column holds numbers (printed right-aligned)
 * @param rows the first rows, each value as text or null for SQL NULL
 * @param totalRows every row the query produced, shown or not
 */
public record QueryPreview(
    List<String> columns, List<Boolean> numeric, List<List<String>> rows, long totalRows) {
  public QueryPreview {
    columns = List.copyOf(columns);
    numeric = List.copyOf(numeric);
    // values may be null (SQL NULL), which List.copyOf refuses
    rows = rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
  }

  /** Runs {@code query}, keeping the first {@code maxRows} rows and counting the rest. */
  public static QueryPreview of(Connection connection, String query, int maxRows)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (!statement.execute(query)) {
        String changed = Long.toString(Math.max(0, statement.getLargeUpdateCount()));
        return new QueryPreview(
            List.of("rows changed"), List.of(true), List.of(List.of(changed)), 1);
      }
      try (ResultSet result = statement.getResultSet()) {
        ResultSetMetaData meta = result.getMetaData();
        int width = meta.getColumnCount();
        List<String> columns = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          columns.add(meta.getColumnLabel(i));
          numeric.add(isNumeric(meta.getColumnTypeName(i)));
        }
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        while (result.next()) {
          if (total < maxRows) {
            List<String> row = new ArrayList<>(width);
            for (int i = 1; i <= width; i++) {
              row.add(display(result.getObject(i)));
            }
            rows.add(row);
          }
          total++;
        }
        return new QueryPreview(columns, numeric, rows, total);
      }
    }
  }

  private static boolean isNumeric(String sqlType) {
    return sqlType.matches(
        "(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE"
            + "|DECIMAL.*)");
  }

  /** Numbers in plain notation (Java would print an amount of ten million as 1.0E7). */
  private static String display(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }
}
