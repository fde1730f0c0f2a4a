package dev.hubspotextract.analyze;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Plain-Java readings of CSV files, to check DuckDB's answers against an independent computation.
 */
public final class CsvTables {
  private CsvTables() {}

  public static List<Map<String, String>> rows(Path csv) {
    try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(csv)) {
      List<Map<String, String>> rows = new ArrayList<>();
      reader.forEach(r -> rows.add(r.getFieldsAsMap()));
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> header(Path csv) {
    return PulledFolder.header(csv);
  }

  /** Records by id. */
  public static Map<Long, Map<String, String>> byId(Path csv) {
    Map<Long, Map<String, String>> records = new TreeMap<>();
    rows(csv).forEach(r -> records.put(Long.parseLong(r.get("id")), r));
    return records;
  }

  /**
   * The links of an association file as near id → sorted distinct far ids, read from {@code
   * from_id} to {@code to_id} or in reverse, keeping rows that {@code keep} accepts.
   */
  public static Map<Long, TreeSet<Long>> links(
      Path csv, boolean reversed, Predicate<Map<String, String>> keep) {
    Map<Long, TreeSet<Long>> links = new TreeMap<>();
    for (Map<String, String> row : rows(csv)) {
      if (!keep.test(row)) {
        continue;
      }
      long from = Long.parseLong(row.get("from_id"));
      long to = Long.parseLong(row.get("to_id"));
      long near = reversed ? to : from;
      long far = reversed ? from : to;
      links.computeIfAbsent(near, k -> new TreeSet<>()).add(far);
    }
    return links;
  }

  public static TreeSet<Long> none() {
    return new TreeSet<>(Collections.emptySet());
  }
}
