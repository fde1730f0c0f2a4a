package dev.hubspotextract.sandbox;

import java.util.Objects;

/**
 * An object type of the generated portal: its path name, HubSpot type id, and whether it is custom.
 */
public record PortalObjectType(String name, String objectTypeId, boolean custom) {
  public PortalObjectType {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(objectTypeId, "objectTypeId is null");
  }
}
