package dev.hubspotextract.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.DecimalFit;
import dev.hubspotextract.extract.ExtractException;
import dev.hubspotextract.extract.FixedColumn;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.FormulaGuard;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.OutputFolder;
import dev.hubspotextract.extract.ReferenceTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder written by {@code pull}: its format and its tables, read from {@code manifest.json}. A
 * folder of CSV files without a manifest is read too (ids, timestamps and flags typed by their
 * well-known names, the rest as text), so hand-made or older folders still work. With a manifest,
 * its tables are exactly the ones it lists: a table file it does not list is not the pull's.
 *
 * @param excel whether its CSV cells were guarded for a spreadsheet ({@code "excel": true}, see
 *     {@link FormulaGuard}): each reader drops one leading quote from every cell
 */
public record PulledFolder(Path dir, OutputFormat format, List<PulledTable> tables, boolean excel) {
  /** The first columns of an association file, by which one is told from an object's. */
  private static final List<String> ASSOCIATION_HEADER =
      FixedColumn.names(FixedColumn.ASSOCIATION).subList(0, 2);

  private static final Pattern MISSING_TABLE =
      Pattern.compile("Table with name (\\S+) does not exist");

  public PulledFolder {
    tables = List.copyOf(tables);
  }

  /** Reads the folder's manifest, or scans its CSV files when it has none. */
  public static PulledFolder open(Path dir) {
    if (!Files.isDirectory(dir)) {
      PullHint pull = PullHint.into(dir, OutputFormat.CSV);
      throw new AnalyzeException(
          UserText.of(
              dir + " is not a folder: pass the pulled folder, e.g. " + pull.words(),
              Setting.INPUT_FOLDER),
          pull);
    }
    Path manifest = FolderLayout.of(dir).manifest();
    return Files.isRegularFile(manifest) ? fromManifest(dir, manifest) : fromCsvFiles(dir);
  }

  public Path manifestPath() {
    return FolderLayout.of(dir).manifest();
  }

  /**
   * Refuses an output file that is one of the folder's own files, which writing a result would
   * silently replace.
   */
  public void checkNotOverwritten(Path out) {
    Path target = out.toAbsolutePath().normalize();
    boolean ours =
        target.equals(manifestPath().toAbsolutePath().normalize())
            || tables.stream().anyMatch(t -> pathOf(t).toAbsolutePath().normalize().equals(target));
    if (ours) {
      throw new AnalyzeException(
          UserText.of(
              "cannot write "
                  + out
                  + ": it is a file of the pulled folder "
                  + dir
                  + "; choose another result file",
              Setting.RESULT_FILE));
    }
  }

  /**
   * The table files (CSV, Parquet) in the folder that its manifest does not list, sorted: an
   * earlier pull's, or another program's; neither sql nor join reads them. None without a manifest,
   * where every CSV file is a table.
   */
  public List<String> unlistedFiles() {
    if (!Files.isRegularFile(manifestPath())) {
      return List.of();
    }
    Set<String> listed = tables.stream().map(PulledTable::file).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          .filter(FolderLayout::isOneTableFile)
          .filter(name -> !listed.contains(name))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
  }

  /** The file of the folder that would hold {@code table} but that its manifest does not list. */
  public Optional<String> unlistedFileOf(String table) {
    return unlistedFiles().stream()
        .filter(file -> FolderLayout.tableOf(file).equalsIgnoreCase(table))
        .findFirst();
  }

  /** Why a file in the folder is not one of its tables, and what to do to query it. */
  public String whyNotATable(String file) {
    return dir.resolve(file)
        + " is in the folder but not in its manifest.json, so it is not a table: the pull that"
        + " wrote the manifest did not write it (an earlier pull or another program did). Pull it"
        + " into "
        + dir
        + " to query it, or move it out of the folder";
  }

  /**
   * A query's failure, explained where DuckDB says a table does not exist while a file by its name
   * is in the folder (its "Did you mean" guesses a system table).
   */
  public AnalyzeException explainMissingTable(AnalyzeException failure) {
    Matcher missing = MISSING_TABLE.matcher(String.valueOf(failure.getMessage()));
    if (missing.find()) {
      String table = missing.group(1).replace("\"", "");
      Optional<String> file = unlistedFileOf(table);
      if (file.isPresent()) {
        return new AnalyzeException("no table " + table + ": " + whyNotATable(file.get()), failure);
      }
    }
    return failure;
  }

