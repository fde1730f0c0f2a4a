package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.FileMode;
import dev.hubspotextract.extract.FileMoves;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a folder of CSV files written by {@code pull} into typed Parquet files (one per table) or
 * one DuckDB database file holding every table, with the same types {@code sql} gives the CSV
 * files.
 *
 * <p>Safe against failure: every new file is written under a temporary name; only when all are
 * written are they renamed into place, then {@code manifest.json} is rewritten (format, file
 * names), and only then are the CSV files deleted. A failed conversion leaves the CSV folder as it
 * was.
 */
public final class FormatConverter {
  private FormatConverter() {}

  /**
   * Converts the CSV folder {@code dir} to {@code target}; nothing to do when it is CSV already.
   */
  public static PulledFolder convert(Path dir, OutputFormat target, FileMode mode) {
    PulledFolder folder = PulledFolder.open(dir);
    if (folder.format() == target) {
      return folder;
    }
    if (folder.format() != OutputFormat.CSV) {
      throw new AnalyzeException(
          dir
              + " is in "
              + folder.format()
              + " format already; only a CSV folder can be converted");
    }
    if (!Files.isRegularFile(folder.manifestPath())) {
      throw new AnalyzeException(
          folder.manifestPath() + " not found: convert only a folder written by pull");
    }
    List<PulledTable> tables = folder.tables().stream().filter(folder::isPresent).toList();
    Map<Path, Path> written = new LinkedHashMap<>();
    try (Connection connection = PulledDatabase.newConnection()) {
      if (target == OutputFormat.PARQUET) {
        writeParquet(connection, folder, tables, written);
      } else {
        writeDatabase(connection, folder, tables, written);
      }
    } catch (SQLException | RuntimeException e) {
      for (Path temp : written.keySet()) {
        ResultFiles.deleteQuietly(temp);
        ResultFiles.deleteQuietly(FolderLayout.databaseLogOf(temp));
      }
      if (e instanceof AnalyzeException analyze) {
        throw analyze;
      }
      throw new AnalyzeException(
          "converting "
              + dir
              + " to "
              + target
              + " failed, the CSV files are kept: "
              + e.getMessage(),
          e);
    }
    try {
      for (Map.Entry<Path, Path> file : written.entrySet()) {
        mode.restrict(file.getKey());
        FileMoves.replace(file.getKey(), file.getValue());
      }
      rewriteManifest(folder, target, mode);
      for (PulledTable table : tables) {
        Files.delete(folder.pathOf(table));
      }
      OutputFolder.removePrivateFolderIfEmpty(dir);
    } catch (IOException e) {
      throw new AnalyzeException(
          "finishing the conversion of "
              + dir
              + " to "
              + target
              + " failed, the CSV files are kept ("
              + e
              + ")",
          e);
    }
    return PulledFolder.open(dir);
  }

  private static void writeParquet(
      Connection connection, PulledFolder folder, List<PulledTable> tables, Map<Path, Path> written)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (PulledTable table : tables) {
        Path file = OutputFolder.fileIn(folder.dir(), OutputFormat.PARQUET.fileFor(table.table()));
        Path temp = temporary(file);
        written.put(temp, file);
        statement.execute(
            "COPY ("
                + PulledDatabase.select(folder, table)
                + ") TO "
                + Sql.literal(temp)
                + " (FORMAT parquet, COMPRESSION zstd, USE_TMP_FILE false)");
      }
    }
  }

  private static void writeDatabase(
      Connection connection, PulledFolder folder, List<PulledTable> tables, Map<Path, Path> written)
      throws SQLException {
    Path file = FolderLayout.of(folder.dir()).databaseFile();
    Path temp = temporary(file);
    ResultFiles.deleteQuietly(temp);
    written.put(temp, file);
    try (Statement statement = connection.createStatement()) {
      statement.execute("ATTACH " + Sql.literal(temp) + " AS target");
      for (PulledTable table : tables) {
        statement.execute(
            "CREATE TABLE target."
                + Sql.identifier(table.table())
                + " AS "
                + PulledDatabase.select(folder, table));
      }
      statement.execute("CHECKPOINT target");
      statement.execute("DETACH target");
    }
  }

  /** Where a file is written before it is complete: the pull's private folder, the user's alone. */
  private static Path temporary(Path file) {
    OutputFolder.privateFolder(file.getParent());
    return FolderLayout.convertedCopyOf(file);
  }

  /** Sets the format and points every entry at its new file (and, in a database, its table). */
  private static void rewriteManifest(PulledFolder folder, OutputFormat target, FileMode mode)
      throws IOException {
    Manifest converted =
        PulledFolder.readManifest(folder.manifestPath())
            .convertedTo(
                target.label(),
                entry -> {
                  String table = PulledFolder.tableNameOf(entry, folder.format());
                  return new Manifest.Place(
                      target.fileFor(table), target == OutputFormat.DUCKDB ? table : entry.table());
                });
    converted.write(folder.dir(), mode);
  }
}
