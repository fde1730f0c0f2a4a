package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.client.AssociationRow;
import dev.hubspotextract.client.AssociationsApi;
import dev.hubspotextract.client.HubSpotClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings one association file up to date after its objects were synced: the links of every
 * from-record that changed, or that links to a to-record that changed, are read again and replace
 * that record's rows. A pull writes a pair file grouped by from-id, ascending ({@link
 * AssociationTask#groupedByFromId}), so replacing one record's group in place writes the file a
 * fresh pull would.
 *
 * <p>The from-records linked to a changed to-record are those its old rows name and those a read
 * from the to-side names now (a link added since, to a from-record whose date did not move).
 */
final class PairRows {
  private final AssociationPair pair;
  private final RunControl control;

  PairRows(AssociationPair pair, RunControl control) {
    this.pair = pair;
    this.control = control;
  }

  /**
   * Writes {@code current} with the links of the records touched on either side read again to
   * {@code staged}; returns its rows, or empty when {@code current} is not grouped by from-id (a
   * file of an earlier version), which the caller then reads whole.
   *
   * @param fromIds the ids of the from-object's new file, ascending: only its records have links in
   *     a fresh pull
   */
  OptionalLong run(
      HubSpotClient client,
      Path current,
      Path staged,
      FileMode mode,
      long[] fromIds,
      Set<Long> touchedFrom,
      Set<Long> touchedTo)
      throws IOException {
    TreeSet<Long> reread = new TreeSet<>(touchedFrom);
    if (!collectLinkedTo(current, touchedTo, reread)) {
      return OptionalLong.empty();
    }
    AssociationsApi associations = client.associations();
    forEachBatch(
        touchedTo,
        batch ->
            associations.read(
                pair.to().apiName(),
                pair.from().apiName(),
                batch,
                row -> reread.add(MeetingPoint.idOf(row.toId()))));
    TreeSet<Long> toRead = new TreeSet<>();
    for (long id : reread) {
      if (Arrays.binarySearch(fromIds, id) >= 0) {
        toRead.add(id);
      }
    }
    TreeMap<Long, List<AssociationRow>> fresh = new TreeMap<>();
    forEachBatch(
        toRead,
        batch -> {
          List<AssociationRow> read = new ArrayList<>();
          associations.read(pair.from().apiName(), pair.to().apiName(), batch, read::add);
          for (AssociationRow row : AssociationTask.groupedByFromId(read, batch)) {
            fresh
                .computeIfAbsent(MeetingPoint.idOf(row.fromId()), id -> new ArrayList<>())
                .add(row);
          }
        });
    return OptionalLong.of(merge(current, staged, mode, reread, fresh));
  }

  /**
   * Adds the from-ids of {@code current}'s rows that link to {@code touchedTo}; false when the file
   * is not grouped by from-id, ascending.
   */
  private static boolean collectLinkedTo(Path current, Set<Long> touchedTo, Set<Long> reread)
      throws IOException {
    try (CsvReader<CsvRecord> reader = MergeById.reader(current)) {
      Iterator<CsvRecord> rows = reader.iterator();
      if (rows.hasNext()) {
        rows.next(); // the header
      }
      long last = Long.MIN_VALUE;
      while (rows.hasNext()) {
        CsvRecord row = rows.next();
        long from = MeetingPoint.idOf(row.getField(0));
        if (from < last) {
          return false;
        }
        last = from;
        if (touchedTo.contains(MeetingPoint.idOf(row.getField(1)))) {
          reread.add(from);
        }
      }
    }
    return true;
  }

  /** One batch read's worth of ids at a time. */
  private interface Batch {
    void read(List<String> ids);
  }

  private void forEachBatch(Set<Long> ids, Batch batch) {
    List<String> ids1000 = new ArrayList<>(AssociationsApi.MAX_INPUTS);
    Iterator<Long> iterator = ids.iterator();
    while (iterator.hasNext()) {
      ids1000.add(Long.toString(iterator.next()));
      if (ids1000.size() == AssociationsApi.MAX_INPUTS || !iterator.hasNext()) {
        control.checkNotAborted();
        batch.read(List.copyOf(ids1000));
        ids1000.clear();
      }
    }
  }

  private static long merge(
      Path current,
      Path staged,
      FileMode mode,
      Set<Long> reread,
      TreeMap<Long, List<AssociationRow>> fresh)
      throws IOException {
    long rows = 0;
    Iterator<Map.Entry<Long, List<AssociationRow>>> groups = fresh.entrySet().iterator();
    Map.Entry<Long, List<AssociationRow>> next = groups.hasNext() ? groups.next() : null;
    try (CsvFileSink sink = new CsvFileSink(staged, mode, AssociationTask.HEADER);
        CsvReader<CsvRecord> reader = MergeById.reader(current)) {
      Iterator<CsvRecord> old = reader.iterator();
      if (old.hasNext()) {
        old.next(); // the header
      }
      while (old.hasNext()) {
        CsvRecord row = old.next();
        long from = MeetingPoint.idOf(row.getField(0));
        for (;
            next != null && next.getKey() <= from;
            next = groups.hasNext() ? groups.next() : null) {
          rows += write(next.getValue(), sink);
        }
        if (!reread.contains(from)) {
          MergeById.write(row, sink);
          rows++;
        }
      }
      for (; next != null; next = groups.hasNext() ? groups.next() : null) {
        rows += write(next.getValue(), sink);
      }
      sink.complete();
    }
    return rows;
  }

  private static int write(List<AssociationRow> group, CsvFileSink sink) {
    for (AssociationRow row : group) {
      sink.write(row.fromId(), row.toId(), row.typeId(), row.category(), row.label());
    }
    return group.size();
  }
}
