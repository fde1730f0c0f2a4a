package dev.hubspotextract.extract;

import dev.hubspotextract.client.PropertyDefinition;
import java.util.List;
import java.util.Objects;

/**
 * An object to pull with the properties that become its columns, ascending by name.
 *
 * @param batchRead whether the property list is too long for a GET, so each page takes a batch read
 */
public record PlannedObject(
    ObjectType type, List<PropertyDefinition> properties, boolean batchRead) {
  public PlannedObject {
    Objects.requireNonNull(type, "type is null");
    properties = List.copyOf(properties);
  }

  public String fileName() {
    return type.fileName();
  }

  public List<String> propertyNames() {
    return properties.stream().map(PropertyDefinition::name).toList();
  }
}
