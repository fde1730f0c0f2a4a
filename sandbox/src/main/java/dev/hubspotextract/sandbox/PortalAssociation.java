package dev.hubspotextract.sandbox;

import java.util.Objects;

/**
 * One association type linking a record to another record: a pair linked by two types gives two of
 * these.
 *
 * @param category HUBSPOT_DEFINED or USER_DEFINED
 * @param label the label, or {@code null} when the type is unlabelled
 */
public record PortalAssociation(String toId, int typeId, String category, String label) {
  public PortalAssociation {
    Objects.requireNonNull(toId, "toId is null");
    Objects.requireNonNull(category, "category is null");
  }
}
