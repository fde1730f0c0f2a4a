package dev.hubspotextract.sandbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One value in a property's history, as {@code propertiesWithHistory} serves it ({@code
 * ValueWithTimestamp}).
 *
 * @param value the value then; {@code ""} for one cleared
 * @param sourceType what set it: {@code CRM_UI}, {@code API}, {@code IMPORT}, {@code CALCULATED}, …
 * @param sourceId the source's id ({@code userId:9000001}), or null when it has none
 * @param sourceLabel the source's label, or null
 * @param updatedByUserId the user who set it, or null
 */
public record PortalHistoryEntry(
    String value,
    Instant timestamp,
    String sourceType,
    String sourceId,
    String sourceLabel,
    Integer updatedByUserId) {
  public PortalHistoryEntry {
    Objects.requireNonNull(value, "value is null");
    Objects.requireNonNull(timestamp, "timestamp is null");
    Objects.requireNonNull(sourceType, "sourceType is null");
  }
}
