package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a run's property histories lack a reference table they need. A history's values are as
 * internal as the records': the history of an owner property ({@code hubspot_owner_id}) is owner
 * ids, which {@code owners} names; of a pipeline or stage property, ids {@code pipelines} or {@code
 * pipeline_stages} name; of another enumeration, options {@code properties} and {@code
 * property_options} label. A reference table skipped for a scope the token lacks (or written
 * without an object's pipelines, refused for one) costs a run nothing, unless a history asked for
 * needs it (of that object): the history is written, but what reads it is not, so part of what was
 * asked is missing, a {@link FailureCategory#PERMISSION} failure of the history. Such failures are
 * kept apart from the run's (every file was written, and the manifest says which table was skipped
 * and why) for a front end to report and count as partial.
 */
public final class HistoryReferences {
  private HistoryReferences() {}

  /**
   * One failure per history and skipped reference table it needs, in the histories' order, then the
   * tables': its message names the properties, the table, and the scope to add.
   */
  public static List<TaskFailure> lacking(
      List<PlannedHistory> histories, List<ReferenceResult> references) {
    List<TaskFailure> lacking = new ArrayList<>();
    for (PlannedHistory history : histories) {
      for (ReferenceResult reference : references) {
        List<String> properties = history.readWith(reference.table());
        Optional<String> scope = reference.scopeLackedFor(history.type().name());
        if (scope.isPresent() && !properties.isEmpty()) {
          lacking.add(
              new TaskFailure(
                  history.name(),
                  false,
                  FailureCategory.PERMISSION,
                  message(history, properties, reference, scope.get())));
        }
      }
    }
    return lacking;
  }

  private static String message(
      PlannedHistory history, List<String> properties, ReferenceResult reference, String scope) {
    // a reference table names one kind of value: every property read with it is of that kind
    LabelKind kind = history.labelled().get(properties.get(0));
    return (properties.size() == 1 ? "the history of " : "the histories of ")
        + String.join(", ", properties)
        + (properties.size() == 1 ? " holds " : " hold ")
        + kind.words()
        + " that "
        + reference.table().file()
        + (reference.skipped()
            ? " names, and it was skipped"
            : " names, and it was written without those of " + history.type().name())
        + ": the access token lacks the scope "
        + scope
        + ". Add it to the private app's scopes in HubSpot and run again to have "
        + reference.table().file()
        + " beside "
        + FolderLayout.csvFile(history.name());
  }
}
