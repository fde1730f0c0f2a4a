package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures the {@code number} columns of one file as its rows are written ({@link CsvFileSink}):
 * per column, the most integer digits and decimals of a value, or the first value no DECIMAL can
 * take, for the manifest's {@link DecimalFit}s. A file whose rows were not all seen being written
 * (a resumed one) is measured by reading it back ({@link #read}). Not thread-safe: one sink's.
 */
final class NumberColumns {
  private final List<String> names; // of the measured columns, in file order
  private final int[] slotOf; // by column index: where its measures are, or -1
  private final int[] integerDigits;
  private final int[] decimals;
  private final String[] notDecimal;

  /** Measures the columns of {@code header} that {@code numbers} names. */
  NumberColumns(List<String> header, Set<String> numbers) {
    this.names = header.stream().filter(numbers::contains).toList();
    this.slotOf = new int[header.size()];
    Arrays.fill(slotOf, -1);
    for (int column = 0, slot = 0; column < header.size(); column++) {
      if (numbers.contains(header.get(column))) {
        slotOf[column] = slot++;
      }
    }
    this.integerDigits = new int[names.size()];
    this.decimals = new int[names.size()];
    this.notDecimal = new String[names.size()];
  }

  /** Takes in the value of column {@code column} of a row; other columns are ignored. */
  void add(int column, byte[] utf8, int offset, int count) {
    int slot = column < slotOf.length ? slotOf[column] : -1;
    if (slot < 0) {
      return;
    }
    long shape = NumberText.shape(utf8, offset, count);
    if (shape >= 0) {
      integerDigits[slot] = Math.max(integerDigits[slot], NumberText.integerDigits(shape));
      decimals[slot] = Math.max(decimals[slot], NumberText.decimals(shape));
    } else if (notDecimal[slot] == null && shape == NumberText.EXPONENT) {
      notDecimal[slot] = "a value is in exponent notation";
    } else if (notDecimal[slot] == null && shape == NumberText.NOT_FINITE) {
      notDecimal[slot] = "a value is infinite or NaN";
    }
  }

  void add(int column, String value) {
    if (value != null && column < slotOf.length && slotOf[column] >= 0) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      add(column, utf8, 0, utf8.length);
    }
  }

  /** Takes in what {@code other} measured of the same columns (rows appended from its file). */
  void addAll(NumberColumns other) {
    if (!other.names.equals(names)) {
      throw new IllegalArgumentException(
          "different number columns: " + other.names + " and " + names);
    }
    for (int slot = 0; slot < names.size(); slot++) {
      integerDigits[slot] = Math.max(integerDigits[slot], other.integerDigits[slot]);
      decimals[slot] = Math.max(decimals[slot], other.decimals[slot]);
      if (notDecimal[slot] == null) {
        notDecimal[slot] = other.notDecimal[slot];
      }
    }
  }

  /** What was measured, by column name. */
  Map<String, DecimalFit> fits() {
    Map<String, DecimalFit> fits = new LinkedHashMap<>();
    for (int slot = 0; slot < names.size(); slot++) {
      fits.put(
          names.get(slot), new DecimalFit(integerDigits[slot], decimals[slot], notDecimal[slot]));
    }
    return fits;
  }

  /**
   * Measures the columns {@code numbers} names of a complete CSV file by reading it (its cells as
   * HubSpot sent them, if {@link ExcelFiles} guarded them): for a file whose rows were not all
   * written by this run.
   */
  static NumberColumns read(Path csv, Set<String> numbers) throws IOException {
    boolean excel = ExcelFiles.isExcel(csv); // a run stopped after guarding its files
    try (CsvReader<CsvRecord> reader = CsvReader.builder().detectBomHeader(true).ofCsvRecord(csv)) {
      Iterator<CsvRecord> rows = reader.iterator();
      NumberColumns measured =
          new NumberColumns(rows.hasNext() ? rows.next().getFields() : List.of(), numbers);
      while (rows.hasNext()) {
        CsvRecord row = rows.next();
        for (int column = 0; column < row.getFieldCount(); column++) {
          String cell = row.getField(column);
          measured.add(column, excel ? FormulaGuard.unguard(cell) : cell);
        }
      }
      return measured;
    }
  }
}
