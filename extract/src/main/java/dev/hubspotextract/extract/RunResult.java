package dev.hubspotextract.extract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How a run went: each task's result (objects, association files, property histories), and the
 * failure that stopped the run early if one did.
 *
 * @param fatal the failure that ended the run (a rejected token, …), or null
 */
public record RunResult(
    Plan plan,
    Instant startedAt,
    Instant finishedAt,
    List<TaskResult> objects,
    List<TaskResult> associations,
    List<TaskResult> histories,
    RuntimeException fatal) {
  public RunResult {
    objects = List.copyOf(objects);
    associations = List.copyOf(associations);
    histories = List.copyOf(histories);
  }

  /** How a run that wrote no property history went. */
  public RunResult(
      Plan plan,
      Instant startedAt,
      Instant finishedAt,
      List<TaskResult> objects,
      List<TaskResult> associations,
      RuntimeException fatal) {
    this(plan, startedAt, finishedAt, objects, associations, List.of(), fatal);
  }

  /** The association files and property histories: the tables that are not objects. */
  private Stream<TaskResult> files() {
    return Stream.concat(associations.stream(), histories.stream());
  }

  /** Every failure: objects that could not be planned, then failed objects and files. */
  public List<TaskFailure> failures() {
    List<TaskFailure> failures = new ArrayList<>(plan.failedObjects());
    objects.stream().map(TaskResult::failure).filter(Objects::nonNull).forEach(failures::add);
    files().map(TaskResult::failure).filter(Objects::nonNull).forEach(failures::add);
    return failures;
  }

  /**
   * The tables this run wrote whole: each completed object, association file and property history,
   * by name.
   */
  public List<String> completedTables() {
    return Stream.concat(objects.stream(), files())
        .filter(TaskResult::completed)
        .map(TaskResult::name)
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
        + files().mapToLong(TaskResult::requests).sum();
  }
}
