package dev.hubspotextract.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one reference table went: written whole, written without the rows of some objects (their
 * pipelines refused or failed: {@link #leftOut}), skipped for a scope the token lacks, or failed.
 *
 * @param rows the rows written
 * @param requests the API calls it took (the pipeline stages come with the pipelines' calls)
 * @param missingScope the scope to add, when it was skipped; null otherwise
 * @param failure why it failed, or null
 * @param leftOut the objects whose rows a written table lacks, in the plan's order; empty for a
 *     table of no object's own (owners), or one every object answered
 */
public record ReferenceResult(
    ReferenceTable table,
    long rows,
    long requests,
    double seconds,
    String missingScope,
    TaskFailure failure,
    List<LeftOut> leftOut) {
  /** The manifest's status of a table skipped for a missing scope. */
  public static final String SKIPPED = "skipped";

  /**
   * An object whose rows a written table lacks: its pipelines refused for a scope the token lacks
   * ({@code missingScope}), or failed ({@code failure}, one of the run's failures).
   */
  public record LeftOut(String object, String missingScope, TaskFailure failure) {
    public LeftOut {
      Objects.requireNonNull(object, "object is null");
      if ((missingScope == null) == (failure == null)) {
        throw new IllegalArgumentException("an object is left out for a scope or a failure");
      }
    }

    /** {@code skipped} or {@code failed}, as the manifest writes it. */
    public String status() {
      return missingScope != null ? SKIPPED : Manifest.FAILED;
    }
  }

  public ReferenceResult {
    Objects.requireNonNull(table, "table is null");
    leftOut = List.copyOf(leftOut);
    if (missingScope != null && failure != null) {
      throw new IllegalArgumentException("a table is skipped or failed, not both");
    }
    if (!leftOut.isEmpty() && (missingScope != null || failure != null)) {
      throw new IllegalArgumentException("only a written table leaves objects out");
    }
  }

  /** A table of every object's rows, or none. */
  public ReferenceResult(
      ReferenceTable table,
      long rows,
      long requests,
      double seconds,
      String missingScope,
      TaskFailure failure) {
    this(table, rows, requests, seconds, missingScope, failure, List.of());
  }

  public String name() {
    return table.tableName();
  }

  /** Written: its file is there, though it may lack some objects' rows ({@link #leftOut}). */
  public boolean completed() {
    return missingScope == null && failure == null;
  }

  public boolean skipped() {
    return missingScope != null;
  }

  /**
   * The run's failures in this table: its own, or those of the objects it left out for another
   * reason than a scope; empty when nothing failed.
   */
  public List<TaskFailure> failures() {
    if (failure != null) {
      return List.of(failure);
    }
    List<TaskFailure> failures = new ArrayList<>();
    leftOut.stream().map(LeftOut::failure).filter(Objects::nonNull).forEach(failures::add);
    return failures;
  }

  /**
   * The scope the token lacked for {@code object}'s rows: the table's, when it was skipped whole,
   * or the object's, when it was left out for one.
   */
  public Optional<String> scopeLackedFor(String object) {
    if (missingScope != null) {
      return Optional.of(missingScope);
    }
    return leftOut.stream()
        .filter(left -> left.object().equals(object) && left.missingScope() != null)
        .map(LeftOut::missingScope)
        .findFirst();
  }

  /** {@code complete}, {@code skipped} or {@code failed}, as the manifest writes it. */
  public String status() {
    return completed() ? Manifest.COMPLETE : skipped() ? SKIPPED : Manifest.FAILED;
  }
}
