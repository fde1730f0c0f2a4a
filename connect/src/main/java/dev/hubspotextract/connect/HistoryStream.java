package dev.hubspotextract.connect;

import dev.hubspotextract.client.HistoriesApi;
import dev.hubspotextract.extract.LiveIds;
import dev.hubspotextract.extract.PlannedHistory;
import dev.hubspotextract.extract.RecordIds;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One object's property history topic, keyed by (id, property, time): a backfill of the history of
 * every live record, {@value HistoriesApi#MAX_INPUTS} a batch read, its offset the last id done,
 * then passes that read again the history of the records changed since the mark. A history only
 * grows, so nothing is tombstoned: an archived record's changes stay.
 */
final class HistoryStream {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryStream.class);

  private final String stream;
  private final String object;

  HistoryStream(String object) {
    this.object = object;
    this.stream = "history/" + object;
  }

  String name() {
    return stream;
  }

  void run(Pass pass, PlannedHistory history) {
    StreamOffsets.Offset offset = pass.offsets().get(stream);
    if (offset == null || offset.backfilling()) {
      backfill(pass, history, offset);
      return;
    }
    try (StreamWriter writer = pass.writer(stream, offset)) {
      Iterator<String> changed =
          pass.changes().since(history.type(), pass.since(offset.mark())).stream()
              .map(String::valueOf)
              .iterator();
      RecordIds.inBatches(
          changed, HistoriesApi.MAX_INPUTS, batch -> send(pass, writer, history, batch));
      writer.advance(StreamOffsets.Offset.changes(pass.startedAt(), offset.verified()));
    }
  }

  private void backfill(Pass pass, PlannedHistory history, StreamOffsets.Offset offset) {
    long mark = offset == null ? pass.startedAt() : offset.mark();
    String after = offset == null ? null : offset.after();
    String apiName = history.type().apiName();
    if (ResumedListing.refused(pass.client(), stream, apiName, after)) {
      backfill(pass, history, StreamOffsets.Offset.backfill(null, pass.startedAt()));
      return;
    }
    try (StreamWriter writer = pass.writer(stream, StreamOffsets.Offset.backfill(after, mark));
        Stream<String> ids =
            after == null
                ? pass.changes().liveIds(history.type())
                : LiveIds.after(pass.client(), apiName, after)) {
      RecordIds.inBatches(
          ids.iterator(),
          HistoriesApi.MAX_INPUTS,
          batch -> {
            send(pass, writer, history, batch);
            writer.advance(StreamOffsets.Offset.backfill(batch.get(batch.size() - 1), mark));
          });
      writer.advance(StreamOffsets.Offset.changes(mark, mark));
    }
    LOG.info("{}: backfill complete", stream);
  }

  private void send(Pass pass, StreamWriter writer, PlannedHistory history, List<String> ids) {
    String topic = pass.topics().history(history);
    Schema keySchema = pass.schemas().historyKey(history);
    Schema valueSchema = pass.schemas().historyValue(history);
    Map<String, List<HistoriesApi.Change>> read =
        pass.client().histories().read(history.type().apiName(), ids, history.properties());
    for (List<HistoriesApi.Change> changes : read.values()) {
      for (HistoriesApi.Change change : changes) {
        Struct[] row = pass.values().history(keySchema, valueSchema, object, change);
        if (row != null) {
          writer.send(topic, keySchema, row[0], valueSchema, row[1]);
        }
      }
    }
  }
}
