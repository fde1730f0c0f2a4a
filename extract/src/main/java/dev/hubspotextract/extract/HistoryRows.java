package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.client.HistoriesApi;
import dev.hubspotextract.client.HubSpotClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings one property history up to date after its object was synced: every record that changed
 * (updated, new, archived, deleted) has its rows replaced by its whole history read again, or
 * removed when it is no longer in the object's file. A pull writes a history file grouped by id,
 * ascending ({@link HistoryTask}), so replacing one record's group in place writes the file a fresh
 * pull would.
 */
final class HistoryRows {
  private final PlannedHistory history;
  private final RunControl control;

  HistoryRows(PlannedHistory history, RunControl control) {
    this.history = history;
    this.control = control;
  }

  /**
   * Writes {@code current} with the rows of the {@code touched} records read again to {@code
   * staged}; returns its rows, or empty when {@code current} is not grouped by id, ascending (not
   * this tool's file), which the caller then reads whole.
   *
   * @param ids the ids of the object's new file, ascending: only its records have a history in a
   *     fresh pull
   */
  OptionalLong run(
      HubSpotClient client, Path current, Path staged, FileMode mode, long[] ids, Set<Long> touched)
      throws IOException {
    if (!groupedById(current)) {
      return OptionalLong.empty();
    }
    TreeSet<Long> toRead = new TreeSet<>();
    for (long id : touched) {
      if (Arrays.binarySearch(ids, id) >= 0) {
        toRead.add(id);
      }
    }
    TreeMap<Long, Map<String, List<HistoriesApi.Change>>> fresh = new TreeMap<>();
    HistoriesApi histories = client.histories();
    List<String> batch = new ArrayList<>(HistoriesApi.MAX_INPUTS);
    Iterator<Long> iterator = toRead.iterator();
    while (iterator.hasNext()) {
      batch.add(Long.toString(iterator.next()));
      if (batch.size() == HistoriesApi.MAX_INPUTS || !iterator.hasNext()) {
        control.checkNotAborted();
        histories
            .read(history.type().apiName(), batch, history.properties())
            .forEach(
                (id, changes) -> {
                  Map<String, List<HistoriesApi.Change>> one = new LinkedHashMap<>();
                  one.put(id, changes);
                  fresh.put(MeetingPoint.idOf(id), one);
                });
        batch.clear();
      }
    }
    return OptionalLong.of(merge(current, staged, mode, touched, fresh));
  }

  /** Whether the file's rows come grouped by id, ascending, as a pull writes them. */
  private static boolean groupedById(Path current) throws IOException {
    try (CsvReader<CsvRecord> reader = MergeById.reader(current)) {
      Iterator<CsvRecord> rows = reader.iterator();
      if (rows.hasNext()) {
        rows.next(); // the header
      }
      long last = Long.MIN_VALUE;
      while (rows.hasNext()) {
        long id = MeetingPoint.idOf(rows.next().getField(0));
        if (id < last) {
          return false;
        }
        last = id;
      }
    }
    return true;
  }

  private static long merge(
      Path current,
      Path staged,
      FileMode mode,
      Set<Long> touched,
      TreeMap<Long, Map<String, List<HistoriesApi.Change>>> fresh)
      throws IOException {
    long rows = 0;
    Iterator<Map.Entry<Long, Map<String, List<HistoriesApi.Change>>>> groups =
        fresh.entrySet().iterator();
    Map.Entry<Long, Map<String, List<HistoriesApi.Change>>> next =
        groups.hasNext() ? groups.next() : null;
    try (CsvFileSink sink = new CsvFileSink(staged, mode, HistoryTask.HEADER);
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
          rows += HistoryTask.write(sink, next.getValue());
        }
        if (!touched.contains(id)) {
          MergeById.write(row, sink);
          rows++;
        }
      }
      for (; next != null; next = groups.hasNext() ? groups.next() : null) {
        rows += HistoryTask.write(sink, next.getValue());
      }
      sink.complete();
    }
    return rows;
  }
}
