package dev.hubspotextract.connect;

import dev.hubspotextract.client.AssociationRow;
import dev.hubspotextract.client.AssociationsApi;
import dev.hubspotextract.extract.AssociationPair;
import dev.hubspotextract.extract.LiveIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One association pair's topic, keyed by (from, to, type): a backfill of the links of every live
 * from-record, a thousand ids a batch read, then passes that read again the links of the
 * from-records that changed and of those linked to changed to-records (the engine's sync does the
 * same), and, in a full pass, every link, tombstoning the keys the topic holds that are no longer
 * linked: only a full pass sees a link removed.
 */
final class PairStream {
  private static final Logger LOG = LoggerFactory.getLogger(PairStream.class);

  private final String stream;
  private final AssociationPair pair;

  PairStream(AssociationPair pair) {
    this.pair = pair;
    this.stream = "pair/" + pair.from().name() + "/" + pair.to().name();
  }

  String name() {
    return stream;
  }

  void run(Pass pass) {
    StreamOffsets.Offset offset = pass.offsets().get(stream);
    if (offset == null || offset.backfilling()) {
      backfill(pass, offset);
    } else if (pass.fullRereadDue(offset.verified())) {
      full(pass, offset);
    } else {
      changes(pass, offset);
    }
  }

  private void backfill(Pass pass, StreamOffsets.Offset offset) {
    long mark = offset == null ? pass.startedAt() : offset.mark();
    String after = offset == null ? null : offset.after();
    StreamWriter writer = pass.writer(stream, StreamOffsets.Offset.backfill(after, mark));
    Stream<String> ids;
    try {
      ids = fromIds(pass, after);
    } catch (RuntimeException e) {
      if (!StreamOffsets.cursorRejected(e, after)) {
        throw e;
      }
      LOG.warn(
          "HubSpot refused to go on listing {} after id {} ({}): the backfill of {} starts over",
          pair.from().name(),
          after,
          e.getMessage(),
          stream);
      backfill(pass, StreamOffsets.Offset.backfill(null, pass.startedAt()));
      return;
    }
    try (ids) {
      inBatches(
          ids.iterator(),
          batch -> {
            readLinks(pass, writer, batch, row -> {});
            writer.advance(StreamOffsets.Offset.backfill(batch.get(batch.size() - 1), mark));
          });
    }
    writer.advance(StreamOffsets.Offset.changes(mark, mark));
    LOG.info("{}: backfill complete", stream);
  }

  /**
   * The links of the from-records changed since the mark, and of the from-records now linked to
   * to-records changed since it.
   */
  private void changes(Pass pass, StreamOffsets.Offset offset) {
    StreamWriter writer = pass.writer(stream, offset);
    long since = pass.since(offset.mark());
    TreeSet<Long> reread = new TreeSet<>(pass.changes().since(pair.from(), since));
    TreeSet<Long> changedTo = pass.changes().since(pair.to(), since);
    AssociationsApi associations = pass.client().associations();
    inBatches(
        changedTo.stream().map(String::valueOf).iterator(),
        batch ->
            associations.read(
                pair.to().apiName(),
                pair.from().apiName(),
                batch,
                row -> reread.add(RecordSchemas.id(row.toId()))));
    inBatches(
        reread.stream().map(String::valueOf).iterator(),
        batch -> readLinks(pass, writer, batch, row -> {}));
    writer.advance(StreamOffsets.Offset.changes(pass.startedAt(), offset.verified()));
  }

  /** Every link sent again, and a tombstone for each key the topic holds that is not among them. */
  private void full(Pass pass, StreamOffsets.Offset offset) {
    StreamWriter writer = pass.writer(stream, offset);
    Set<List<String>> linked = new HashSet<>();
    try (Stream<String> ids = fromIds(pass, null)) {
      inBatches(
          ids.iterator(),
          batch ->
              readLinks(
                  pass,
                  writer,
                  batch,
                  row ->
                      linked.add(
                          List.of(
                              Long.toString(RecordSchemas.id(row.fromId())),
                              Long.toString(RecordSchemas.id(row.toId())),
                              row.typeId().trim()))));
    }
    String topic = pass.topics().pair(pair);
    Schema keySchema = pass.schemas().pairKey(pair);
    long removed = 0;
    for (Object key : pass.topicKeys().keys(topic)) {
      List<String> text = RecordSchemas.keyText(key, RecordSchemas.PAIR_KEY_FIELDS);
      if (!linked.contains(text)) {
        writer.tombstone(
            topic,
            keySchema,
            new Struct(keySchema)
                .put("from_id", Long.parseLong(text.get(0)))
                .put("to_id", Long.parseLong(text.get(1)))
                .put("association_type_id", Integer.parseInt(text.get(2))));
        removed++;
      }
    }
    writer.advance(StreamOffsets.Offset.changes(pass.startedAt(), pass.startedAt()));
    LOG.info("{}: read whole, {} links, {} removed since", stream, linked.size(), removed);
  }

  /** The live ids of the from-object above {@code after}, ascending. */
  private Stream<String> fromIds(Pass pass, String after) {
    if (!pair.fromIds().isEmpty()) {
      return pair.fromIds().stream()
          .filter(id -> after == null || RecordSchemas.id(id) > RecordSchemas.id(after));
    }
    return LiveIds.after(pass.client(), pair.from().apiName(), after);
  }

  /** Reads the links of these from-ids and sends each, telling {@code seen} of each too. */
  private void readLinks(
      Pass pass, StreamWriter writer, List<String> fromIds, Consumer<AssociationRow> seen) {
    String topic = pass.topics().pair(pair);
    Schema keySchema = pass.schemas().pairKey(pair);
    Schema valueSchema = pass.schemas().pairValue(pair);
    List<AssociationRow> rows = new ArrayList<>();
    pass.client()
        .associations()
        .read(pair.from().apiName(), pair.to().apiName(), fromIds, rows::add);
    for (AssociationRow row : rows) {
      seen.accept(row);
      writer.send(
          topic,
          keySchema,
          RecordSchemas.pairKey(keySchema, row),
          valueSchema,
          RecordSchemas.pairValue(valueSchema, row));
    }
  }

  /** Hands the ids out in batches of a v4 batch read's largest input. */
  private static void inBatches(Iterator<String> ids, Consumer<List<String>> each) {
    List<String> batch = new ArrayList<>(AssociationsApi.MAX_INPUTS);
    while (ids.hasNext()) {
      batch.add(ids.next());
      if (batch.size() == AssociationsApi.MAX_INPUTS || !ids.hasNext()) {
        each.accept(List.copyOf(batch));
        batch.clear();
      }
    }
  }
}
