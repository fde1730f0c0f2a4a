package dev.hubspotextract.client;

import java.util.Objects;

/** A custom object's definition from {@code /crm-object-schemas/v3/schemas}. */
public record ObjectSchema(String name, String objectTypeId, String fullyQualifiedName) {
  public ObjectSchema {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(objectTypeId, "objectTypeId is null");
  }
}
