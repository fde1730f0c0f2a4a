package dev.hubspotextract.extract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How a run went: each task's result, and the failure that stopped the run early if one did.
 *
 * @param fatal the failure that ended the run (a rejected token, …), or null
 */
public record RunResult(
    Plan plan,
    Instant startedAt,
    Instant finishedAt,
    List<TaskResult> objects,
    List<TaskResult> associations,
    RuntimeException fatal) {
  public RunResult {
    objects = List.copyOf(objects);
    associations = List.copyOf(associations);
  }

  /** Every failure: objects that could not be planned, then failed objects and files. */
  public List<TaskFailure> failures() {
    List<TaskFailure> failures = new ArrayList<>(plan.failedObjects());
    objects.stream().map(TaskResult::failure).filter(Objects::nonNull).forEach(failures::add);
    associations.stream().map(TaskResult::failure).filter(Objects::nonNull).forEach(failures::add);
    return failures;
  }

  /** The tables this run wrote whole: each completed object and association file, by name. */
  public List<String> completedTables() {
    return Stream.concat(objects.stream(), associations.stream())
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

  public long totalRequests() {
    return objects.stream().mapToLong(TaskResult::requests).sum()
        + associations.stream().mapToLong(TaskResult::requests).sum();
  }
}
