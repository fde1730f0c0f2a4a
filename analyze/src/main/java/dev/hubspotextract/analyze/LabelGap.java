package dev.hubspotextract.analyze;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.ReferenceTable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Labels {@code --labels} could not give, as a reference table they come from is not in the folder:
 * its columns' labels are their values instead, and the answer is partial.
 *
 * @param tables the reference tables missing
 * @param category {@link FailureCategory#PERMISSION} when the pull's token lacked the scope to read
 *     them; {@link FailureCategory#USAGE} when the folder lacks them otherwise (pulled by an
 *     earlier version, the table failed, its file deleted)
 * @param text what is missing and how to have it: the scope to add, or the pull to run again
 * @param pull the pull that writes them, as {@code text} says it in words; empty when a scope must
 *     be added first
 */
public record LabelGap(
    List<ReferenceTable> tables, FailureCategory category, UserText text, Optional<PullHint> pull) {
  public LabelGap {
    tables = List.copyOf(tables);
    Objects.requireNonNull(category, "category is null");
    Objects.requireNonNull(text, "text is null");
    Objects.requireNonNull(pull, "pull is null");
  }
}
