package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.client.AssociationRow;
import dev.hubspotextract.client.AssociationsApi;
import dev.hubspotextract.client.HubSpotClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private final long maxRecords;
  private final TaskProgress progress;

  /**
   * @param fromCsv the from-object's finished CSV, or null to page its ids from HubSpot
   * @param state where to checkpoint, or null for a run that cannot be resumed
   */
  AssociationTask(
      AssociationPair pair, Path fromCsv, long maxRecords, Path outDir, RunState state) {
    this.pair = pair;
    this.fromCsv = fromCsv;
    this.maxRecords = maxRecords;
    this.progress =
        new TaskProgress(state, pair.name(), OutputFolder.fileIn(outDir, pair.fileName()));
  }

  /**
   * Writes the file and returns its rows. A checkpoint follows every batch of ids, all of whose
   * links are written by then; a resumed run skips that many ids.
   */
  long run(HubSpotClient client, RunControl control, StatusListener listener) throws IOException {
    TaskProgress.Start start = progress.start(HEADER);
    if (start.done()) {
      return start.rows();
    }
    CsvFileSink sink = start.sink();
    long skip = start.checkpoint() == null ? 0 : start.checkpoint().position();
    LongAdder rows = new LongAdder();
    rows.add(start.rows());
    AssociationsApi associations = client.associations();
    Deque<Batch> inFlight = new ArrayDeque<>();
    try (Stream<String> ids = fromIds(client).skip(skip)) {
      Iterator<String> iterator = ids.iterator();
      long position = skip;
      while (iterator.hasNext() || !inFlight.isEmpty()) {
        // a few batches read at once (they are exempt from the 10-second budget), written in order
        while (inFlight.size() < BATCHES_AT_ONCE && iterator.hasNext()) {
          List<String> batch = new ArrayList<>(AssociationsApi.MAX_INPUTS);
          while (batch.size() < AssociationsApi.MAX_INPUTS && iterator.hasNext()) {
            batch.add(iterator.next());
          }
          inFlight.add(
              new Batch(
                  batch.size(),
                  CompletableFuture.supplyAsync(
                      () -> {
                        List<AssociationRow> read = new ArrayList<>();
                        associations.read(
                            pair.from().apiName(), pair.to().apiName(), batch, read::add);
                        return read;
                      },
                      READERS)));
        }
        control.checkNotAborted();
        Batch next = inFlight.poll();
        List<AssociationRow> read = joined(next.rows());
        for (AssociationRow row : read) {
          sink.write(row.fromId(), row.toId(), row.typeId(), row.category(), row.label());
        }
        rows.add(read.size());
        listener.rowsWritten(read.size());
        position += next.ids();
        progress.save(sink, new Checkpoint(null, position, 0, rows.sum(), false));
      }
      control.checkNotAborted();
      progress.complete(sink, rows.sum());
    } catch (IOException | RuntimeException e) {
      inFlight.forEach(batch -> batch.rows().cancel(false));
      progress.stopped(sink, e);
      throw e;
    }
    return rows.sum();
  }

  /** Batches of from-ids read at once per association file. */
  private static final int BATCHES_AT_ONCE = 4;

  /** Threads that read batches ahead of the one being written; daemons, never blocking exit. */
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(DaemonThreads.named("pull-association-batch-"));

  /** A batch of from-ids on its way: how many ids, and their links once read. */
  private record Batch(int ids, CompletableFuture<List<AssociationRow>> rows) {}

  private static List<AssociationRow> joined(CompletableFuture<List<AssociationRow>> rows) {
    try {
      return rows.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private Stream<String> fromIds(HubSpotClient client) throws IOException {
    if (!pair.fromIds().isEmpty()) {
      return pair.fromIds().stream();
    }
    if (fromCsv == null) {
      return client.objects().ids(pair.from().apiName(), maxRecords);
    }
    CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(fromCsv, StandardCharsets.UTF_8);
    return reader.stream().skip(1).map(record -> record.getField(0)).onClose(() -> close(reader));
  }

  private static void close(CsvReader<CsvRecord> reader) {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
