package dev.hubspotextract.analyze;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code join} was asked for.
 *
 * @param objects the objects in join order; the first one's rows are all kept (unless {@code
 *     inner})
 * @param inner drop rows of the first object that have no linked record in every later object
 * @param primaryOnly keep only links HubSpot marks primary, in the association files that mark any
 * @param label keep only links with this label (case-insensitive), in the association files that
 *     use it
 * @param columns the prefixed output columns ({@code company.name}, {@code deal.*}); empty for all
 * @param labels add a label column after each column of internal values ({@link Labels})
 */
public record JoinRequest(
    List<String> objects,
    boolean inner,
    boolean primaryOnly,
    Optional<String> label,
    List<String> columns,
    boolean labels) {
  /** A join without labels. */
  public JoinRequest(
      List<String> objects,
      boolean inner,
      boolean primaryOnly,
      Optional<String> label,
      List<String> columns) {
    this(objects, inner, primaryOnly, label, columns, false);
  }

  public JoinRequest {
    objects = List.copyOf(objects);
    Objects.requireNonNull(label, "label is null");
    columns = List.copyOf(columns);
    if (objects.size() < 2) {
      throw new AnalyzeException(
          "join needs at least two objects, e.g. join deals companies (got " + objects + ")");
    }
    if (new HashSet<>(objects).size() != objects.size()) {
      throw new AnalyzeException("join takes each object once (got " + objects + ")");
    }
  }
}
