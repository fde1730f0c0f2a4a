package dev.hubspotextract.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * A property definition of the generated portal, as {@code GET /crm/v3/properties/{objectType}}
 * serves it.
 *
 * @param type HubSpot's type: string, number, date, datetime, enumeration, bool, phone_number
 * @param options the allowed option values of enumeration and bool properties (empty otherwise)
 */
public record PortalProperty(
    String name,
    String label,
    String type,
    String fieldType,
    String groupName,
    List<String> options,
    boolean hubspotDefined) {
  public PortalProperty {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    options = List.copyOf(options);
  }
}
