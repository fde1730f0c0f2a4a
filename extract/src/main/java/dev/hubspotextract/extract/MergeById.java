package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Merges rows in any order into a CSV file whose rows ascend by id (the first field, after a
 * header): one streaming pass over the file, the rows sorted in memory beside it, and each id
 * written once, the file's row or else the first of the rows with that id. Memory holds the rows to
 * merge, never the file: they are meant to be the few records HubSpot sent out of their place.
 */
final class MergeById {
  private MergeById() {}

  /** What a merge did: rows it wrote after the header, rows it dropped as their id was there. */
  record Merged(long rows, long dropped) {}

  /**
   * Writes {@code ascending} with the rows of {@code unordered} merged in to {@code out}, up to
   * {@code maxRows} rows after the header (the lowest ids; empty: every row).
   */
  static Merged merge(Path ascending, Path unordered, CsvFileSink out, OptionalLong maxRows)
      throws IOException {
    List<CsvRecord> late = sortedById(unordered);
    Pass pass = new Pass(out, maxRows);
    int next = 0;
    try (CsvReader<CsvRecord> file = reader(ascending)) {
      Iterator<CsvRecord> rows = file.iterator();
      write(rows.next(), out); // the header
      while (rows.hasNext() && !pass.full()) { // the rest would not be written
        CsvRecord row = rows.next();
        long id = idOf(row);
        for (; next < late.size() && idOf(late.get(next)) < id; next++) {
          pass.take(late.get(next));
        }
        for (; next < late.size() && idOf(late.get(next)) == id; next++) {
          pass.dropped++; // the file's row is kept
        }
        pass.take(row);
      }
    }
    for (; next < late.size(); next++) {
      pass.take(late.get(next));
    }
    return new Merged(pass.rows, pass.dropped);
  }

  /** The merge's output: rows in ascending id order, each id once, up to the most asked for. */
  private static final class Pass {
    private final CsvFileSink out;
    private final OptionalLong maxRows;
    private long rows;
    private long dropped;
    private long lastId = -1;

    Pass(CsvFileSink out, OptionalLong maxRows) {
      this.out = out;
      this.maxRows = maxRows;
    }

    boolean full() {
      return maxRows.isPresent() && rows == maxRows.getAsLong();
    }

    /**
     * Writes a row whose id is not below the last one's, unless it is the same id or enough rows
     * are written.
     */
    void take(CsvRecord row) {
      if (full()) {
        return;
      }
      long id = idOf(row);
      if (id == lastId) {
        dropped++;
        return;
      }
      write(row, out);
      lastId = id;
      rows++;
    }
  }

  /** The rows of a headerless file, by id; rows with the same id keep their order. */
  private static List<CsvRecord> sortedById(Path file) throws IOException {
    List<CsvRecord> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = reader(file)) {
      reader.forEach(rows::add);
    }
    rows.sort(Comparator.comparingLong(MergeById::idOf));
    return rows;
  }

  static CsvReader<CsvRecord> reader(Path file) throws IOException {
    return CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8);
  }

  private static long idOf(CsvRecord row) {
    return MeetingPoint.idOf(row.getField(0));
  }

  static void write(CsvRecord row, CsvFileSink out) {
    for (int i = 0; i < row.getFieldCount(); i++) {
      out.field(row.getField(i));
    }
    out.endRow();
  }
}
