package dev.hubspotextract.extract;

import dev.hubspotextract.client.ObjectSchema;
import dev.hubspotextract.client.ServerText;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the pull accepts of the names a server sends, checked where they enter the plan: a name that
 * becomes a file or a column must not be able to leave the output folder, take another output's
 * file or break a reader. A real portal never fails these checks; a wrong base URL, a compromised
 * endpoint or anyone on a plain-http path can.
 */
final class ServerNames {
  /** HubSpot's documented rule for a custom object's schema name. */
  private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");

  /** {@code 2-123456}: it goes into URLs and, for a renamed object, into its file name. */
  private static final Pattern OBJECT_TYPE_ID = Pattern.compile("\\d{1,9}-\\d{1,18}");

  /**
   * The tool's own files and the reference tables it writes or will write beside the objects (the
   * manifest, the DuckDB file's name, owners, pipelines, …): a custom object may not take them.
   */
  private static final Set<String> TOOL_NAMES =
      Stream.of(
              FolderLayout.ownTableNames().stream(),
              Stream.of(ReferenceTable.values()).map(ReferenceTable::tableName),
              Stream.of("property_history", "association_labels"))
          .flatMap(names -> names)
          .collect(Collectors.toUnmodifiableSet());

  private ServerNames() {}

  /** Why a custom object's schema cannot be pulled under its name; empty when it can. */
  static Optional<UserText> schemaProblem(ObjectSchema schema) {
    if (!SCHEMA_NAME.matcher(schema.name()).matches()) {
      return Optional.of(
          UserText.of(
              "HubSpot sent a custom object named '"
                  + shown(schema.name())
                  + "', which is not a HubSpot schema name (a letter, then up to 99 letters, digits"
                  + " or _); it was skipped, as a file name from the server must stay inside the"
                  + " output folder."
                  + CHECK_BASE_URL,
              Setting.OUTPUT_FOLDER,
              Setting.BASE_URL));
    }
    if (!isObjectTypeId(schema.objectTypeId())) {
      return Optional.of(
          fromAnotherServer(
              "HubSpot sent custom object "
                  + schema.name()
                  + " with the type id '"
                  + shown(schema.objectTypeId())
                  + "', which is not a HubSpot type id (digits-digits, like 2-123456); it was"
                  + " skipped."));
    }
    return Optional.empty();
  }

  /** The words that end every refusal of a name: a real portal sends none of them. */
  private static final String CHECK_BASE_URL = " Check that the base URL is HubSpot's API";

  /** {@code problem}, then the question whether the base URL is HubSpot's. */
  static UserText fromAnotherServer(String problem) {
    return UserText.of(problem + CHECK_BASE_URL, Setting.BASE_URL);
  }

  static boolean isObjectTypeId(String text) {
    return OBJECT_TYPE_ID.matcher(text).matches();
  }

  /** Why a property cannot be a column under this name; empty when it can. */
  static Optional<UserText> propertyProblem(String objectName, String property) {
    if (property.isEmpty()) {
      return Optional.of(
          fromAnotherServer(
              "HubSpot sent a property of "
                  + objectName
                  + " with an empty name, which cannot be a column; "
                  + objectName
                  + " was skipped."));
    }
    if (property.chars().anyMatch(Character::isISOControl)) {
      return Optional.of(
          fromAnotherServer(
              "HubSpot sent a property of "
                  + objectName
                  + " named '"
                  + shown(property)
                  + "', with a control character (a line break, …) that no CSV reader or SQL"
                  + " column takes; "
                  + objectName
                  + " was skipped."));
    }
    return Optional.empty();
  }

  /**
   * Whether a custom object may not be written under this name because another output owns it: a
   * standard object, an association file between any two objects of the portal ({@code
   * deals_companies}), one of the tool's own files or reference tables, or a property history table
   * (any name ending {@code _property_history}). Compared in any case: DuckDB's table names and
   * some file systems ignore case.
   */
  static boolean isReserved(String name, Collection<String> objectNames) {
    String key = name.toLowerCase(Locale.ROOT);
    return TOOL_NAMES.contains(key)
        || FolderLayout.isHistoryTable(key) // another object's history, or its own
        || objectNames.stream()
            .anyMatch(
                other ->
                    other.equalsIgnoreCase(key) && ObjectCatalog.findStandard(other).isPresent())
        || isPairName(name, objectNames);
  }

  /** Whether a name is {@code {from}_{to}} for two of these objects, in any case. */
  static boolean isPairName(String name, Collection<String> objectNames) {
    String key = name.toLowerCase(Locale.ROOT);
    for (String from : objectNames) {
      String fromKey = from.toLowerCase(Locale.ROOT);
      if (key.startsWith(fromKey + "_")) {
        String rest = key.substring(fromKey.length() + 1);
        if (objectNames.stream().anyMatch(to -> to.equalsIgnoreCase(rest))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A renamed custom object's name: {@code contacts__2_123}. */
  static String disambiguated(ObjectSchema schema) {
    return schema.name() + "__" + schema.objectTypeId().replace('-', '_');
  }

  /** Text from the server as a message shows it: unsafe characters as escapes, cut at 200. */
  static String shown(String text) {
    return ServerText.excerpt(text, 200);
  }
}
