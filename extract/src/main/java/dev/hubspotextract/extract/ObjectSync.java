package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.client.ChangesApi;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Brings one object's file up to date with what changed since its mark, writing the new file beside
 * the old one (the sync moves it into place with the others):
 *
 * <ol>
 *   <li>records modified since the mark less the lookback, by search ({@link ChangedRecords}), then
 *       read again by id with every column (batch read shows writes at once, search trails them);
 *   <li>the ids HubSpot lists as archived, whose rows leave the file (archiving does not move the
 *       modified date, hubspot-api.md §17, so search cannot find them);
 *   <li>with {@code verifyDeletes}, every live id, so that rows of records deleted for good leave
 *       and records the file lacks (restored, or missed) come in;
 *   <li>one streaming pass over the old file, ascending by id, replacing, adding and removing rows.
 * </ol>
 *
 * A change is "this record is now so": applying one twice gives the same file, so a sync stopped at
 * any point and run again ends where one run would.
 */
final class ObjectSync {
  private final PlannedObject object;
  private final Instant since;
  private final boolean verifyDeletes;
  private final RunControl control;

  /** What the sync of one object found and wrote. */
  record Outcome(
      long rows,
      Map<String, DecimalFit> decimals,
      long updated,
      long added,
      long archived,
      long deleted,
      Set<Long> touched) {}

  /**
   * @param since changes at or after this time are read: the object's mark less the lookback
   */
  ObjectSync(PlannedObject object, Instant since, boolean verifyDeletes, RunControl control) {
    this.object = object;
    this.since = since;
    this.verifyDeletes = verifyDeletes;
    this.control = control;
  }

  /** The last-modified property of an object: contacts have their own (airbytehq/airbyte#85019). */
  static String modifiedProperty(ObjectType type) {
    return type.objectTypeId().equals("0-1") || type.apiName().equals("contacts")
        ? "lastmodifieddate"
        : "hs_lastmodifieddate";
  }

  /** The earliest time a sync from {@code mark} looks for changes from. */
  static Instant since(Instant mark, Duration lookback) {
    return mark.minus(lookback);
  }

  /** Reads the changes and writes {@code current} with them applied to {@code staged}. */
  Outcome run(HubSpotClient client, Path current, Path staged, FileMode mode) throws IOException {
    ChangesApi changes = client.changes();
    String apiName = object.type().apiName();
    TreeSet<Long> changed =
        ChangedRecords.since(
            changes, apiName, modifiedProperty(object.type()), since.toEpochMilli(), control);
    TreeMap<Long, HubSpotRecord> fresh = readById(changes, changed);
    Set<Long> archived = new HashSet<>();
    changes.archivedIds(apiName, id -> archived.add(MeetingPoint.idOf(id)));
    control.checkNotAborted();
    long[] live = null;
    if (verifyDeletes) {
      live = liveIds(client);
      TreeSet<Long> missing = new TreeSet<>();
      long[] inFile = idsOf(current);
      for (long id : live) {
        if (Arrays.binarySearch(inFile, id) < 0 && !fresh.containsKey(id)) {
          missing.add(id);
        }
      }
      fresh.putAll(readById(changes, missing));
    }
    return merge(current, staged, mode, changed, fresh, archived, live);
  }

  /** The records with these ids as they are now, by id; an id archived or gone is absent. */
  private TreeMap<Long, HubSpotRecord> readById(ChangesApi changes, Set<Long> ids) {
    TreeMap<Long, HubSpotRecord> records = new TreeMap<>();
    List<String> batch = new ArrayList<>(ChangesApi.BATCH_SIZE);
    Iterator<Long> iterator = ids.iterator();
    while (iterator.hasNext()) {
      batch.add(Long.toString(iterator.next()));
      if (batch.size() == ChangesApi.BATCH_SIZE || !iterator.hasNext()) {
        control.checkNotAborted();
        changes
            .read(object.type().apiName(), batch, object.propertyNames())
            .forEach((id, record) -> records.put(MeetingPoint.idOf(id), record));
        batch.clear();
      }
    }
    return records;
  }

  /** Every live id of the object, ascending, each once. */
  private long[] liveIds(HubSpotClient client) {
    try (Stream<String> ids =
        new ListedIds().read(client, object.type().apiName(), OptionalLong.empty(), null)) {
      return ids.mapToLong(MeetingPoint::idOf).toArray();
    }
  }