  /** The file of a table, resolved against the folder. */
  public Path pathOf(PulledTable table) {
    return dir.resolve(table.file());
  }

  /** Whether the table's data is really there (a failed pull may list it without writing it). */
  public boolean isPresent(PulledTable table) {
    return Files.isRegularFile(pathOf(table));
  }

  /**
   * The object table a user means by {@code name}: its object or table name, in any case, plural or
   * singular ({@code Deal}, {@code line_item}), if the folder lists it.
   */
  public Optional<PulledTable> object(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return tables.stream()
        .filter(PulledTable::object)
        .filter(
            t ->
                Stream.of(t.name(), t.table(), ObjectType.singularOf(t.name()))
                    .anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(wanted)))
        .findFirst();
  }

  /**
   * The reference table {@code reference}, if the folder lists it (or, without a manifest, has it).
   */
  public Optional<PulledTable> reference(ReferenceTable reference) {
    return tables.stream()
        .filter(t -> t.kind() == PulledTable.Kind.REFERENCE)
        .filter(t -> t.name().equals(reference.tableName()))
        .findFirst();
  }

  /**
   * Whether the folder has reference tables at all, listed or not: a folder pulled by an earlier
   * version, which wrote none, has not.
   */
  public boolean hasReferenceTables() {
    return tables.stream().anyMatch(t -> t.kind() == PulledTable.Kind.REFERENCE);
  }

  /** The association table {@code from_to}, if the folder lists it. */
  public Optional<PulledTable> association(String fromTable, String toTable) {
    String wanted = FolderLayout.pairTable(fromTable, toTable);
    return tables.stream()
        .filter(t -> t.association() && (t.table().equals(wanted) || t.name().equals(wanted)))
        .findFirst();
  }

  private static PulledFolder fromManifest(Path dir, Path file) {
    Manifest manifest = readManifest(file);
    OutputFormat format = OutputFormat.of(manifest.format());
    List<PulledTable> tables = new ArrayList<>();
    for (Manifest.TableEntry entry : manifest.tables()) {
      tables.add(tableOf(entry, format, file));
    }
    return new PulledFolder(dir, format, tables, manifest.excel());
  }

  /** The manifest of a folder, or why it cannot be read. */
  static Manifest readManifest(Path file) {
    try {
      return Manifest.read(file);
    } catch (JsonProcessingException e) {
      throw new AnalyzeException(
          file + " is not valid JSON (" + e.getOriginalMessage() + "): pull again to rewrite it",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /**
   * The table that holds an entry's rows in a folder of {@code format}: named in the entry, else in
   * a database file the entry's name, else its file's name without the ending.
   */
  static String tableNameOf(Manifest.TableEntry entry, OutputFormat format) {
    if (entry.table() != null) {
      return entry.table();
    }
    return format == OutputFormat.DUCKDB
        ? entry.tableName()
        : FolderLayout.tableOf(fileOf(entry, format));
  }

  /** An entry's file, or the one its format gives its name when a hand-made manifest omits it. */
  private static String fileOf(Manifest.TableEntry entry, OutputFormat format) {
    return entry.file() == null || entry.file().isEmpty()
        ? format.fileFor(entry.tableName())
        : entry.file();
  }

  private static PulledTable tableOf(
      Manifest.TableEntry entry, OutputFormat format, Path manifest) {
    String name = entry.tableName();
    String file = fileOf(entry, format);
    try {
      OutputFolder.fileIn(manifest.getParent(), file);
    } catch (ExtractException e) {
      // a folder received from someone else is untrusted: its manifest must not point sql at
      // /etc/passwd, or a conversion at a file to delete
      throw new AnalyzeException(
          manifest + " lists a file outside its folder (" + e.getMessage() + "): pull again", e);
    }
    if (name.isEmpty() || name.equals(FolderLayout.pairTable("", ""))) {
      throw new AnalyzeException(
          manifest
              + " lists a table without a name (file '"
              + file
              + "'): pull again to rewrite it");
    }
    Map<String, ColumnType> types = new HashMap<>();
    for (Manifest.Column column : entry.columns()) {
      types.put(
          Objects.toString(column.name(), ""),
          ColumnType.ofHubSpotType(
              column.type(), column.sqlType(), decimalsOf(column, name, manifest)));
    }
    Manifest.ReferenceEntry reference =
        entry instanceof Manifest.ReferenceEntry listed ? listed : null;
    return new PulledTable(
        name,
        tableNameOf(entry, format),
        file,
        kindOf(entry),
        entry.failed(),
        reference == null ? null : reference.missingScope(),
        types,
        reference == null ? List.of() : reference.objectsLeftOut());
  }

  private static PulledTable.Kind kindOf(Manifest.TableEntry entry) {
    if (entry instanceof Manifest.AssociationEntry) {
      return PulledTable.Kind.ASSOCIATION;
    }
    if (entry instanceof Manifest.ReferenceEntry) {
      return PulledTable.Kind.REFERENCE;
    }
    return entry instanceof Manifest.HistoryEntry
        ? PulledTable.Kind.HISTORY
        : PulledTable.Kind.OBJECT;
  }

  /**
   * The decimals the pull measured in a number column ({@code "decimals"}), absent when it measured
   * none: the column is then a DOUBLE.
   */
  private static OptionalInt decimalsOf(Manifest.Column column, String table, Path manifest) {
    Integer decimals = column.decimals();
    if (decimals == null) {
      return OptionalInt.empty();
    }
    if (decimals < 0 || decimals > DecimalFit.MAX_DECIMALS) {
      throw new AnalyzeException(
          manifest
              + " gives column "
              + column.name()
              + " of "
              + table
              + " \"decimals\": "
              + decimals
              + ", not a whole number from 0 to "
              + DecimalFit.MAX_DECIMALS
              + ": pull again to rewrite it");
    }
    return OptionalInt.of(decimals);
  }

  private static PulledFolder fromCsvFiles(Path dir) {
    List<PulledTable> tables = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> csvFiles =
          files.filter(f -> FolderLayout.isCsvFile(f.toString())).sorted().toList();
      for (Path file : csvFiles) {
        String table = FolderLayout.tableOf(file.getFileName().toString());
        PulledTable.Kind kind = kindOf(table, file);
        Map<String, ColumnType> types = new HashMap<>();
        for (FixedColumn fixed : FixedColumn.RECORD) {
          types.put(fixed.name(), ColumnType.ofHubSpotType(fixed.type(), OptionalInt.empty()));
        }
        tables.add(
            new PulledTable(table, table, file.getFileName().toString(), kind, false, null, types));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
    if (tables.isEmpty()) {
      PullHint pull = PullHint.into(dir, OutputFormat.CSV);
      throw new AnalyzeException(
          UserText.of(dir + " has no manifest.json and no CSV files: " + pull.words()), pull);
    }
    return new PulledFolder(dir, OutputFormat.CSV, tables, false);
  }

  /**
   * What a CSV file of a folder without a manifest holds: told by its name (the reference tables'
   * and histories' names are reserved to them) or by its header.
   */
  private static PulledTable.Kind kindOf(String table, Path file) {
    if (ReferenceTable.named(table).isPresent()) {
      return PulledTable.Kind.REFERENCE;
    }
    if (FolderLayout.isHistoryTable(table)) {
      return PulledTable.Kind.HISTORY;
    }
    return isAssociation(header(file)) ? PulledTable.Kind.ASSOCIATION : PulledTable.Kind.OBJECT;
  }

  private static boolean isAssociation(List<String> header) {
    return header.size() >= 2 && header.subList(0, 2).equals(ASSOCIATION_HEADER);
  }

  /**
   * The header row of a CSV file as DuckDB names its columns (without a byte order mark); empty for
   * an empty file.
   */
  static List<String> header(Path csv) {
    try (CsvReader<CsvRecord> reader = CsvReader.builder().detectBomHeader(true).ofCsvRecord(csv)) {
      return reader.stream().findFirst().map(CsvRecord::getFields).orElse(List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the header of " + csv, e);
    }
  }
}
