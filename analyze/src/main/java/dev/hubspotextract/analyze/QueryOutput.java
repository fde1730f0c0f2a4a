package dev.hubspotextract.analyze;

import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.FileMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

/** Delivers a query's result: every row to a file, or the first rows as a table on the terminal. */
public final class QueryOutput {
  private QueryOutput() {}

  /**
   * Writes all rows to {@code file} (CSV or Parquet by extension) and says so on {@code err}, or
   * prints at most {@code maxRows} rows to {@code out}, with how many were left out as {@code show}
   * shows text that names settings. SQL errors become one line with DuckDB's message.
   */
  public static void deliver(
      Connection connection,
      String query,
      Optional<Path> file,
      FileMode mode,
      int maxRows,
      PrintWriter out,
      PrintWriter err,
      Function<UserText, String> show) {
    try {
      if (file.isPresent()) {
        long rows = ResultFiles.write(connection, query, file.get(), mode);
        err.printf("wrote %d rows to %s%n", rows, file.get());
        err.flush();
      } else {
        TablePrinter.print(QueryPreview.of(connection, query, maxRows), out, show);
      }
    } catch (SQLException e) {
      throw new AnalyzeException(FileAccessLock.explain(oneLine(e.getMessage())), e);
    }
  }

  /**
   * DuckDB's message without the echoed query and caret lines that follow it, on one line: {@code
   * Binder Error: Referenced column "x" not found … Candidate bindings: "id"}.
   */
  static String oneLine(String message) {
    if (message == null) {
      return "the query failed";
    }
    StringBuilder line = new StringBuilder();
    for (String part : message.split("\\R")) {
      if (part.startsWith("LINE ")) {
        break;
      }
      if (!part.isBlank()) {
        line.append(line.length() == 0 ? "" : " ").append(part.strip());
      }
    }
    return line.toString();
  }
}
