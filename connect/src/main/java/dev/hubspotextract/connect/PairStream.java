package dev.hubspotextract.connect;

import dev.hubspotextract.client.AssociationRow;
import dev.hubspotextract.client.AssociationsApi;
import dev.hubspotextract.extract.AssociationPair;
import dev.hubspotextract.extract.LiveIds;
import dev.hubspotextract.extract.RecordIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One association pair's topic, keyed by (from, to, type): a backfill of the links of every live
 * from-record, a thousand ids a batch read, then passes that read again the links of the
 * from-records that changed and of those linked to changed to-records (the engine's sync does the
 * same), and, in a full pass, every link, tombstoning the keys the topic holds that are no longer
 * linked: only a full pass sees a link removed. A backfill's offset is the last from-id done.
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

  /**
   * A backfill step, or a pass of changes, or a full pass when one is due and the topic's keys can
   * be read back (read first: when they cannot be, the pass follows the changes instead).
   */
  void run(Pass pass) {
    StreamOffsets.Offset offset = pass.offsets().get(stream);
    if (offset == null || offset.backfilling()) {
      backfill(pass, offset);
      return;
    }
    Optional<Set<Object>> keys =
        pass.fullRereadDue(offset.verified())
            ? pass.readBack().keys(pass.topics().pair(pair))
            : Optional.empty();
    if (keys.isPresent()) {
      full(pass, offset, keys.get());
    } else {
      changes(pass, offset);
    }
  }

  private void backfill(Pass pass, StreamOffsets.Offset offset) {
    long mark = offset == null ? pass.startedAt() : offset.mark();
    String after = offset == null ? null : offset.after();
    if (pair.fromIds().isEmpty()
        && ResumedListing.refused(pass.client(), stream, pair.from().apiName(), after)) {
      backfill(pass, StreamOffsets.Offset.backfill(null, pass.startedAt()));
      return;
    }
    try (StreamWriter writer = pass.writer(stream, StreamOffsets.Offset.backfill(after, mark));
        Stream<String> ids = fromIds(pass, after)) {
      RecordIds.inBatches(
          ids.iterator(),
          AssociationsApi.MAX_INPUTS,
          batch -> {
            readLinks(pass, writer, batch, row -> {});
            writer.advance(StreamOffsets.Offset.backfill(batch.get(batch.size() - 1), mark));
          });
      writer.advance(StreamOffsets.Offset.changes(mark, mark));
    }
    LOG.info("{}: backfill complete", stream);
  }

  /**
   * The links of the from-records changed since the mark, and of the from-records now linked to
   * to-records changed since it.
   */
  private void changes(Pass pass, StreamOffsets.Offset offset) {
    try (StreamWriter writer = pass.writer(stream, offset)) {
      long since = pass.since(offset.mark());
      TreeSet<Long> reread = new TreeSet<>(pass.changes().since(pair.from(), since));
      TreeSet<Long> changedTo = pass.changes().since(pair.to(), since);
      AssociationsApi associations = pass.client().associations();
      RecordIds.inBatches(
          changedTo.stream().map(String::valueOf).iterator(),
          AssociationsApi.MAX_INPUTS,
          batch ->
              associations.read(
                  pair.to().apiName(),
                  pair.from().apiName(),
                  batch,
                  row -> reread.add(RecordIds.parse(row.toId()))));
      RecordIds.inBatches(
          reread.stream().map(String::valueOf).iterator(),
          AssociationsApi.MAX_INPUTS,
          batch -> readLinks(pass, writer, batch, row -> {}));
      writer.advance(StreamOffsets.Offset.changes(pass.startedAt(), offset.verified()));
    }
  }

  /**
   * Every link sent again, and a tombstone for each key the topic held ({@code present}, read back
   * before the links were read) that is not among them.
   */
  private void full(Pass pass, StreamOffsets.Offset offset, Set<Object> present) {
    String topic = pass.topics().pair(pair);
    Schema keySchema = pass.schemas().pairKey(pair);
    Set<List<String>> linked = new HashSet<>();
    long removed = 0;
    try (StreamWriter writer = pass.writer(stream, offset);
        Stream<String> ids = fromIds(pass, null)) {
      RecordIds.inBatches(
          ids.iterator(),
          AssociationsApi.MAX_INPUTS,
          batch ->
              readLinks(
                  pass,
                  writer,
                  batch,
                  row ->
                      linked.add(
                          List.of(
                              Long.toString(RecordIds.parse(row.fromId())),
                              Long.toString(RecordIds.parse(row.toId())),
                              row.typeId().trim()))));
      for (Object key : present) {
        List<String> text = RecordSchemas.keyText(key, RecordSchemas.PAIR_KEY_FIELDS);
        if (!linked.contains(text)) {
          writer.tombstone(topic, keySchema, ValueParsing.pairKey(keySchema, text));
          removed++;
        }
      }
      writer.advance(StreamOffsets.Offset.changes(pass.startedAt(), pass.startedAt()));
    }
    LOG.info("{}: read whole, {} links, {} removed since", stream, linked.size(), removed);
  }

  /**
   * The live ids of the from-object above {@code after}, ascending: the whole list is the pass's
   * (read once for every stream that needs it), a backfill going on lists what is left.
   */
  private Stream<String> fromIds(Pass pass, String after) {
    if (!pair.fromIds().isEmpty()) {
      return pair.fromIds().stream()
          .filter(id -> after == null || RecordIds.parse(id) > RecordIds.parse(after));
    }
    return after == null
        ? pass.changes().liveIds(pair.from())
        : LiveIds.after(pass.client(), pair.from().apiName(), after);
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
          ValueParsing.pairKey(keySchema, row),
          valueSchema,
          ValueParsing.pairValue(valueSchema, row));
    }
  }
}
