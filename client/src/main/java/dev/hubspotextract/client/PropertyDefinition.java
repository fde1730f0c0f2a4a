package dev.hubspotextract.client;

import java.util.Objects;

/** One property of an object as the properties API describes it. */
public record PropertyDefinition(String name, String label, String type, String fieldType) {
  public PropertyDefinition {
    Objects.requireNonNull(name, "name is null");
  }
}
