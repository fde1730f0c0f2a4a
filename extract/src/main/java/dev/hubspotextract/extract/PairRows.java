package dev.hubspotextract.extract;

import dev.hubspotextract.client.AssociationRow;
import dev.hubspotextract.client.AssociationsApi;
import dev.hubspotextract.client.HubSpotClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings one association file up to date after its objects were synced: the links of every
 * from-record that changed, or that links to a to-record that changed, are read again and replace
 * that record's rows. A pull writes a pair file grouped by from-id, ascending ({@link
 * AssociationTask#groupedByFromId}), so replacing one record's group in place writes the file a
 * fresh pull would ({@link GroupedById}).
 *
 * <p>The from-records linked to a changed to-record are those its old rows name and those a read
 * from the to-side names now (a link added since, to a from-record whose date did not move).
 */
final class PairRows {
  private final AssociationPair pair;
  private final RunControl control;

  PairRows(AssociationPair pair, RunControl control) {
    this.pair = pair;
    this.control = control;
  }

  /**
   * Writes {@code current} with the links of the records touched on either side read again to
   * {@code staged}; returns its rows, or empty when {@code current} is not grouped by from-id (a
   * file of an earlier version), which the caller then reads whole.
   *
   * @param fromIds the ids of the from-object's new file, ascending: only its records have links in
   *     a fresh pull
   */
  OptionalLong run(
      HubSpotClient client,
      Path current,
      Path staged,
      FileMode mode,
      long[] fromIds,
      Set<Long> touchedFrom,
      Set<Long> touchedTo)
      throws IOException {
    TreeSet<Long> reread = new TreeSet<>(touchedFrom);
    // the from-ids of the rows that link to a changed to-record
    boolean grouped =
        GroupedById.check(
            current,
            row -> {
              if (touchedTo.contains(MeetingPoint.idOf(row.getField(1)))) {
                reread.add(MeetingPoint.idOf(row.getField(0)));
              }
            });
    if (!grouped) {
      return OptionalLong.empty();
    }
    AssociationsApi associations = client.associations();
    GroupedById.inBatches(
        touchedTo,
        AssociationsApi.MAX_INPUTS,
        control,
        batch ->
            associations.read(
                pair.to().apiName(),
                pair.from().apiName(),
                batch,
                row -> reread.add(MeetingPoint.idOf(row.toId()))));
    TreeMap<Long, List<AssociationRow>> fresh = new TreeMap<>();
    GroupedById.inBatches(
        GroupedById.among(reread, fromIds),
        AssociationsApi.MAX_INPUTS,
        control,
        batch -> {
          List<AssociationRow> read = new ArrayList<>();
          associations.read(pair.from().apiName(), pair.to().apiName(), batch, read::add);
          for (AssociationRow row : AssociationTask.groupedByFromId(read, batch)) {
            fresh
                .computeIfAbsent(MeetingPoint.idOf(row.fromId()), id -> new ArrayList<>())
                .add(row);
          }
        });
    return OptionalLong.of(
        GroupedById.replace(
            current, staged, mode, AssociationTask.HEADER, reread, fresh, PairRows::write));
  }

  private static long write(CsvFileSink sink, List<AssociationRow> group) {
    for (AssociationRow row : group) {
      sink.write(row.fromId(), row.toId(), row.typeId(), row.category(), row.label());
    }
    return group.size();
  }
}
