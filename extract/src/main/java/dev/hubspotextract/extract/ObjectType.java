package dev.hubspotextract.extract;

import java.util.Objects;

/**
 * An object to pull: its file name ({@code deals}, or a custom object's schema name) and the path
 * segment HubSpot's API takes for it (the name for standard objects, {@code 2-…} for custom ones).
 */
public record ObjectType(String name, String objectTypeId, String apiName, boolean custom) {
  public ObjectType {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(objectTypeId, "objectTypeId is null");
    Objects.requireNonNull(apiName, "apiName is null");
  }
}
