package dev.hubspotextract.extract;

import java.util.Objects;

/**
 * An object to pull: its file and table name ({@code deals}, or a custom object's schema name) and
 * the path segment HubSpot's API takes for it (the name for standard objects, {@code 2-…} for
 * custom ones).
 *
 * @param schemaName the name HubSpot gives it; differs from {@code name} only for a custom object
 *     whose name is taken by another output ({@code contacts} written as {@code contacts__2_123})
 */
public record ObjectType(
    String name, String objectTypeId, String apiName, boolean custom, String schemaName) {
  public ObjectType {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(objectTypeId, "objectTypeId is null");
    Objects.requireNonNull(apiName, "apiName is null");
    Objects.requireNonNull(schemaName, "schemaName is null");
  }

  /** Whether this custom object is written under another name than HubSpot's. */
  public boolean renamed() {
    return !name.equals(schemaName);
  }

  /**
   * The singular of an object name: {@code companies → company}, {@code line_items → line_item},
   * {@code addresses → address}; a name that is not a plural (a custom object such as {@code
   * my_object}) stays as it is.
   */
  public static String singularOf(String plural) {
    if (plural.endsWith("ies") && plural.length() > 3) {
      return plural.substring(0, plural.length() - 3) + "y";
    }
    if (plural.matches(".*(ss|sh|ch|x)es")) {
      return plural.substring(0, plural.length() - 2);
    }
    if (plural.endsWith("s") && !plural.endsWith("ss") && plural.length() > 1) {
      return plural.substring(0, plural.length() - 1);
    }
    return plural;
  }
}
