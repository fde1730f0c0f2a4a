package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.util.List;
import java.util.Objects;

/**
 * Why one object or association file failed, as written to the manifest (its {@code kind} is the
 * category's {@link FailureCategory#label() label}).
 *
 * @param subject the object name or pair name ({@code deals_companies})
 * @param settings the settings {@code message} names in words, for a front end to show its own name
 *     for each (not written to the manifest, whose readers see the words)
 */
public record TaskFailure(
    String subject,
    boolean association,
    FailureCategory category,
    String message,
    List<Setting> settings) {
  public TaskFailure {
    Objects.requireNonNull(subject, "subject is null");
    Objects.requireNonNull(category, "category is null");
    Objects.requireNonNull(message, "message is null");
    settings = List.copyOf(settings);
  }

  /** A failure whose message names no setting. */
  public TaskFailure(
      String subject, boolean association, FailureCategory category, String message) {
    this(subject, association, category, message, List.of());
  }

  /** A failure whose message may name settings. */
  public TaskFailure(
      String subject, boolean association, FailureCategory category, UserText message) {
    this(subject, association, category, message.text(), message.settings());
  }

  /** The message with the settings it names. */
  public UserText text() {
    return new UserText(message, settings);
  }
}
