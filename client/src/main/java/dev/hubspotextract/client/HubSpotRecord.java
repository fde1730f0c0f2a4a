package dev.hubspotextract.client;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One CRM record as HubSpot sent it: values are the exact strings of the response, a property with
 * no value maps to {@code null}.
 */
public record HubSpotRecord(
    String id,
    String createdAt,
    String updatedAt,
    boolean archived,
    Map<String, String> properties) {
  public HubSpotRecord {
    Objects.requireNonNull(id, "id is null");
    properties = Collections.unmodifiableMap(new HashMap<>(properties)); // values may be null
  }
}
