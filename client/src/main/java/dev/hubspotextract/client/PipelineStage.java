package dev.hubspotextract.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stage of a pipeline; every field but the id as HubSpot sent it, or null when it sent none.
 *
 * @param metadata the stage's metadata, text by key, as HubSpot sends it: {@code probability} and
 *     {@code isClosed} for deals, {@code ticketState} and {@code isClosed} for tickets
 */
public record PipelineStage(
    String id,
    String label,
    Integer displayOrder,
    Map<String, String> metadata,
    Boolean archived,
    String createdAt,
    String updatedAt) {
  public PipelineStage {
    Objects.requireNonNull(id, "id is null");
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
