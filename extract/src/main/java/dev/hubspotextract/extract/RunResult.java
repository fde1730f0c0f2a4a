package dev.hubspotextract.extract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How a run went: each task's result (objects, association files, reference tables, property
 * histories), and the failure that stopped the run early if one did.
 *
 * @param references how each reference table went, in {@link ReferenceTable}'s order; empty for a
 *     run that writes none (a sync's pull of some objects whole)
 * @param fatal the failure that ended the run (a rejected token, …), or null
 */
public record RunResult(
    Plan plan,
    Instant startedAt,
    Instant finishedAt,
    List<TaskResult> objects,
    List<TaskResult> associations,
    List<ReferenceResult> references,
    List<TaskResult> histories,
    RuntimeException fatal) {
  public RunResult {
    objects = List.copyOf(objects);
    associations = List.copyOf(associations);
    references = List.copyOf(references);
    histories = List.copyOf(histories);
  }

  /** The association files and property histories: the tables read per record of an object. */
  private Stream<TaskResult> files() {
    return Stream.concat(associations.stream(), histories.stream());
  }

  /**
   * Every failure: objects that could not be planned, then failed objects, files and reference
   * tables (a table written without an object's pipelines, which failed, among them). A reference
   * table skipped for a missing scope, or an object's pipelines left out for one, is not one: see
   * {@link #skippedReferences}.
   */
  public List<TaskFailure> failures() {
    List<TaskFailure> failures = new ArrayList<>(plan.failedObjects());
    objects.stream().map(TaskResult::failure).filter(Objects::nonNull).forEach(failures::add);
    files().map(TaskResult::failure).filter(Objects::nonNull).forEach(failures::add);
    references.stream().flatMap(reference -> reference.failures().stream()).forEach(failures::add);
    return failures;
  }

  /**
   * The reference tables not written for a scope the token lacks: the run succeeds without them,
   * unless something asked of it needs one: a property history ({@link
   * #historiesLackingReferences}), or later the labels of {@code join} and {@code sql}.
   */
  public List<ReferenceResult> skippedReferences() {
    return references.stream().filter(ReferenceResult::skipped).toList();
  }

  /**
   * The property histories written without a reference table they need, skipped for a missing
   * scope: not failures of the run, which wrote every file, but part of what was asked is missing
   * (see {@link HistoryReferences}).
   */
  public List<TaskFailure> historiesLackingReferences() {
    return HistoryReferences.lacking(plan.histories(), references);
  }

  /**
   * The tables this run wrote whole: each completed object, association file, property history and
   * reference table, by name.
   */
  public List<String> completedTables() {
    return Stream.concat(
            Stream.concat(objects.stream(), files())
                .filter(TaskResult::completed)
                .map(TaskResult::name),
            references.stream().filter(ReferenceResult::completed).map(ReferenceResult::name))
        .toList();
  }

  public long totalRecords() {
    return objects.stream().mapToLong(TaskResult::rows).sum();
  }

  public long totalAssociationRows() {
    return associations.stream().mapToLong(TaskResult::rows).sum();
  }

  /** The rows of every property history written. */
  public long totalHistoryRows() {
    return histories.stream().mapToLong(TaskResult::rows).sum();
  }

  public long totalRequests() {
    return objects.stream().mapToLong(TaskResult::requests).sum()
        + files().mapToLong(TaskResult::requests).sum()
        + references.stream().mapToLong(ReferenceResult::requests).sum();
  }
}
