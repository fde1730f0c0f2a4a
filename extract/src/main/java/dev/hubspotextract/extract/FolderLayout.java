package dev.hubspotextract.extract;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every file name of a pulled folder, and nowhere else: what a pull, a conversion, a reader of the
 * folder or a tool of the user's may find in it. Names only; {@link OutputFolder} keeps the rules
 * for touching the files (the private folder the user's alone, every name a plain one inside).
 *
 * <pre>
 * dir/
 *   {object}.csv, {from}_{to}.csv       the tables; {table}.parquet, or all in hubspot.duckdb
 *   {object}_property_history.csv       an object's property history (--history)
 *   manifest.json                       what the pull wrote ({@link Manifest})
 *   .hubspot-extract/                   the tool's private folder
 *     lock                              held by the running pull ({@link FolderLock})
 *     csv/                              a Parquet or DuckDB folder's base: its tables as CSV files,
 *                                         as HubSpot sent them, with their manifest; a pulled
 *                                         folder in its own right, converted into dir
 *     sync/                             a sync's new files, moved over the old ones once complete
 *     state/                            run.json, earlier-pull.json, {task}.json ({@link RunState})
 *     unfinished/                       {file}.partial and the object's work files beside it:
 *                                         {object}.csv.from-{id}   a range's segment
 *                                         {object}.csv.top         the search walk's side file
 *                                         {object}.csv.stragglers  records met out of id order
 *                                         {object}.csv.merged      the file with them merged in
 *                                       {file}.excel, {file}.tmp  rewrites and conversions
 * </pre>
 *
 * @param dir the pulled folder
 */
public record FolderLayout(Path dir) {
  /** The tool's own folder in a pulled folder, as messages name it. */
  public static final String PRIVATE_FOLDER = ".hubspot-extract";

  private static final String MANIFEST = "manifest.json";

  /** The file that holds every table of a folder in DuckDB format. */
  public static final String DATABASE_FILE = "hubspot.duckdb";

  private static final String UNFINISHED = "unfinished";
  private static final String CSV_BASE = "csv";
  private static final String STATE = "state";
  private static final String LOCK = "lock";
  private static final String RUN = "run.json";
  private static final String EARLIER_PULL = "earlier-pull.json"; // "-": never a task's name
  private static final String CHECKPOINT = ".json";
  private static final String REPLACEMENT = ".tmp";

  /** The format a pull writes its tables in, as the manifest names it. */
  public static final String CSV_FORMAT = "csv";

  private static final String DUCKDB = "duckdb";

  /** The endings of the files that hold tables, in every format a folder can be in. */
  private static final List<String> TABLE_FILE_ENDINGS = List.of(".csv", ".parquet", ".duckdb");

  /** The endings of the files that each hold one table: the CSV and Parquet formats. */
  private static final List<String> ONE_TABLE_ENDINGS = List.of(".csv", ".parquet");

  public FolderLayout {
    Objects.requireNonNull(dir, "dir is null");
  }

  /** The layout of {@code dir}. */
  public static FolderLayout of(Path dir) {
    return new FolderLayout(dir);
  }

  /** {@code manifest.json}: what the pull wrote. */
  public Path manifest() {
    return dir.resolve(MANIFEST);
  }

  /** The CSV file of an object. */
  public Path objectFile(ObjectType type) {
    return OutputFolder.fileIn(dir, csvFile(type.name()));
  }

  /** The CSV file of an association pair. */
  public Path pairFile(AssociationPair pair) {
    return OutputFolder.fileIn(dir, csvFile(pair.name()));
  }

  /** Where a reference table is written ({@code owners.csv}, …). */
  public Path referenceFile(ReferenceTable table) {
    return OutputFolder.fileIn(dir, table.file());
  }

  /** The database file of a folder in DuckDB format, which holds every table. */
  public Path databaseFile() {
    return dir.resolve(DATABASE_FILE);
  }

  /** The tool's own folder: resume state and unfinished files, the user's alone. */
  public Path privateFolder() {
    return dir.resolve(PRIVATE_FOLDER);
  }

  /**
   * The base of a folder whose tables are in another format than CSV (Parquet, DuckDB): the same
   * tables as CSV files, byte for byte as a CSV pull writes them, with their own manifest, state
   * and unfinished files. The pull and the sync run on it as on any CSV folder; the folder's own
   * files are converted from it. Kept so a sync has the rows as HubSpot sent them to merge changes
   * into: typed files cannot give them back.
   */
  public Path csvBase() {
    return privateFolder().resolve(CSV_BASE);
  }

  /** The folder of unfinished files, which a run that starts afresh empties. */
  public Path unfinishedFolder() {
    return privateFolder().resolve(UNFINISHED);
  }

  /**
   * The folder a sync writes its new files in, each moved over the one it replaces only once every
   * one is complete.
   */
  public Path syncFolder() {
    return privateFolder().resolve("sync");
  }

  /** The lock file the running pull holds. */
  public Path lockFile() {
    return privateFolder().resolve(LOCK);
  }

  /** The folder of the resume state. */
  public Path stateFolder() {
    return privateFolder().resolve(STATE);
  }

  /** The state file that holds the plan's fingerprint. */
  public Path runFile() {
    return stateFolder().resolve(RUN);
  }

  /** The state file that lists the files of the pull this one replaces. */
  public Path earlierPullFile() {
    return stateFolder().resolve(EARLIER_PULL);
  }

  /** The state file of a task's latest checkpoint. */
  public Path checkpointFile(String task) {
    return OutputFolder.fileIn(stateFolder(), task + CHECKPOINT);
  }

  /** The task whose checkpoint a file of the state folder holds; empty for the other files. */
  public static Optional<String> taskOfCheckpoint(String stateFileName) {
    if (!stateFileName.endsWith(CHECKPOINT)
        || stateFileName.equals(RUN)
        || stateFileName.equals(EARLIER_PULL)) {
      return Optional.empty();
    }
    return Optional.of(stateFileName.substring(0, stateFileName.length() - CHECKPOINT.length()));
  }

  /** Where a state file is written before it is renamed over the last one. */
  public static Path replacementOf(Path stateFile) {
    return OutputFolder.fileIn(stateFile.getParent(), stateFile.getFileName() + REPLACEMENT);
  }

  /**
   * The start of the name of the empty file that shows the output folder can be written to, created
   * and deleted at once (a temporary file's name follows it).
   */
  static final String WRITE_CHECK = ".write-check";

  /** The table of the associations from one object to another: {@code deals_companies}. */
  public static String pairTable(String from, String to) {
    return from + "_" + to;
  }

  /** How the table of an object's property history ends: {@code deals_property_history}. */
  public static final String HISTORY_SUFFIX = "_property_history";

  /** The table of an object's property history: {@code deals_property_history}. */
  public static String historyTable(String object) {
    return object + HISTORY_SUFFIX;
  }

  /** Whether a table is an object's property history. */
  public static boolean isHistoryTable(String table) {
    return table.endsWith(HISTORY_SUFFIX);
  }

  /** The CSV file of an object's property history. */
  public Path historyFile(PlannedHistory history) {
    return OutputFolder.fileIn(dir, csvFile(history.name()));
  }

  /** The CSV file of a table. */
  public static String csvFile(String table) {
    return tableFile(table, CSV_FORMAT);
  }

  /**
   * The file that holds {@code table} in a folder of {@code format} ({@code csv}, {@code parquet}
   * or {@code duckdb}, as the manifest names it): its own file, or the database file.
   */
  public static String tableFile(String table, String format) {
    return format.equals(DUCKDB) ? DATABASE_FILE : table + "." + format;
  }

  /** The table a file of one table holds: its name without the ending. */
  public static String tableOf(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  /** Whether a name is that of a CSV file. */
  public static boolean isCsvFile(String name) {
    return name.endsWith("." + CSV_FORMAT);
  }

  /** Whether a name is that of a file holding one table (a CSV or Parquet file). */
  public static boolean isOneTableFile(String name) {
    return ONE_TABLE_ENDINGS.stream().anyMatch(name::endsWith);
  }

  /**
   * Whether a name is one the tool writes a table to, in any format: a plain name, not hidden, with
   * a table file's ending. Only such files of an earlier pull are ever deleted.
   */
  public static boolean isTableFile(String name) {
    return !name.isEmpty()
        && !name.startsWith(".")
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && TABLE_FILE_ENDINGS.stream().anyMatch(name::endsWith);
  }

  /** The names of the tool's own files as tables: no custom object may be written under them. */
  public static List<String> ownTableNames() {
    return List.of(tableOf(MANIFEST), tableOf(DATABASE_FILE));
  }

  /** Where the unfinished copy of {@code target}, a file of the folder, is written. */
  public static Path partialOf(Path target) {
    return unfinishedOf(target, ".partial");
  }

  /** Where a file of the folder is rewritten for (or back from) a spreadsheet. */
  public static Path excelCopyOf(Path file) {
    return unfinishedOf(file, ".excel");
  }

  /** Where a file of the folder is written by a conversion, until every file is written. */
  public static Path convertedCopyOf(Path file) {
    return unfinishedOf(file, REPLACEMENT);
  }

  /** The write-ahead log DuckDB keeps beside a database file while it writes it. */
  public static Path databaseLogOf(Path database) {
    return database.resolveSibling(database.getFileName() + ".wal");
  }

  /**
   * The work file whose unfinished copy holds the rows of an object's id range from {@code start}.
   */
  static Path segmentOf(Path objectFile, long start) {
    return objectFile.resolveSibling(segmentPrefix(objectFile) + start);
  }

  /**
   * The start of the id range whose rows an unfinished file holds, if it is one of {@code
   * objectFile}'s segments.
   */
  static OptionalLong segmentStart(Path objectFile, Path unfinished) {
    String name = unfinished.getFileName().toString();
    String prefix = segmentPrefix(objectFile);
    if (!name.startsWith(prefix)) {
      return OptionalLong.empty();
    }
    String rest = name.substring(prefix.length());
    int end = rest.indexOf('.');
    try {
      return OptionalLong.of(Long.parseLong(end < 0 ? rest : rest.substring(0, end)));
    } catch (NumberFormatException e) {
      return OptionalLong.of(-1); // named like a segment, of no range: a leftover all the same
    }
  }

  private static String segmentPrefix(Path objectFile) {
    return objectFile.getFileName() + ".from-";
  }

  /** The work file whose unfinished copy holds the search walk's rows of an object. */
  static Path sideFileOf(Path objectFile) {
    return objectFile.resolveSibling(objectFile.getFileName() + ".top");
  }

  /** The work file whose unfinished copy holds the records of an object met out of id order. */
  static Path stragglersOf(Path objectFile) {
    return objectFile.resolveSibling(objectFile.getFileName() + ".stragglers");
  }

  /** The work file whose unfinished copy holds an object's file with its stragglers merged in. */
  static Path mergedOf(Path objectFile) {
    return objectFile.resolveSibling(objectFile.getFileName() + ".merged");
  }

  private static Path unfinishedOf(Path target, String suffix) {
    return target
        .resolveSibling(PRIVATE_FOLDER)
        .resolve(UNFINISHED)
        .resolve(target.getFileName() + suffix);
  }
}
