package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotRecord;
import dev.hubspotextract.client.PropertyValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Streams one object's records from HubSpot straight into its CSV file, checkpointing the list
 * cursor after flushed pages so that a killed run continues where it stopped.
 */
final class ObjectTask {
  private static final int PROGRESS_EVERY = 100;
  private final PlannedObject object;
  private final long maxRecords;
  private final Path outDir;
  private final TaskProgress progress;

  ObjectTask(PlannedObject object, long maxRecords, Path outDir, RunState state) {
    this.object = object;
    this.maxRecords = maxRecords;
    this.outDir = outDir;
    this.progress =
        new TaskProgress(state, object.type().name(), outDir.resolve(object.fileName()));
  }

  static List<String> header(PlannedObject object) {
    List<String> header = new ArrayList<>(List.of("id", "createdAt", "updatedAt", "archived"));
    header.addAll(object.propertyNames());
    return header;
  }

  /** Writes the file and returns the number of records. */
  long run(HubSpotClient client, RunControl control, StatusListener listener) throws IOException {
    TaskProgress.Start start = progress.start(header(object).toArray(String[]::new));
    if (start.done()) {
      return start.rows();
    }
    List<String> names = object.propertyNames();
    CsvFileSink sink = start.sink();
    long[] written = {start.rows()};
    try (Stream<HubSpotRecord> records =
        client.objects().stream(
            object.type().apiName(),
            names,
            maxRecords - start.rows(),
            start.checkpoint() == null ? null : start.checkpoint().cursor(),
            cursor -> progress.pageDone(sink, new Checkpoint(cursor, 0, 0, written[0], false)))) {
      Iterator<HubSpotRecord> iterator = records.iterator();
      PropertyValues.Utf8Consumer verbatim = sink::field;
      long sinceProgress = 0;
      while (iterator.hasNext()) {
        control.checkNotAborted();
        HubSpotRecord record = iterator.next();
        sink.field(record.id());
        sink.field(record.createdAt());
        sink.field(record.updatedAt());
        sink.field(record.archived() ? "true" : "false");
        PropertyValues properties = record.properties();
        for (int i = 0; i < names.size(); i++) { // the stream's columns are `names`, in order
          if (!properties.copyVerbatim(i, verbatim)) {
            sink.field(properties.valueAt(i));
          }
        }
        sink.endRow();
        written[0]++;
        if (++sinceProgress == PROGRESS_EVERY) {
          listener.rowsWritten(sinceProgress);
          sinceProgress = 0;
        }
      }
      control.checkNotAborted();
      listener.rowsWritten(sinceProgress);
      progress.complete(sink, written[0]);
    } catch (IOException | RuntimeException e) {
      progress.stopped(sink, e);
      throw e;
    }
    return written[0];
  }
}
