package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import java.util.Objects;

/**
 * Why one object or association file failed, as written to the manifest (its {@code kind} is the
 * category's {@link FailureCategory#label() label}).
 *
 * @param subject the object name or pair name ({@code deals_companies})
 */
public record TaskFailure(
    String subject, boolean association, FailureCategory category, String message) {
  public TaskFailure {
    Objects.requireNonNull(subject, "subject is null");
    Objects.requireNonNull(category, "category is null");
    Objects.requireNonNull(message, "message is null");
  }
}
