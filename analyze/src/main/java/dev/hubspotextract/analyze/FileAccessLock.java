package dev.hubspotextract.analyze;

import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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
 * folder, so no new file can appear there). A {@code COPY} goes through a temporary file, which is
 * refused, unless told {@code USE_TMP_FILE false}: a locked statement that names that option is
 * refused before it runs ({@link #refuseWritingInPlace}), so no query overwrites a pulled file.
 */
final class FileAccessLock {
  /** DuckDB's wording when a locked query touches a file it is not allowed. */
  private static final String REFUSED = "file system operations are disabled by configuration";

  /** The {@code COPY} option that writes a file in place, named in any case or quoting. */
  private static final Pattern IN_PLACE = Pattern.compile("(?i)use_tmp_file");

  private FileAccessLock() {}

  /**
   * Refuses, under the lock, a statement that names {@code USE_TMP_FILE}: the one way a query could
   * write over a file the lock lets it read. A false alarm (the word in a string) costs a rewording
   * or external access; a miss would cost a pulled file.
   */
  static void refuseWritingInPlace(String statement) {
    if (IN_PLACE.matcher(statement).find()) {
      throw new AnalyzeException(
          UserText.of(
              "a query may not name USE_TMP_FILE: a COPY that writes in place could overwrite the"
                  + " folder's own files; drop the option, or allow external access to let a query"
                  + " open other files",
              Setting.ALLOW_EXTERNAL));
    }
  }

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
  static UserText explain(String message) {
    if (!message.contains(REFUSED)) {
      return UserText.of(message);
    }
    return UserText.of(
        message.replace(
            REFUSED,
            "sql reads only the files of the pulled folder and writes only the result file; allow"
                + " external access to let a query open other files"),
        Setting.INPUT_FOLDER,
        Setting.RESULT_FILE,
        Setting.ALLOW_EXTERNAL);
  }
}
