package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A file whose rows come grouped by record id (the first field), ascending, after a header: an
 * association file ({@link PairRows}) or a property history ({@link HistoryRows}) as a pull writes
 * it. A sync replaces the groups of the records that changed in one pass over the old file, so it
 * writes the file a fresh pull would; the two differ only in which records they read again and how
 * a record's rows are written.
 */
final class GroupedById {
  private GroupedById() {}

  /** Writes one record's rows read again; returns how many. */
  interface GroupWriter<G> {
    long write(CsvFileSink sink, G group);
  }

  /**
   * Whether {@code file}'s rows come grouped by id, ascending, as a pull writes them; each row is
   * shown to {@code each} as it is read (until one is out of order).
   */
  static boolean check(Path file, Consumer<CsvRecord> each) throws IOException {
    try (CsvReader<CsvRecord> reader = MergeById.reader(file)) {
      Iterator<CsvRecord> rows = reader.iterator();
      if (rows.hasNext()) {
        rows.next(); // the header
      }
      long last = Long.MIN_VALUE;
      while (rows.hasNext()) {
        CsvRecord row = rows.next();
        long id = MeetingPoint.idOf(row.getField(0));
        if (id < last) {
          return false;
        }
        last = id;
        each.accept(row);
      }
    }
    return true;
  }

  /**
   * The {@code ids} that are among {@code fileIds} (an object's new file, ascending), ascending:
   * only its records have rows in a fresh pull.
   */
  static TreeSet<Long> among(Set<Long> ids, long[] fileIds) {
    TreeSet<Long> kept = new TreeSet<>();
    for (long id : ids) {
      if (Arrays.binarySearch(fileIds, id) >= 0) {
        kept.add(id);
      }
    }
    return kept;
  }

  /**
   * Hands {@code ids} to {@code read} in batches of at most {@code size}, in their order, checking
   * before each that the run goes on.
   */
  static void inBatches(Set<Long> ids, int size, RunControl control, Consumer<List<String>> read) {
    RecordIds.inBatches(
        ids.stream().map(String::valueOf).iterator(),
        size,
        batch -> {
          control.checkNotAborted();
          read.accept(batch);
        });
  }

  /**
   * Writes {@code current} to {@code staged} (under {@code header}) with the rows of the {@code
   * replaced} records left out and the {@code fresh} groups written in their ids' places; returns
   * the rows after the header.
   */
  static <G> long replace(
      Path current,
      Path staged,
      FileMode mode,
      String[] header,
      Set<Long> replaced,
      TreeMap<Long, G> fresh,
      GroupWriter<G> writer)
      throws IOException {
    long rows = 0;
    Iterator<Map.Entry<Long, G>> groups = fresh.entrySet().iterator();
    Map.Entry<Long, G> next = groups.hasNext() ? groups.next() : null;
    try (CsvFileSink sink = new CsvFileSink(staged, mode, header);
        CsvReader<CsvRecord> reader = MergeById.reader(current)) {
      Iterator<CsvRecord> old = reader.iterator();
      if (old.hasNext()) {
        old.next(); // the header
      }
      while (old.hasNext()) {
        CsvRecord row = old.next();
        long id = MeetingPoint.idOf(row.getField(0));
        for (;
            next != null && next.getKey() <= id;
            next = groups.hasNext() ? groups.next() : null) {
          rows += writer.write(sink, next.getValue());
        }
        if (!replaced.contains(id)) {
          MergeById.write(row, sink);
          rows++;
        }
      }
      for (; next != null; next = groups.hasNext() ? groups.next() : null) {
        rows += writer.write(sink, next.getValue());
      }
      sink.complete();
    }
    return rows;
  }
}
