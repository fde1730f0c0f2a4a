package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Streams one object's records from HubSpot straight into its CSV file. */
final class ObjectTask {
  private static final int PROGRESS_EVERY = 100;
  private final PlannedObject object;
  private final long maxRecords;
  private final Path outDir;

  ObjectTask(PlannedObject object, long maxRecords, Path outDir) {
    this.object = object;
    this.maxRecords = maxRecords;
    this.outDir = outDir;
  }

  static List<String> header(PlannedObject object) {
    List<String> header = new ArrayList<>(List.of("id", "createdAt", "updatedAt", "archived"));
    header.addAll(object.propertyNames());
    return header;
  }

  /** Writes the file and returns the number of records. */
  long run(HubSpotClient client, RunControl control, StatusListener listener) throws IOException {
    List<String> names = object.propertyNames();
    long written = 0;
    try (RowSink sink =
            new CsvFileSink(
                outDir.resolve(object.fileName()), header(object).toArray(String[]::new));
        Stream<HubSpotRecord> records =
            client.objects().stream(object.type().apiName(), names, maxRecords)) {
      Iterator<HubSpotRecord> iterator = records.iterator();
      String[] row = new String[4 + names.size()];
      while (iterator.hasNext()) {
        control.checkNotAborted();
        HubSpotRecord record = iterator.next();
        row[0] = record.id();
        row[1] = record.createdAt();
        row[2] = record.updatedAt();
        row[3] = String.valueOf(record.archived());
        for (int i = 0; i < names.size(); i++) {
          row[4 + i] = record.properties().get(names.get(i));
        }
        sink.write(row);
        if (++written % PROGRESS_EVERY == 0) {
          listener.rowsWritten(PROGRESS_EVERY);
        }
      }
      control.checkNotAborted();
      sink.complete();
    }
    listener.rowsWritten(written % PROGRESS_EVERY);
    return written;
  }
}
