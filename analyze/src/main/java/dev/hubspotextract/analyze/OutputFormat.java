package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.FolderLayout;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The format of a pulled folder: CSV files, Parquet files, or one DuckDB database file. */
public enum OutputFormat {
  CSV("csv"),
  PARQUET("parquet"),
  DUCKDB("duckdb");

  private final String label;

  OutputFormat(String label) {
    this.label = label;
  }

  /** The name used on the command line and in {@code manifest.json}. */
  public String label() {
    return label;
  }

  /** The file that holds {@code table} in this format. */
  public String fileFor(String table) {
    return FolderLayout.tableFile(table, label);
  }

  /** Where {@code table} ends up, as people read it: its file, and in DuckDB its table too. */
  public String destinationOf(String table) {
    return this == DUCKDB ? fileFor(table) + " (table " + table + ")" : fileFor(table);
  }

  public static OutputFormat of(String label) {
    String wanted = label == null ? "csv" : label.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(f -> f.label.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new AnalyzeException(
                    "unknown format '"
                        + label
                        + "': use one of "
                        + Arrays.stream(values())
                            .map(OutputFormat::label)
                            .collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return label;
  }
}
