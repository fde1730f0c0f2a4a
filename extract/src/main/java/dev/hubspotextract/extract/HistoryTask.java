package dev.hubspotextract.extract;

import dev.hubspotextract.client.HistoriesApi;
import dev.hubspotextract.client.HubSpotClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * Writes one object's property history: the ids of its finished file, in its (ascending) order, go
 * to batch reads of {@value HistoriesApi#MAX_INPUTS}, a few at once, written in order; a checkpoint
 * follows each batch, naming its last id, which a resumed run goes on after. Rows are sorted by id,
 * then property in the order asked for, then time, oldest first: the order a sync keeps when it
 * replaces one record's rows ({@link HistoryRows}).
 */
final class HistoryTask {
  static final String[] HEADER = FixedColumn.names(FixedColumn.HISTORY).toArray(String[]::new);

  /** Batches read at once: batch reads count in the 10-second budget, like list pages. */
  private static final int BATCHES_AT_ONCE = 4;

  private final PlannedHistory history;
  private final Path objectCsv;
  private final TaskProgress progress;
  private final ExecutorService readers;

  /**
   * @param objectCsv the object's finished file, whose records' histories are read
   * @param state where to checkpoint, or null for a run that cannot be resumed
   * @param readers where batches are read ahead of the one being written: the run's pool
   */
  HistoryTask(
      PlannedHistory history,
      Path objectCsv,
      Path outDir,
      RunState state,
      Clock clock,
      ExecutorService readers) {
    this.history = history;
    this.objectCsv = objectCsv;
    this.readers = readers;
    this.progress =
        new TaskProgress(
            state, clock, history.name(), FolderLayout.of(outDir).historyFile(history));
  }

  /** Writes the file and returns its rows. */
  long run(HubSpotClient client, RunControl control, StatusListener listener) throws IOException {
    TaskProgress.Start start = progress.start(HEADER);
    if (start.done()) {
      return start.rows();
    }
    if (start.checkpoint() != null && start.checkpoint().cursor() == null) {
      start.sink().abandon(); // names no id to go on after
      start = progress.afresh(HEADER);
    }
    CsvFileSink sink = start.sink();
    long rows = start.rows();
    HistoriesApi histories = client.histories();
    String last = start.checkpoint() == null ? null : start.checkpoint().cursor();
    try (Stream<String> ids = ObjectTask.idsAfter(objectCsv, last);
        ReadAhead<Map<String, List<HistoriesApi.Change>>> batches =
            new ReadAhead<>(
                ids.iterator(),
                HistoriesApi.MAX_INPUTS,
                BATCHES_AT_ONCE,
                batch -> histories.read(history.type().apiName(), batch, history.properties()),
                readers,
                control)) {
      long position = start.checkpoint() == null ? 0 : start.checkpoint().position();
      while (batches.hasNext()) {
        ReadAhead.Batch<Map<String, List<HistoriesApi.Change>>> next = batches.next();
        rows += write(sink, next.read());
        position += next.ids();
        progress.save(sink, new Checkpoint(next.lastId(), position, 0, rows, false));
      }
      control.checkNotAborted();
      progress.complete(sink, rows);
    } catch (IOException | RuntimeException e) {
      // the reads still on their way were cancelled as batches closed
      progress.stopped(sink, e);
      throw e;
    }
    return rows;
  }

  /**
   * Writes the changes read of some records, in the order of the map (the ids' order), each
   * record's in the order read; returns the rows.
   */
  static long write(CsvFileSink sink, Map<String, List<HistoriesApi.Change>> read) {
    long rows = 0;
    for (List<HistoriesApi.Change> changes : read.values()) {
      for (HistoriesApi.Change c : changes) {
        sink.write(
            c.id(),
            c.property(),
            c.value(),
            c.timestamp(),
            c.sourceType(),
            c.sourceId(),
            c.sourceLabel(),
            c.updatedByUserId());
        rows++;
      }
    }
    return rows;
  }
}
