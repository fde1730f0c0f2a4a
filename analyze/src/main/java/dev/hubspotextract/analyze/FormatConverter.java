package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.EarlierPull;
import dev.hubspotextract.extract.FileMode;
import dev.hubspotextract.extract.FileMoves;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.KillPoint;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a folder of CSV files written by {@code pull} into typed Parquet files (one per table) or
 * one DuckDB database file holding every table, in another folder, with the same types {@code sql}
 * gives the CSV files. The CSV folder is a Parquet or DuckDB folder's {@linkplain
 * FolderLayout#csvBase base}: the pull and the sync keep it, and convert it again after each run.
 *
 * <p>Safe against failure: the CSV folder is only read; every new file is written under a temporary
 * name; only when all are written are they renamed into the target folder, then the files of the
 * target's earlier manifest that were not written again are deleted, and its {@code manifest.json}
 * is written last (format, file names). A failed conversion leaves the target's manifest as it was,
 * and run again it ends as one run would.
 */
public final class FormatConverter {
  private FormatConverter() {}

  /**
   * Converts the CSV folder {@code source} into {@code target} in {@code format} (Parquet or
   * DuckDB), replacing what the target's manifest listed; returns the target's new manifest.
   */
  public static Manifest convert(Path source, Path target, OutputFormat format, FileMode mode) {
    if (format == OutputFormat.CSV) {
      throw new IllegalArgumentException("a CSV folder is not converted to CSV");
    }
    PulledFolder folder = PulledFolder.open(source);
    if (folder.format() != OutputFormat.CSV) {
      throw new AnalyzeException(
          source
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
      if (format == OutputFormat.PARQUET) {
        writeParquet(connection, folder, target, tables, written);
      } else {
        writeDatabase(connection, folder, target, tables, written);
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
              + source
              + " to "
              + format
              + " in "
              + target
              + " failed, leaving its files as they were: "
              + e.getMessage(),
          e);
    }
    try {
      Manifest pulled = PulledFolder.readManifest(folder.manifestPath());
      Path manifest = FolderLayout.of(target).manifest();
      Manifest earlier =
          Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS) ? readOrNull(manifest) : null;
      if (earlier != null && earlier.writtenByTheTool() && pulled.syncedAt() != null) {
        // a sync's files replace the last sync's: until the new manifest, the folder says so
        earlier.syncingSince(pulled.startedAt()).write(target, mode);
      }
      for (Map.Entry<Path, Path> file : written.entrySet()) {
        mode.restrict(file.getKey());
        FileMoves.replace(file.getKey(), file.getValue());
        KillPoint.IN_A_CONVERSION.reached();
      }
      List<String> removed = new ArrayList<>();
      Set<String> names = new HashSet<>();
      written.values().forEach(file -> names.add(file.getFileName().toString()));
      for (String file : EarlierPull.filesListedIn(target)) {
        if (!names.contains(file) && Files.deleteIfExists(OutputFolder.fileIn(target, file))) {
          removed.add(file);
        }
      }
      Manifest converted =
          pulled.convertedTo(
              format.label(),
              entry -> {
                String table = PulledFolder.tableNameOf(entry, OutputFormat.CSV);
                return new Manifest.Place(
                    format.fileFor(table), format == OutputFormat.DUCKDB ? table : entry.table());
              },
              removed);
      converted.write(target, mode);
      OutputFolder.removePrivateFolderIfEmpty(target);
      return converted;
    } catch (IOException e) {
      throw new AnalyzeException(
          "finishing the conversion of "
              + source
              + " to "
              + format
              + " in "
              + target
              + " failed ("
              + e
              + ")",
          e);
    }
  }

  /** The manifest in {@code file}, or null when it is not one the tool can read. */
  private static Manifest readOrNull(Path file) {
    try {
      return Manifest.read(file);
    } catch (IOException e) {
      return null;
    }
  }

  private static void writeParquet(
      Connection connection,
      PulledFolder folder,
      Path target,
      List<PulledTable> tables,
      Map<Path, Path> written)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (PulledTable table : tables) {
        Path file = OutputFolder.fileIn(target, OutputFormat.PARQUET.fileFor(table.table()));
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
      Connection connection,
      PulledFolder folder,
      Path target,
      List<PulledTable> tables,
      Map<Path, Path> written)
      throws SQLException {
    Path file = FolderLayout.of(target).databaseFile();
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
}
