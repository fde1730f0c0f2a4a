package dev.hubspotextract.client;

import java.util.Objects;

/**
 * One option of an enumeration (or bool) property, as the properties API lists it.
 *
 * @param displayOrder its place among the property's options, or null when HubSpot sent none
 * @param hidden whether HubSpot hides it from forms, or null when not sent
 */
public record PropertyOption(String value, String label, Integer displayOrder, Boolean hidden) {
  public PropertyOption {
    Objects.requireNonNull(value, "value is null");
  }
}
