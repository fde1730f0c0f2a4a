package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.client.AssociationsApi;
import dev.hubspotextract.client.HubSpotClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Writes one association file: the from-object's ids (read back from its finished CSV, given by the
 * user, or paged from HubSpot when that object is not being pulled) go to v4 batch reads a thousand
 * at a time.
 */
final class AssociationTask {
  static final String[] HEADER = {"from_id", "to_id", "association_type_id", "category", "label"};
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
    this.progress = new TaskProgress(state, pair.name(), outDir.resolve(pair.fileName()));
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
    try (Stream<String> ids = fromIds(client).skip(skip)) {
      Iterator<String> iterator = ids.iterator();
      long position = skip;
      List<String> batch = new ArrayList<>(AssociationsApi.MAX_INPUTS);
      while (iterator.hasNext() || !batch.isEmpty()) {
        if (iterator.hasNext()) {
          batch.add(iterator.next());
          if (batch.size() < AssociationsApi.MAX_INPUTS && iterator.hasNext()) {
            continue;
          }
        }
        control.checkNotAborted();
        long before = rows.sum();
        associations.read(
            pair.from().apiName(),
            pair.to().apiName(),
            batch,
            row -> {
              sink.write(row.fromId(), row.toId(), row.typeId(), row.category(), row.label());
              rows.increment();
            });
        listener.rowsWritten(rows.sum() - before);
        position += batch.size();
        batch.clear();
        progress.save(sink, new Checkpoint(null, position, 0, rows.sum(), false));
      }
      control.checkNotAborted();
      progress.complete(sink, rows.sum());
    } catch (IOException | RuntimeException e) {
      progress.stopped(sink, e);
      throw e;
    }
    return rows.sum();
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
