package dev.hubspotextract.extract;

import dev.hubspotextract.client.HistoriesApi;
import dev.hubspotextract.client.HubSpotClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Brings one property history up to date after its object was synced: every record that changed
 * (updated, new, archived, deleted) has its rows replaced by its whole history read again, or
 * removed when it is no longer in the object's file. A pull writes a history file grouped by id,
 * ascending ({@link HistoryTask}), so replacing one record's group in place ({@link GroupedById})
 * writes the file a fresh pull would.
 */
final class HistoryRows {
  private final PlannedHistory history;
  private final RunControl control;

  HistoryRows(PlannedHistory history, RunControl control) {
    this.history = history;
    this.control = control;
  }

  /**
   * Writes {@code current} with the rows of the {@code touched} records read again to {@code
   * staged}; returns its rows, or empty when {@code current} is not grouped by id, ascending (not
   * this tool's file), which the caller then reads whole.
   *
   * @param ids the ids of the object's new file, ascending: only its records have a history in a
   *     fresh pull
   */
  OptionalLong run(
      HubSpotClient client, Path current, Path staged, FileMode mode, long[] ids, Set<Long> touched)
      throws IOException {
    if (!GroupedById.check(current, row -> {})) {
      return OptionalLong.empty();
    }
    TreeMap<Long, Map<String, List<HistoriesApi.Change>>> fresh = new TreeMap<>();
    HistoriesApi histories = client.histories();
    GroupedById.inBatches(
        GroupedById.among(touched, ids),
        HistoriesApi.MAX_INPUTS,
        control,
        batch ->
            histories
                .read(history.type().apiName(), batch, history.properties())
                .forEach(
                    (id, changes) -> {
                      Map<String, List<HistoriesApi.Change>> one = new LinkedHashMap<>();
                      one.put(id, changes);
                      fresh.put(MeetingPoint.idOf(id), one);
                    }));
    return OptionalLong.of(
        GroupedById.replace(
            current, staged, mode, HistoryTask.HEADER, touched, fresh, HistoryTask::write));
  }
}
