package dev.hubspotextract.extract;

import dev.hubspotextract.client.ObjectSchema;
import dev.hubspotextract.client.UserText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HubSpot's 13 standard objects in the original connector's order, and the resolution of what users
 * type (any case, singular or plural, a type id, a custom object's name or fullyQualifiedName) to
 * objects.
 */
public final class ObjectCatalog {
  /** The 13 standard objects, in the order the original connector listed them. */
  public static final List<ObjectType> STANDARD =
      List.of(
          standard("contacts", "0-1"),
          standard("companies", "0-2"),
          standard("deals", "0-3"),
          standard("tickets", "0-5"),
          standard("products", "0-7"),
          standard("line_items", "0-8"),
          standard("quotes", "0-14"),
          standard("feedback_submissions", "0-19"),
          standard("calls", "0-48"),
          standard("emails", "0-49"),
          standard("meetings", "0-47"),
          standard("notes", "0-46"),
          standard("tasks", "0-27"));

  private final List<ObjectType> custom;
  private final List<Rejected> rejected;

  /** A custom object the server described with a name or type id that cannot be used. */
  public record Rejected(ObjectSchema schema, String subject, UserText reason) {}

  /**
   * The standard objects and these custom ones. A schema whose name or type id is not HubSpot's
   * shape is rejected ({@link #rejected()}); a custom object whose name another output owns ({@link
   * ServerNames#isReserved}, or another custom object's in another case) is named {@code
   * {name}__{typeId}}.
   */
  public ObjectCatalog(List<ObjectSchema> schemas) {
    List<ObjectSchema> valid = new ArrayList<>();
    List<Rejected> refused = new ArrayList<>();
    for (ObjectSchema schema : schemas) {
      Optional<UserText> problem = ServerNames.schemaProblem(schema);
      if (problem.isPresent()) {
        String subject =
            ServerNames.isObjectTypeId(schema.objectTypeId())
                ? schema.objectTypeId()
                : "custom object " + (refused.size() + 1);
        refused.add(new Rejected(schema, subject, problem.get()));
      } else {
        valid.add(schema);
      }
    }
    List<String> objectNames = new ArrayList<>();
    STANDARD.forEach(type -> objectNames.add(type.name()));
    valid.forEach(schema -> objectNames.add(schema.name()));
    Set<String> taken = new HashSet<>();
    List<ObjectType> types = new ArrayList<>();
    for (ObjectSchema schema : valid) {
      boolean clash =
          ServerNames.isReserved(schema.name(), objectNames)
              || !taken.add(schema.name().toLowerCase(Locale.ROOT));
      String name = clash ? ServerNames.disambiguated(schema) : schema.name();
      taken.add(name.toLowerCase(Locale.ROOT));
      types.add(
          new ObjectType(name, schema.objectTypeId(), schema.objectTypeId(), true, schema.name()));
    }
    this.custom = List.copyOf(withoutClashes(types, refused));
    this.rejected = List.copyOf(refused);
  }

  /**
   * The custom objects whose final names still share a file with another output (a server can send
   * a schema named like another's new name, or a type id twice): those are refused, not renamed
   * again.
   */
  private static List<ObjectType> withoutClashes(List<ObjectType> types, List<Rejected> refused) {
    List<String> names = new ArrayList<>();
    STANDARD.forEach(type -> names.add(type.name()));
    types.forEach(type -> names.add(type.name()));
    Set<String> ids = new HashSet<>();
    List<ObjectType> kept = new ArrayList<>();
    for (ObjectType type : types) {
      String key = type.name().toLowerCase(Locale.ROOT);
      long same = names.stream().filter(name -> name.equalsIgnoreCase(key)).count();
      boolean pairName = ServerNames.isPairName(type.name(), names);
      if (same > 1 || pairName || !ids.add(type.objectTypeId())) {
        refused.add(
            new Rejected(
                new ObjectSchema(type.schemaName(), type.objectTypeId(), null),
                type.objectTypeId(),
                ServerNames.fromAnotherServer(
                    "HubSpot sent custom object "
                        + type.schemaName()
                        + " ("
                        + type.objectTypeId()
                        + ") whose file name "
                        + type.name()
                        + " another output or object also takes; it was skipped.")));
      } else {
        kept.add(type);
      }
    }
    return kept;
  }

  /** The custom objects that cannot be pulled, with why. */
  public List<Rejected> rejected() {
    return rejected;
  }

  /** The rejected custom object a user typed (by type id or fullyQualifiedName), if any. */
  public Optional<Rejected> findRejected(String typed) {
    String key = typed.trim();
    return rejected.stream()
        .filter(
            r ->
                key.equalsIgnoreCase(r.schema().objectTypeId())
                    || key.equalsIgnoreCase(r.schema().fullyQualifiedName()))
        .findFirst();
  }

  /** Standard objects only: resolving needs no request to HubSpot. */
  public static ObjectCatalog standardOnly() {
    return new ObjectCatalog(List.of());
  }

  public List<ObjectType> custom() {
    return custom;
  }

  /** Standard then custom objects. */
  public List<ObjectType> all() {
    List<ObjectType> all = new ArrayList<>(STANDARD);
    all.addAll(custom);
    return all;
  }

  /** Finds an object by any of the names users type for it. */
  public Optional<ObjectType> find(String typed) {
    Optional<ObjectType> standard = findStandard(typed);
    if (standard.isPresent()) {
      return standard;
    }
    String key = typed.trim().toLowerCase(Locale.ROOT);
    for (ObjectType type : custom) {
      if (type.name().equalsIgnoreCase(key) || type.objectTypeId().equalsIgnoreCase(key)) {
        return Optional.of(type);
      }
    }
    for (ObjectType type : custom) { // a renamed object by HubSpot's name; a singular name
      if (type.schemaName().equalsIgnoreCase(key) || type.name().equalsIgnoreCase(key + "s")) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Also matches a custom object's fullyQualifiedName. */
  public Optional<ObjectType> find(String typed, List<ObjectSchema> schemas) {
    Optional<ObjectType> found = find(typed);
    if (found.isPresent()) {
      return found;
    }
    for (ObjectSchema schema : schemas) {
      if (typed.trim().equalsIgnoreCase(schema.fullyQualifiedName())) {
        return find(schema.objectTypeId());
      }
    }
    return Optional.empty();
  }

  /** A standard object by name (any case, singular or plural) or type id. */
  public static Optional<ObjectType> findStandard(String typed) {
    String id = typed.trim();
    String key = id.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (ObjectType type : STANDARD) {
      if (type.name().equals(key) || type.objectTypeId().equals(id)) {
        return Optional.of(type);
      }
    }
    return Optional.ofNullable(SINGULARS.get(key));
  }

  /** Whether the text looks like a custom object's type id or fullyQualifiedName. */
  public static boolean looksCustom(String typed) {
    return typed.trim().matches("2-\\d+|p\\d+_\\w+");
  }

  /**
   * The standard object a name is most likely a typo of ({@code contcts} → contacts), so such a
   * name fails before any request instead of being looked up as a custom object ({@link Spelling}'s
   * distances keep real custom objects, say {@code leads}, apart).
   */
  public static Optional<String> likelyTypoOf(String typed) {
    String key = typed.trim().toLowerCase(Locale.ROOT);
    if (key.equals("all") || findStandard(key).isPresent() || looksCustom(key)) {
      return Optional.empty();
    }
    Optional<String> standard =
        Spelling.closest(key, STANDARD.stream().map(ObjectType::name).toList());
    if (standard.isPresent()) {
      return standard;
    }
    return Spelling.closest(key, SINGULARS.keySet())
        .map(singular -> SINGULARS.get(singular).name());
  }

  /** The names users may type, for error messages. */
  public String validNames() {
    List<String> names = new ArrayList<>();
    all().forEach(type -> names.add(type.name()));
    return String.join(", ", names);
  }

  private static final Map<String, ObjectType> SINGULARS = singulars();

  private static Map<String, ObjectType> singulars() {
    Map<String, ObjectType> singular = new LinkedHashMap<>();
    for (ObjectType type : STANDARD) {
      String name = type.name();
      String one = ObjectType.singularOf(name);
      singular.put(one, type);
      singular.put(name.replace("_", ""), type); // lineitems, feedbacksubmissions
      singular.put(one.replace("_", ""), type);
    }
    return Map.copyOf(singular);
  }

  private static ObjectType standard(String name, String objectTypeId) {
    return new ObjectType(name, objectTypeId, name, false, name);
  }
}
