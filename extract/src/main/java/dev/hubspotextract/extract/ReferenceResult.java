package dev.hubspotextract.extract;

import java.util.Objects;

/**
 * How one reference table went: written whole, skipped for a scope the token lacks, or failed.
 *
 * @param rows the rows written
 * @param requests the API calls it took (the pipeline stages come with the pipelines' calls)
 * @param missingScope the scope to add, when it was skipped; null otherwise
 * @param failure why it failed, or null
 */
public record ReferenceResult(
    ReferenceTable table,
    long rows,
    long requests,
    double seconds,
    String missingScope,
    TaskFailure failure) {
  /** The manifest's status of a table skipped for a missing scope. */
  public static final String SKIPPED = "skipped";

  public ReferenceResult {
    Objects.requireNonNull(table, "table is null");
    if (missingScope != null && failure != null) {
      throw new IllegalArgumentException("a table is skipped or failed, not both");
    }
  }

  public String name() {
    return table.tableName();
  }

  public boolean completed() {
    return missingScope == null && failure == null;
  }

  public boolean skipped() {
    return missingScope != null;
  }

  /** {@code complete}, {@code skipped} or {@code failed}, as the manifest writes it. */
  public String status() {
    return completed() ? Manifest.COMPLETE : skipped() ? SKIPPED : Manifest.FAILED;
  }
}
