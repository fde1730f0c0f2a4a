package dev.hubspotextract.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sync makes of the reference tables it read again, as it makes of its other tables: a table
 * read (whole, or without the objects whose pipelines a scope keeps out) replaces the old file, as
 * a fresh pull writes it; one skipped for a scope the token lacks drops the old file, as a fresh
 * pull would not have it; one that failed (or lost an object's pipelines to a failure) keeps the
 * old file, its entry marked stale, unless there is no old file to keep, when it goes as in a pull.
 */
final class SyncedReferences {
  private final List<Manifest.ReferenceEntry> entries = new ArrayList<>();
  private final List<String> dropped = new ArrayList<>();
  private final List<ReferenceTable> kept = new ArrayList<>();

  SyncedReferences(Manifest earlier, List<ReferenceResult> results) {
    Map<String, Manifest.ReferenceEntry> before = new LinkedHashMap<>();
    earlier.references().forEach(entry -> before.put(entry.tableName(), entry));
    for (ReferenceResult result : results) {
      Manifest.ReferenceEntry old = before.get(result.name());
      if (result.failures().isEmpty()) {
        entries.add(Manifest.ReferenceEntry.of(result));
        if (result.skipped()) {
          dropped.add(result.table().file());
        }
      } else if (old != null && !old.failed()) {
        entries.add(old.stale());
        kept.add(result.table());
      } else {
        entries.add(Manifest.ReferenceEntry.of(result));
      }
    }
  }

  /** The tables' manifest entries, in the results' order. */
  List<Manifest.ReferenceEntry> entries() {
    return entries;
  }

  /** The files of the tables skipped for a scope: the old ones go. */
  List<String> droppedFiles() {
    return dropped;
  }

  /**
   * The tables kept as the sync before left them: what this sync wrote of them must not move in.
   */
  List<ReferenceTable> keptAsTheyWere() {
    return kept;
  }
}
