package dev.hubspotextract.analyze;

/** Names derived from HubSpot object names: the singular used to prefix joined columns. */
final class ObjectNames {
  private ObjectNames() {}

  /**
   * {@code companies → company}, {@code line_items → line_item}, {@code addresses → address}; a
   * name that is not a plural (a custom object such as {@code my_object}) stays as it is.
   */
  static String singular(String plural) {
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
