package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.FileMode;
import dev.hubspotextract.extract.FileMoves;
import dev.hubspotextract.extract.NewFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes a query's result to a CSV or Parquet file, chosen by the file's extension, under a
 * temporary name renamed into place when complete, so a failed run leaves no file that looks
 * complete.
 */
public final class ResultFiles {
  private static final String PROCESS_TOKEN = UUID.randomUUID().toString();

  private ResultFiles() {}

  /** The output format a file name asks for. */
  public static OutputFormat formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return OutputFormat.CSV;
    }
    if (name.endsWith(".parquet")) {
      return OutputFormat.PARQUET;
    }
    throw new AnalyzeException(
        "cannot tell the format of " + file + ": name it *.csv or *.parquet");
  }

  /**
   * Runs {@code query} and writes every row to {@code out}, with {@code mode}'s permissions;
   * returns the number of rows written.
   */
  public static long write(Connection connection, String query, Path out, FileMode mode)
      throws SQLException {
    OutputFormat format = formatOf(out);
    Path target = out.toAbsolutePath();
    Path parent = target.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new AnalyzeException(
          "cannot write " + out + ": folder " + parent + " does not exist; create it first");
    }
    // a new file with the mode's permissions, that DuckDB then fills in place (USE_TMP_FILE
    // false: its own temporary would take the umask's)
    Path temp = temporaryOf(out);
    try {
      NewFiles.channel(temp, mode).close();
    } catch (IOException e) {
      throw new UncheckedIOException("creating a temporary file beside " + target, e);
    }
    String options =
        format == OutputFormat.PARQUET
            ? "FORMAT parquet, COMPRESSION zstd, USE_TMP_FILE false"
            // the dialect pull writes; timestamps in ISO-8601 UTC as HubSpot sends them, not "…
            // +00"
            : "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\r\\n',"
                + " TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%gZ', USE_TMP_FILE false";
    try (Statement statement = connection.createStatement()) {
      long rows =
          statement.executeLargeUpdate(
              "COPY (" + query + ") TO " + Sql.literal(temp) + " (" + options + ")");
      FileMoves.replace(temp, target); // created with the mode's permissions, filled in place
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("moving " + temp + " to " + target, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * The name the result for {@code out} is written under before it is renamed: hidden, beside it,
   * with a token drawn once per process, so no one can guess it to plant a link or file there, and
   * a locked query can be allowed it before it runs ({@link FileAccessLock}).
   */
  static Path temporaryOf(Path out) {
    Path target = out.toAbsolutePath().normalize();
    return target.resolveSibling("." + target.getFileName() + "." + PROCESS_TOKEN + ".tmp");
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temporary file is hidden and named .tmp; it never looks like a result
    }
  }
}
