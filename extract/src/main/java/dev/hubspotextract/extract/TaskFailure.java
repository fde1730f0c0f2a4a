package dev.hubspotextract.extract;

import java.util.Objects;

/**
 * Why one object or association file failed, as written to the manifest.
 *
 * @param subject the object name or pair name ({@code deals_companies})
 * @param kind usage, authentication, permission, rate_limit, transient, external, not_hubspot,
 *     output or internal
 */
public record TaskFailure(String subject, boolean association, String kind, String message) {
  public TaskFailure {
    Objects.requireNonNull(subject, "subject is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(message, "message is null");
  }
}
