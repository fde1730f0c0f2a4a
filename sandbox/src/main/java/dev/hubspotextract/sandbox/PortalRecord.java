package dev.hubspotextract.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One generated record as the API serves it. {@code properties} holds every property of the object,
 * in ascending name order; a {@code null} value means the record has no value for it.
 */
public record PortalRecord(
    String id,
    Instant createdAt,
    Instant updatedAt,
    boolean archived,
    Map<String, String> properties) {
  public PortalRecord {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    Objects.requireNonNull(updatedAt, "updatedAt is null");
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }
}
