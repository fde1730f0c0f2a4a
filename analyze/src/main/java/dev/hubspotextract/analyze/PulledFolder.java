package dev.hubspotextract.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.extract.DecimalFit;
import dev.hubspotextract.extract.ExtractException;
import dev.hubspotextract.extract.FormulaGuard;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.OutputFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  public static final String MANIFEST = "manifest.json";
  private static final List<String> ASSOCIATION_HEADER = List.of("from_id", "to_id");
  private static final Pattern MISSING_TABLE =
      Pattern.compile("Table with name (\\S+) does not exist");

  public PulledFolder {
    tables = List.copyOf(tables);
  }

  /** Reads the folder's manifest, or scans its CSV files when it has none. */
  public static PulledFolder open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new AnalyzeException(
          dir
              + " is not a folder: pass the folder that pull wrote (--in), e.g. run"
              + " ./hubspot-extract pull --out "
              + dir);
    }
    Path manifest = dir.resolve(MANIFEST);
    return Files.isRegularFile(manifest) ? fromManifest(dir, manifest) : fromCsvFiles(dir);
  }

  public Path manifestPath() {
    return dir.resolve(MANIFEST);
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
          "--out " + out + " is a file of the pulled folder " + dir + ": choose another file name");
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
          .filter(name -> name.endsWith(".csv") || name.endsWith(".parquet"))
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
        .filter(file -> baseName(file).equalsIgnoreCase(table))
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
        .filter(t -> !t.association())
        .filter(
            t ->
                Stream.of(t.name(), t.table(), ObjectType.singularOf(t.name()))
                    .anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(wanted)))
        .findFirst();
  }

  /** The association table {@code from_to}, if the folder lists it. */
  public Optional<PulledTable> association(String fromTable, String toTable) {
    String wanted = fromTable + "_" + toTable;
    return tables.stream()
        .filter(t -> t.association() && (t.table().equals(wanted) || t.name().equals(wanted)))
        .findFirst();
  }

  private static PulledFolder fromManifest(Path dir, Path manifest) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(manifest.toFile());
    } catch (JsonProcessingException e) {
      throw new AnalyzeException(
          manifest
              + " is not valid JSON ("
              + e.getOriginalMessage()
              + "): pull again to rewrite it",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + manifest, e);
    }
    OutputFormat format = OutputFormat.of(root.path("format").asText("csv"));
    List<PulledTable> tables = new ArrayList<>();
    for (JsonNode object : root.path("objects")) {
      tables.add(tableOf(object, false, object.path("name").asText(), format, manifest));
    }
    for (JsonNode pair : root.path("associations")) {
      String name = pair.path("from").asText() + "_" + pair.path("to").asText();
      tables.add(tableOf(pair, true, name, format, manifest));
    }
    return new PulledFolder(dir, format, tables, root.path("excel").asBoolean(false));
  }

  private static PulledTable tableOf(
      JsonNode entry, boolean association, String name, OutputFormat format, Path manifest) {
    String file = entry.path("file").asText("");
    if (file.isEmpty()) {
      file = format.fileFor(name);
    }
    try {
      OutputFolder.fileIn(manifest.getParent(), file);
    } catch (ExtractException e) {
      // a folder received from someone else is untrusted: its manifest must not point sql at
      // /etc/passwd, or a conversion at a file to delete
      throw new AnalyzeException(
          manifest + " lists a file outside its folder (" + e.getMessage() + "): pull again", e);
    }
    // a database file holds every table, so there the table is named in the entry or after the
    // object
    String table =
        entry.hasNonNull("table")
            ? entry.get("table").asText()
            : format == OutputFormat.DUCKDB ? name : baseName(file);
    if (name.isEmpty() || name.equals("_")) {
      throw new AnalyzeException(
          manifest
              + " lists a table without a name (file '"
              + file
              + "'): pull again to rewrite it");
    }
    Map<String, ColumnType> types = new HashMap<>();
    for (JsonNode column : entry.path("columns")) {
      types.put(
          column.path("name").asText(),
          ColumnType.ofHubSpotType(
              column.path("type").asText(null), decimalsOf(column, name, manifest)));
    }
    boolean failed = "failed".equalsIgnoreCase(entry.path("status").asText(""));
    return new PulledTable(name, table, file, association, failed, types);
  }

  /**
   * The decimals the pull measured in a number column ({@code "decimals"}), absent when it measured
   * none: the column is then a DOUBLE.
   */
  private static OptionalInt decimalsOf(JsonNode column, String table, Path manifest) {
    JsonNode decimals = column.get("decimals");
    if (decimals == null) {
      return OptionalInt.empty();
    }
    if (!decimals.isInt() || decimals.asInt() < 0 || decimals.asInt() > DecimalFit.MAX_DECIMALS) {
      throw new AnalyzeException(
          manifest
              + " gives column "
              + column.path("name").asText()
              + " of "
              + table
              + " \"decimals\": "
              + decimals
              + ", not a whole number from 0 to "
              + DecimalFit.MAX_DECIMALS
              + ": pull again to rewrite it");
    }
    return OptionalInt.of(decimals.asInt());
  }

  private static PulledFolder fromCsvFiles(Path dir) {
    List<PulledTable> tables = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
        String table = baseName(file.getFileName().toString());
        boolean association = isAssociation(header(file));
        Map<String, ColumnType> types =
            Map.of(
                "id", ColumnType.ID,
                "createdAt", ColumnType.DATETIME,
                "updatedAt", ColumnType.DATETIME,
                "archived", ColumnType.BOOL);
        tables.add(
            new PulledTable(
                table, table, file.getFileName().toString(), association, false, types));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
    if (tables.isEmpty()) {
      throw new AnalyzeException(
          dir + " has no manifest.json and no CSV files: run ./hubspot-extract pull --out " + dir);
    }
    return new PulledFolder(dir, OutputFormat.CSV, tables, false);
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

  private static String baseName(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
