package dev.hubspotextract.analyze;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Locks a DuckDB connection to the pulled folder: from then on a query opens only the folder's
 * table files and the one result file it is allowed, and nothing can lift the lock. Without it, SQL
 * typed by a user (or pasted from someone else) could read any file this user can ({@code
 * read_csv('/etc/passwd')}), write one ({@code COPY … TO}), open another database ({@code ATTACH})
 * or fetch code ({@code INSTALL}). Tables registered before the lock (views, an attached database)
 * keep working: DuckDB checks a path when a query opens it.
 *
 * <p>DuckDB cannot allow a file for reading only: the table files are allowed by name (not their
 * folder, so no new file can appear there), and a query could still copy over one of them with
 * {@code USE_TMP_FILE false} (its default copy goes through a temporary file, which is refused).
 */
final class FileAccessLock {
  /** DuckDB's wording when a locked query touches a file it is not allowed. */
  private static final String REFUSED = "file system operations are disabled by configuration";

  private FileAccessLock() {}

  /**
   * Locks {@code connection} to the files {@code readable} and, if present, {@code result} (the
   * temporary name a result is written under, see {@link ResultFiles#temporaryOf}).
   */
  static void apply(Connection connection, List<Path> readable, Optional<Path> result) {
    List<Path> allowed = new ArrayList<>(readable);
    result.ifPresent(allowed::add);
    String paths = allowed.stream().map(Sql::literal).collect(Collectors.joining(", "));
    try (Statement statement = connection.createStatement()) {
      // the allowance first: DuckDB refuses to change it once external access is off
      statement.execute("SET allowed_paths = [" + paths + "]");
      statement.execute("SET enable_external_access = false");
      statement.execute("SET allow_community_extensions = false");
      statement.execute("SET lock_configuration = true"); // no SET can undo the above
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lock the embedded DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * DuckDB's one-line message, with how to get past the lock when that is what refused the query.
   */
  static String explain(String message) {
    if (!message.contains(REFUSED)) {
      return message;
    }
    return message.replace(
        REFUSED,
        "sql reads only the files of --in and writes only --out; add --allow-external to let a"
            + " query open other files");
  }
}
