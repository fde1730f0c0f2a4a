package dev.hubspotextract.extract;

import dev.hubspotextract.client.AssociationRow;
import dev.hubspotextract.client.AssociationsApi;
import dev.hubspotextract.client.HubSpotClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Writes one association file: the from-object's ids (read back from its finished CSV, given by the
 * user, or paged from HubSpot when that object is not being pulled) go to v4 batch reads a thousand
 * at a time.
 */
final class AssociationTask {
  static final String[] HEADER = FixedColumn.names(FixedColumn.ASSOCIATION).toArray(String[]::new);
  private final AssociationPair pair;
  private final Path fromCsv;
  private final OptionalLong limit;
  private final TaskProgress progress;
  private final ExecutorService readers;
  private final ListedIds liveIds = new ListedIds();

  /**
   * @param fromCsv the from-object's finished CSV, or null to page its ids from HubSpot
   * @param limit at most this many from-ids paged from HubSpot (empty: every one)
   * @param state where to checkpoint, or null for a run that cannot be resumed
   * @param clock what the time between checkpoints is measured on
   * @param readers where batches are read ahead of the one being written: the run's pool
   */
  AssociationTask(
      AssociationPair pair,
      Path fromCsv,
      OptionalLong limit,
      Path outDir,
      RunState state,
      Clock clock,
      ExecutorService readers) {
    this.pair = pair;
    this.fromCsv = fromCsv;
    this.limit = limit;
    this.readers = readers;
    this.progress =
        new TaskProgress(state, clock, pair.name(), FolderLayout.of(outDir).pairFile(pair));
  }

  /**
   * Writes the file and returns its rows. A checkpoint follows every batch of ids, all of whose
   * links are written by then, naming the batch's last id: a resumed run goes on after it, so ids
   * that came or went below it since (the from-object pulled again) change nothing.
   */
  long run(HubSpotClient client, RunControl control, StatusListener listener) throws IOException {
    TaskProgress.Start start = progress.start(HEADER);
    if (start.done()) {
      return start.rows();
    }
    if (start.checkpoint() != null && !namesItsPlace(start.checkpoint())) {
      // an older version's count of from-ids, or an id not where the user's list has it: skipping
      // by it could lose or double links, so the file starts over
      start.sink().abandon();
      start = progress.afresh(HEADER);
    }
    CsvFileSink sink = start.sink();
    LongAdder rows = new LongAdder();
    rows.add(start.rows());
    AssociationsApi associations = client.associations();
    try (Stream<String> ids = fromIds(client, start.checkpoint());
        // a few batches read at once (they are exempt from the 10-second budget), written in order
        ReadAhead<List<AssociationRow>> batches =
            new ReadAhead<>(
                ids.iterator(),
                AssociationsApi.MAX_INPUTS,
                BATCHES_AT_ONCE,
                batch -> {
                  List<AssociationRow> read = new ArrayList<>();
                  associations.read(pair.from().apiName(), pair.to().apiName(), batch, read::add);
                  return groupedByFromId(read, batch);
                },
                readers,
                control)) {
      long position = start.checkpoint() == null ? 0 : start.checkpoint().position();
      while (batches.hasNext()) {
        ReadAhead.Batch<List<AssociationRow>> next = batches.next();
        List<AssociationRow> read = next.read();
        for (AssociationRow row : read) {
          sink.write(row.fromId(), row.toId(), row.typeId(), row.category(), row.label());
        }
        rows.add(read.size());
        listener.associationRowsWritten(read.size());
        position += next.ids();
        progress.save(sink, new Checkpoint(next.lastId(), position, 0, rows.sum(), false));
      }
      control.checkNotAborted();
      progress.complete(sink, rows.sum());
    } catch (IOException | RuntimeException e) {
      // the reads still on their way were cancelled as batches closed
      progress.stopped(sink, e);
      throw e;
    }
    return rows.sum();
  }

  /**
   * The rows of a batch grouped by from-id in the order the ids were sent (ascending, for ids read
   * from the object's file), each id's rows in the order HubSpot sent them: answers and later pages
   * come in any order, and a file in a fixed order is what lets a sync replace one record's links
   * and write the file a fresh pull would ({@link PairRows}).
   */
  static List<AssociationRow> groupedByFromId(List<AssociationRow> rows, List<String> sentIds) {
    Map<String, Integer> place = new HashMap<>();
    for (int i = 0; i < sentIds.size(); i++) {
      place.putIfAbsent(sentIds.get(i), i);
    }
    List<AssociationRow> grouped = new ArrayList<>(rows);
    // stable: one id's rows keep HubSpot's order
    grouped.sort(Comparator.comparingInt(row -> place.getOrDefault(row.fromId(), sentIds.size())));
    return grouped;
  }

  /** Batches of from-ids read at once per association file. */
  private static final int BATCHES_AT_ONCE = 4;

  /**
   * Whether a checkpoint names the last from-id written, and, for the user's ids, names the one the
   * count of ids done points at.
   */
  private boolean namesItsPlace(Checkpoint saved) {
    if (saved.cursor() == null) {
      return false;
    }
    List<String> listed = pair.fromIds();
    return listed.isEmpty()
        || saved.position() >= 1
            && saved.position() <= listed.size()
            && listed.get((int) saved.position() - 1).equals(saved.cursor());
  }

  /** The from-ids to read: every one, or those after the last one {@code saved} names. */
  private Stream<String> fromIds(HubSpotClient client, Checkpoint saved) throws IOException {
    String last = saved == null ? null : saved.cursor();
    if (!pair.fromIds().isEmpty()) {
      // the list is the plan's, the same in both runs: the count finds the id even if listed twice
      List<String> listed = pair.fromIds();
      return listed.subList(saved == null ? 0 : (int) saved.position(), listed.size()).stream();
    }
    if (fromCsv == null) {
      // HubSpot's live list, which may send an id late or twice: read whole, sorted, each id once
      long done = saved == null ? 0 : saved.position();
      OptionalLong left = limit.isPresent() ? OptionalLong.of(limit.getAsLong() - done) : limit;
      return liveIds.read(client, pair.from().apiName(), left, last);
    }
    return ObjectTask.idsAfter(fromCsv, last);
  }

  /** How far the from-object's live list strayed from id order (in order when read from a file). */
  ListOrder listOrder() {
    return liveIds.listOrder();
  }
}
