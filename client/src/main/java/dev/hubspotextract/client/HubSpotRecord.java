package dev.hubspotextract.client;

import java.util.Objects;

/**
 * One CRM record as HubSpot sent it: values are the exact strings of the response, a property with
 * no value is {@code null}.
 */
public record HubSpotRecord(
    String id, String createdAt, String updatedAt, boolean archived, PropertyValues properties) {
  public HubSpotRecord {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(properties, "properties is null");
  }
}