  /** The ids of a file's rows, as they are (ascending, in a file this tool wrote). */
  static long[] idsOf(Path file) throws IOException {
    LongStream.Builder ids = LongStream.builder();
    try (CsvReader<CsvRecord> reader = MergeById.reader(file)) {
      Iterator<CsvRecord> rows = reader.iterator();
      if (rows.hasNext()) {
        rows.next(); // the header
      }
      rows.forEachRemaining(row -> ids.add(MeetingPoint.idOf(row.getField(0))));
    }
    long[] sorted = ids.build().toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  private Outcome merge(
      Path current,
      Path staged,
      FileMode mode,
      Set<Long> changed,
      TreeMap<Long, HubSpotRecord> fresh,
      Set<Long> archived,
      long[] live)
      throws IOException {
    int columns = object.propertyNames().size();
    long rows = 0;
    long updated = 0;
    long added = 0;
    long archivedRows = 0;
    long deleted = 0;
    Set<Long> touched = new HashSet<>(changed);
    touched.addAll(fresh.keySet());
    Iterator<Map.Entry<Long, HubSpotRecord>> news = fresh.entrySet().iterator();
    Map.Entry<Long, HubSpotRecord> next = news.hasNext() ? news.next() : null;
    try (CsvFileSink sink =
            new CsvFileSink(staged, mode, ObjectTask.header(object).toArray(String[]::new));
        CsvReader<CsvRecord> reader = MergeById.reader(current)) {
      sink.measure(ObjectTask.numberColumns(object));
      Iterator<CsvRecord> old = reader.iterator();
      requireHeader(old, current);
      long lastId = Long.MIN_VALUE;
      long read = 0;
      while (old.hasNext()) {
        CsvRecord row = old.next();
        if (++read == 100) {
          KillPoint.IN_A_MERGE.reached();
          sink.flush();
          KillPoint.AFTER_A_FLUSH.reached();
        }
        long id = MeetingPoint.idOf(row.getField(0));
        if (id <= lastId) {
          throw new ExtractException(
              FailureCategory.USAGE,
              current
                  + " is not in id order (id "
                  + id
                  + " after "
                  + lastId
                  + "): it was not written by this tool's pull; pull the folder again");
        }
        lastId = id;
        for (; next != null && next.getKey() < id; next = news.hasNext() ? news.next() : null) {
          ObjectTask.writeRow(sink, next.getValue(), columns);
          rows++;
          added++;
        }
        if (next != null && next.getKey() == id) {
          ObjectTask.writeRow(sink, next.getValue(), columns);
          rows++;
          if (!sameRow(row, next.getValue(), columns)) {
            updated++; // found again by the lookback, unchanged since: not counted
          }
          next = news.hasNext() ? news.next() : null;
        } else if (archived.contains(id)) {
          archivedRows++;
          touched.add(id);
        } else if (changed.contains(id) || (live != null && Arrays.binarySearch(live, id) < 0)) {
          deleted++; // found changed but gone by the time it was read, or in no list at all
          touched.add(id);
        } else {
          MergeById.write(row, sink);
          rows++;
        }
      }
      for (; next != null; next = news.hasNext() ? news.next() : null) {
        ObjectTask.writeRow(sink, next.getValue(), columns);
        rows++;
        added++;
      }
      Map<String, DecimalFit> decimals = sink.measured().orElseThrow().fits();
      sink.complete();
      return new Outcome(rows, decimals, updated, added, archivedRows, deleted, touched);
    }
  }

  /** Whether a row of the file holds exactly what {@code record} would be written as. */
  private static boolean sameRow(CsvRecord row, HubSpotRecord record, int columns) {
    if (row.getFieldCount() != FixedColumn.RECORD.size() + columns
        || !row.getField(1).equals(record.createdAt())
        || !row.getField(2).equals(record.updatedAt())
        || !row.getField(3).equals(record.archived() ? "true" : "false")) {
      return false;
    }
    for (int i = 0; i < columns; i++) {
      String value = record.properties().valueAt(i);
      if (!row.getField(FixedColumn.RECORD.size() + i).equals(value == null ? "" : value)) {
        return false;
      }
    }
    return true;
  }

  /** The old file must have the plan's columns: the sync decided so, by the manifest. */
  private void requireHeader(Iterator<CsvRecord> old, Path current) {
    List<String> expected = ObjectTask.header(object);
    List<String> header = old.hasNext() ? old.next().getFields() : List.of();
    if (!header.equals(expected)) {
      throw new ExtractException(
          FailureCategory.USAGE,
          current
              + " does not have the columns its manifest lists: it was changed after the pull;"
              + " pull the folder again");
    }
  }
}
