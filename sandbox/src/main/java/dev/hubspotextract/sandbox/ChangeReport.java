package dev.hubspotextract.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link ChangeSet} did: the ids of the records each kind of change touched, ascending
 * (merges by the merged record's id).
 *
 * @param bulkUpdatedAt the one last-modified time every bulk-updated record got, or {@code null}
 *     when the set bulk-updated none
 * @param newProperty the property added, or {@code null}
 */
public record ChangeReport(
    String object,
    List<String> created,
    List<String> updated,
    List<String> bulkUpdated,
    Instant bulkUpdatedAt,
    List<String> archived,
    List<String> deleted,
    List<Merge> merged,
    List<LinkEdit> relinked,
    String newProperty) {
  /**
   * One record's links edited: to {@code toObject}, the link to {@code unlinkedId} removed and one
   * to {@code linkedId} added (either {@code null} when there was none to remove or add).
   */
  public record LinkEdit(String id, String toObject, String unlinkedId, String linkedId) {
    public LinkEdit {
      Objects.requireNonNull(id, "id is null");
      Objects.requireNonNull(toObject, "toObject is null");
    }
  }

  /** One record merged: {@code id} is gone, merged into the record {@code intoId}. */
  public record Merge(String id, String intoId) {
    public Merge {
      Objects.requireNonNull(id, "id is null");
      Objects.requireNonNull(intoId, "intoId is null");
    }
  }

  public ChangeReport {
    Objects.requireNonNull(object, "object is null");
    created = List.copyOf(created);
    updated = List.copyOf(updated);
    bulkUpdated = List.copyOf(bulkUpdated);
    archived = List.copyOf(archived);
    deleted = List.copyOf(deleted);
    merged = List.copyOf(merged);
    relinked = List.copyOf(relinked);
  }
}
