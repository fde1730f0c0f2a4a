package dev.hubspotextract.analyze;

import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.FormulaGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An in-memory DuckDB with one typed view per table of a pulled folder, whatever its format: CSV
 * files are read as text and cast by the manifest's types; Parquet files and a DuckDB database are
 * typed already.
 */
public final class PulledDatabase implements AutoCloseable {
  private static final String ATTACHED = "pulled";
  private final PulledFolder folder;
  private final Connection connection;
  private final List<PulledTable> tables;

  private PulledDatabase(PulledFolder folder, Connection connection, List<PulledTable> tables) {
    this.folder = folder;
    this.connection = connection;
    this.tables = List.copyOf(tables);
  }

  /** Opens the folder: every table whose data is present becomes a view named after it. */
  public static PulledDatabase open(PulledFolder folder) {
    Connection connection = newConnection();
    try {
      Set<String> attached = new HashSet<>();
      if (folder.format() == OutputFormat.DUCKDB) {
        attached = attach(connection, FolderLayout.of(folder.dir()).databaseFile());
      }
      List<PulledTable> registered = new ArrayList<>();
      try (Statement statement = connection.createStatement()) {
        for (PulledTable table : folder.tables()) {
          boolean present =
              folder.format() == OutputFormat.DUCKDB
                  ? attached.contains(table.table())
                  : folder.isPresent(table);
          if (present) {
            statement.execute(
                "CREATE VIEW " + Sql.identifier(table.table()) + " AS " + select(folder, table));
            registered.add(table);
          }
        }
      }
      return new PulledDatabase(folder, connection, registered);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new AnalyzeException("cannot read " + folder.dir() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /**
   * Locks the database to the folder: from now on a query opens only the files of its tables and
   * the result for {@code result}, if given ({@link FileAccessLock}). A database file was attached
   * when the folder was opened, so it needs no allowance (and cannot be written).
   */
  public void lockTo(Optional<Path> result) {
    List<Path> readable =
        folder.format() == OutputFormat.DUCKDB
            ? List.of()
            : tables.stream().map(folder::pathOf).toList();
    FileAccessLock.apply(connection, readable, result.map(ResultFiles::temporaryOf));
  }

  /**
   * Refuses a statement that could write over a file the lock lets it read ({@link
   * FileAccessLock}).
   */
  public void refuseWritingInPlace(String statement) {
    FileAccessLock.refuseWritingInPlace(statement);
  }

  /**
   * A fresh in-memory DuckDB whose session time zone is UTC, so timestamps read and print the same,
   * and which never downloads or loads an extension a query did not name.
   */
  static Connection newConnection() {
    try {
      Connection connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TimeZone = 'UTC'");
        statement.execute("SET autoinstall_known_extensions = false");
        statement.execute("SET autoload_known_extensions = false");
      }
      return connection;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start the embedded DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * The typed SELECT over one table's data: for CSV, every column read as text and cast by its
   * type, so one bad value becomes NULL instead of failing the whole query.
   */
  static String select(PulledFolder folder, PulledTable table) {
    Path path = folder.pathOf(table);
    return switch (folder.format()) {
      case PARQUET -> "SELECT * FROM read_parquet(" + Sql.literal(path) + ")";
      case DUCKDB -> "SELECT * FROM " + ATTACHED + "." + Sql.identifier(table.table());
      case CSV -> typedCsvSelect(table, path, folder.excel());
    };
  }

  private static String typedCsvSelect(PulledTable table, Path path, boolean excel) {
    List<String> header = PulledFolder.header(path);
    if (header.isEmpty()) {
      throw new AnalyzeException(
          path + " is empty (not even a header): pull again to rewrite it, or delete it");
    }
    String columns =
        header.stream().map(c -> typedColumn(table, c, excel)).collect(Collectors.joining(", "));
    // The dialect is fixed by the output contract, so nothing is sniffed. Long texts (email bodies,
    // notes) may exceed DuckDB's default 2 MB line limit; the buffer is set too, else DuckDB sizes
    // it at
    // 16 lines (256 MB) per scan.
    return "SELECT "
        + columns
        + " FROM read_csv("
        + Sql.literal(path)
        + ", header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"',"
        + " max_line_size = 16777216, buffer_size = 33554432)";
  }

  /**
   * One column of the typed SELECT: its text cast by its type, under its name; in a folder written
   * for a spreadsheet, the cell and the name without the quote that guarded them ({@link
   * FormulaGuard#unguard}).
   */
  private static String typedColumn(PulledTable table, String header, boolean excel) {
    String raw = Sql.identifier(header);
    if (!excel) {
      return table.typeOf(header).castFromText(raw) + " AS " + raw;
    }
    String name = FormulaGuard.unguard(header);
    String quote = Sql.literal(String.valueOf(FormulaGuard.QUOTE));
    String value =
        "(CASE WHEN starts_with("
            + raw
            + ", "
            + quote
            + ") THEN substr("
            + raw
            + ", 2) ELSE "
            + raw
            + " END)";
    return table.typeOf(name).castFromText(value) + " AS " + Sql.identifier(name);
  }

  private static Set<String> attach(Connection connection, Path database) throws SQLException {
    if (!Files.isRegularFile(database)) {
      PullHint pull = PullHint.into(database.getParent(), OutputFormat.DUCKDB);
      throw new AnalyzeException(
          UserText.of(
              database
                  + " not found, though manifest.json says the folder is in duckdb format: "
                  + pull.words()),
          pull);
    }
    Set<String> tables = new HashSet<>();
    try (Statement statement = connection.createStatement()) {
      statement.execute("ATTACH " + Sql.literal(database) + " AS " + ATTACHED + " (READ_ONLY)");
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT table_name FROM duckdb_tables() WHERE database_name = '" + ATTACHED + "'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  public PulledFolder folder() {
    return folder;
  }

  public Connection connection() {
    return connection;
  }

  /** The tables whose data is present, each a view of the same name. */
  public List<PulledTable> tables() {
    return tables;
  }

  public boolean has(PulledTable table) {
    return tables.contains(table);
  }

  /** The column names of a registered table (or view), in order. */
  public List<String> columns(String table) {
    return List.copyOf(columnTypes(table).keySet());
  }

  /** The columns of a registered table (or view), in order, with DuckDB's name of each type. */
  public Map<String, String> columnTypes(String table) {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = ? AND table_catalog = current_database()"
                + " AND table_schema = current_schema()"
                + " ORDER BY ordinal_position")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.put(rows.getString(1), rows.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("listing the columns of " + table, e);
    }
    return columns;
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing was written through this connection, so there is nothing to lose
    }
  }
}
