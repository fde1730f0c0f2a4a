package dev.hubspotextract.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * A property definition of the generated portal, as {@code GET /crm/v3/properties/{objectType}}
 * serves it.
 *
 * @param type HubSpot's type: string, number, date, datetime, enumeration, bool, phone_number
 * @param options the allowed option values of enumeration and bool properties (empty otherwise)
 * @param optionDetails the same options with their labels, display order and hidden flag
 * @param displayOrder its place in the object's list of properties of its sensitivity
 * @param referencedObjectType what its values are ids of ({@code OWNER}), or null; such a
 *     property's options come from elsewhere ({@code externalOptions}), an owner property's listing
 *     the active owners only
 */
public record PortalProperty(
    String name,
    String label,
    String type,
    String fieldType,
    String groupName,
    List<String> options,
    boolean hubspotDefined,
    String description,
    int displayOrder,
    boolean calculated,
    boolean hasUniqueValue,
    boolean hidden,
    String dataSensitivity,
    String referencedObjectType,
    List<Option> optionDetails) {
  public PortalProperty {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    options = List.copyOf(options);
    optionDetails = List.copyOf(optionDetails);
  }

  /** Whether its options are HubSpot's list of something else (owners), not its own. */
  public boolean externalOptions() {
    return referencedObjectType != null;
  }

  /** One option, as served. */
  public record Option(String value, String label, int displayOrder, boolean hidden) {}
}
