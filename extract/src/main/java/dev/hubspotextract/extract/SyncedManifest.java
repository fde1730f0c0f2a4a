package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifest a sync writes, and the lines that tell what it did, from what each part came to: an
 * object synced from its mark gets its new mark, counts and measured columns; one pulled whole gets
 * the pull's entry and why; one that failed keeps its last entry, marked stale, as does an
 * association file or property history that could not be brought up to date; an object no longer
 * asked for is dropped with its files.
 */
final class SyncedManifest {
  private final List<SyncResult.ObjectLine> objectLines = new ArrayList<>();
  private final List<SyncResult.PairLine> pairLines = new ArrayList<>();
  private final List<SyncResult.PairLine> historyLines = new ArrayList<>();
  private final List<String> droppedFiles = new ArrayList<>();

  /** Objects not asked for this time that are kept as they were: their fate is unknown. */
  private final Set<String> keptUnknown = new HashSet<>();

  private final List<TaskFailure> failures;
  private final Manifest manifest;

  SyncedManifest(
      Plan plan,
      Manifest earlier,
      Syncer.Outcomes outcomes,
      PullRequest request,
      String version,
      Instant startedAt,
      Instant finishedAt) {
    this.failures = new ArrayList<>(outcomes.failures);
    Set<String> failed = new HashSet<>();
    failures.forEach(failure -> failed.add(failure.subject()));
    List<Manifest.ObjectEntry> objects = objectEntries(plan, earlier, outcomes, failed);
    List<Manifest.AssociationEntry> pairs = pairEntries(plan, earlier, outcomes);
    String finished = finishedAt.truncatedTo(ChronoUnit.MILLIS).toString();
    this.manifest =
        new Manifest(
            Manifest.TOOL,
            version,
            FolderLayout.CSV_FORMAT,
            earlier.excel(),
            plan.source(),
            startedAt.truncatedTo(ChronoUnit.MILLIS).toString(),
            finished,
            objects,
            pairs,
            new SyncedReferences(earlier, outcomes.references).entries(),
            histories(plan, earlier, outcomes),
            failures.stream().map(Manifest.Failure::of).toList(),
            List.of(),
            finished,
            null,
            Manifest.Selection.of(request));
  }

  private List<Manifest.ObjectEntry> objectEntries(
      Plan plan, Manifest earlier, Syncer.Outcomes outcomes, Set<String> failed) {
    Map<String, Manifest.ObjectEntry> before = new LinkedHashMap<>();
    earlier.objects().forEach(entry -> before.put(entry.name(), entry));
    List<Manifest.ObjectEntry> entries = new ArrayList<>();
    for (PlannedObject object : plan.objects()) {
      String name = object.type().name();
      TaskResult whole = outcomes.pulledWhole.get(name);
      Syncer.Synced synced = outcomes.synced.get(name);
      if (failed.contains(name)) {
        if (before.containsKey(name)) {
          entries.add(before.get(name).stale());
        }
        objectLines.add(new SyncResult.ObjectLine(name, null, false));
      } else if (whole != null) {
        Manifest.SyncCounts counts =
            new Manifest.SyncCounts(
                0, whole.rows(), 0, 0, whole.requests(), outcomes.wholeBecause.get(name));
        entries.add(Manifest.ObjectEntry.of(object, whole).withLastSync(counts));
        objectLines.add(new SyncResult.ObjectLine(name, counts, false));
      } else {
        ObjectSync.Outcome outcome = synced.outcome();
        Manifest.SyncCounts counts =
            new Manifest.SyncCounts(
                outcome.updated(),
                outcome.added(),
                outcome.archived(),
                outcome.deleted(),
                synced.requests(),
                null);
        TaskResult result =
            new TaskResult(
                name,
                false,
                outcome.rows(),
                synced.requests(),
                0,
                null,
                ListOrder.IN_ORDER,
                outcome.decimals(),
                synced.mark());
        entries.add(Manifest.ObjectEntry.of(object, result).withLastSync(counts));
        objectLines.add(new SyncResult.ObjectLine(name, counts, false));
      }
    }
    Set<String> asked = new HashSet<>();
    plan.objects().forEach(object -> asked.add(object.type().name()));
    for (TaskFailure failure : plan.failedObjects()) {
      asked.add(failure.subject());
      if (before.containsKey(failure.subject())) {
        entries.add(before.get(failure.subject()).stale());
      }
    }
    // custom objects that could not be listed (a scope lost) are not known to be gone: kept
    boolean customUnknown =
        plan.failedObjects().stream()
            .anyMatch(failure -> failure.subject().equals(ObjectResolver.CUSTOM_OBJECTS));
    for (Manifest.ObjectEntry old : earlier.objects()) {
      if (asked.contains(old.name())) {
        continue;
      }
      if (customUnknown && old.objectTypeId() != null && old.objectTypeId().startsWith("2-")) {
        entries.add(old.stale());
        keptUnknown.add(old.name());
        objectLines.add(new SyncResult.ObjectLine(old.name(), null, false));
      } else {
        objectLines.add(new SyncResult.ObjectLine(old.name(), null, true));
        if (old.file() != null) {
          droppedFiles.add(old.file());
        }
      }
    }
    return entries;
  }

