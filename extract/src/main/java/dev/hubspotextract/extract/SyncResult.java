package dev.hubspotextract.extract;

import java.util.List;

/**
 * What a sync did: a line's worth per object and pair, and what failed.
 *
 * @param objects each object synced, pulled whole, or dropped, in the plan's order
 * @param pairs each association file, in the plan's order
 * @param references each reference table, rewritten whole by every sync
 * @param histories each property history, in the plan's order
 * @param failures objects and files that kept their last sync's content (stale)
 * @param manifest the manifest it wrote
 */
public record SyncResult(
    List<ObjectLine> objects,
    List<PairLine> pairs,
    List<ReferenceResult> references,
    List<PairLine> histories,
    List<TaskFailure> failures,
    Manifest manifest) {
  public SyncResult {
    objects = List.copyOf(objects);
    pairs = List.copyOf(pairs);
    references = List.copyOf(references);
    histories = List.copyOf(histories);
    failures = List.copyOf(failures);
  }

  /**
   * One object's sync.
   *
   * @param counts what changed; null when it failed or was dropped
   * @param dropped the object is no longer asked for (a custom object gone from the portal)
   */
  public record ObjectLine(String name, Manifest.SyncCounts counts, boolean dropped) {}

  /**
   * One association file's or property history's sync.
   *
   * @param whole read whole rather than only the links of changed records
   */
  public record PairLine(String name, long rows, long requests, boolean whole) {}

  public long totalRequests() {
    return objects.stream()
            .filter(o -> o.counts() != null)
            .mapToLong(o -> o.counts().requests())
            .sum()
        + pairs.stream().mapToLong(PairLine::requests).sum()
        + histories.stream().mapToLong(PairLine::requests).sum()
        + references.stream().mapToLong(ReferenceResult::requests).sum();
  }
}
