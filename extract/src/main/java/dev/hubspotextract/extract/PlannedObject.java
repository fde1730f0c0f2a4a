package dev.hubspotextract.extract;

import dev.hubspotextract.client.DataSensitivity;
import dev.hubspotextract.client.PropertyDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An object to pull with the properties that become its columns, ascending by name.
 *
 * @param readMode how the object's records are read: by which cursors, and whether their list pages
 *     carry the properties or only ids to batch read
 * @param skipped how many properties of each sensitivity level were left out (-1: not known, the
 *     token may not list them); a level pulled is absent
 */
public record PlannedObject(
    ObjectType type,
    List<PropertyDefinition> properties,
    ReadMode readMode,
    Map<DataSensitivity, Integer> skipped) {
  public PlannedObject {
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(readMode, "readMode is null");
    properties = List.copyOf(properties);
    skipped = Map.copyOf(skipped);
  }

  public List<String> propertyNames() {
    return properties.stream().map(PropertyDefinition::name).toList();
  }
}