  private List<Manifest.AssociationEntry> pairEntries(
      Plan plan, Manifest earlier, Syncer.Outcomes outcomes) {
    Map<String, Manifest.AssociationEntry> before = new LinkedHashMap<>();
    earlier.associations().forEach(entry -> before.put(entry.tableName(), entry));
    List<Manifest.AssociationEntry> entries = new ArrayList<>();
    Set<String> written = new HashSet<>();
    for (AssociationPair pair : plan.pairs()) {
      String name = pair.name();
      written.add(name);
      TaskResult whole = outcomes.pairsPulledWhole.get(name);
      Syncer.FileSynced synced = outcomes.pairs.get(name);
      if (whole != null && whole.completed()) {
        entries.add(Manifest.AssociationEntry.of(pair, whole));
        pairLines.add(new SyncResult.PairLine(name, whole.rows(), whole.requests(), true));
      } else if (synced != null) {
        entries.add(Manifest.AssociationEntry.of(pair, synced.result(name)));
        pairLines.add(synced.line(name));
      } else if (before.containsKey(name)) {
        entries.add(before.get(name).stale());
        keptStale(name, "one of its objects failed");
      }
    }
    for (Manifest.AssociationEntry old : earlier.associations()) {
      if (written.contains(old.tableName())) {
        continue;
      }
      if (keptUnknown.contains(old.from()) || keptUnknown.contains(old.to())) {
        entries.add(old.stale());
      } else if (old.file() != null) {
        droppedFiles.add(old.file());
      }
    }
    return entries;
  }

  private List<Manifest.HistoryEntry> histories(
      Plan plan, Manifest earlier, Syncer.Outcomes outcomes) {
    Map<String, Manifest.HistoryEntry> before = new LinkedHashMap<>();
    earlier.histories().forEach(entry -> before.put(entry.tableName(), entry));
    List<Manifest.HistoryEntry> entries = new ArrayList<>();
    Set<String> written = new HashSet<>();
    for (PlannedHistory history : plan.histories()) {
      String name = history.name();
      written.add(name);
      TaskResult whole = outcomes.historiesPulledWhole.get(name);
      Syncer.FileSynced synced = outcomes.histories.get(name);
      if (whole != null && whole.completed()) {
        entries.add(Manifest.HistoryEntry.of(history, whole));
        historyLines.add(new SyncResult.PairLine(name, whole.rows(), whole.requests(), true));
      } else if (synced != null) {
        entries.add(Manifest.HistoryEntry.of(history, synced.result(name)));
        historyLines.add(synced.line(name));
      } else if (before.containsKey(name)) {
        entries.add(before.get(name).stale());
        keptStale(name, "its object failed");
      }
    }
    for (Manifest.HistoryEntry old : earlier.histories()) {
      if (written.contains(old.tableName())) {
        continue;
      }
      if (keptUnknown.contains(old.object())) {
        entries.add(old.stale());
      } else if (old.file() != null) {
        droppedFiles.add(old.file());
      }
    }
    return entries;
  }

  /**
   * Notes a file kept as the last sync left it, {@code because} an object of it failed, unless its
   * own failure is noted already.
   */
  private void keptStale(String name, String because) {
    if (failures.stream().noneMatch(failure -> failure.subject().equals(name))) {
      failures.add(
          new TaskFailure(
              name, true, FailureCategory.ABORTED, "kept as the last sync left it: " + because));
    }
  }

  Manifest manifest() {
    return manifest;
  }

  List<SyncResult.PairLine> historyLines() {
    return historyLines;
  }

  List<SyncResult.ObjectLine> objectLines() {
    return objectLines;
  }

  List<SyncResult.PairLine> pairLines() {
    return pairLines;
  }

  /** Objects and files that kept their last sync's content. */
  List<TaskFailure> failures() {
    return failures;
  }

  /**
   * The files of objects and pairs no longer asked for, deleted once the new files are in place.
   */
  List<String> droppedFiles() {
    return droppedFiles;
  }
}
