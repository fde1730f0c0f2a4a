package dev.hubspotextract.client;

import java.util.List;
import java.util.Objects;

/**
 * One property of an object as the properties API describes it. Beyond the name, every field is as
 * HubSpot sent it, or null when it sent none (a flag that was not {@code true}/{@code false}, a
 * display order that was not a whole number, are not taken either).
 *
 * @param referencedObjectType what the values are ids of ({@code OWNER}), or null
 * @param externalOptions whether the options come from elsewhere (an owner property's: the owners)
 * @param options the property's options, in HubSpot's order; empty for most types
 */
public record PropertyDefinition(
    String name,
    String label,
    String type,
    String fieldType,
    String groupName,
    String description,
    Integer displayOrder,
    Boolean calculated,
    Boolean externalOptions,
    Boolean hasUniqueValue,
    Boolean hidden,
    Boolean hubspotDefined,
    String dataSensitivity,
    String referencedObjectType,
    List<PropertyOption> options) {
  public PropertyDefinition {
    Objects.requireNonNull(name, "name is null");
    options = options == null ? List.of() : List.copyOf(options);
  }

  /** A property known by what decides its column alone: its name and types. */
  public PropertyDefinition(String name, String label, String type, String fieldType) {
    this(
        name, label, type, fieldType, null, null, null, null, null, null, null, null, null, null,
        List.of());
  }
}
