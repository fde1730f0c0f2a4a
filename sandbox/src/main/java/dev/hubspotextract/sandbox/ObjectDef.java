package dev.hubspotextract.sandbox;

import dev.hubspotextract.sandbox.PropertyDef.Sensitivity;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One object type of the portal: names, type id, scope, size, id layout and property definitions.
 */
final class ObjectDef {
  final String name;
  final String singular;
  final String objectTypeId;
  final boolean custom;

  /** {@code p<portalId>_<name>} for custom objects, else {@code null}. */
  final String fullyQualifiedName;

  final int ordinal;
  final String scope;
  final long baseCount;

  /** The ids of the generated records. */
  final IdLayout ids;

  final String createdProperty;
  final String modifiedProperty;

  /**
   * The non-sensitive properties, what {@code GET /crm/v3/properties} lists by default; sorted by
   * name, the order HubSpot's JSON shows them in.
   */
  final List<PropertyDef> properties;

  /** Sensitive and highly sensitive properties, listed and read only when asked for by name. */
  final List<PropertyDef> sensitiveProperties;

  final PropertyDef[] defaultProperties;
  final String labelSingular;
  final String labelPlural;
  final String primaryDisplayProperty;
  private final Map<String, PropertyDef> byName = new HashMap<>();

  ObjectDef(
      String name,
      String singular,
      String objectTypeId,
      String fullyQualifiedName,
      int ordinal,
      long seed,
      String scope,
      long baseCount,
      String createdProperty,
      String modifiedProperty,
      List<PropertyDef> properties,
      List<String> defaultPropertyNames,
      String labelSingular,
      String labelPlural,
      String primaryDisplayProperty) {
    this.name = name;
    this.singular = singular;
    this.objectTypeId = objectTypeId;
    this.custom = fullyQualifiedName != null;
    this.fullyQualifiedName = fullyQualifiedName;
    this.ordinal = ordinal;
    this.scope = scope;
    this.baseCount = baseCount;
    this.ids = new IdLayout(seed, ordinal, baseCount);
    this.createdProperty = createdProperty;
    this.modifiedProperty = modifiedProperty;
    List<PropertyDef> sorted =
        properties.stream().sorted(Comparator.comparing((PropertyDef p) -> p.name)).toList();
    this.properties =
        sorted.stream().filter(p -> p.sensitivity == Sensitivity.NON_SENSITIVE).toList();
    this.sensitiveProperties =
        sorted.stream().filter(p -> p.sensitivity != Sensitivity.NON_SENSITIVE).toList();
    for (PropertyDef p : sorted) {
      if (byName.put(p.name, p) != null) {
        throw new IllegalStateException("duplicate property " + p.name + " on " + name);
      }
    }
    this.defaultProperties =
        defaultPropertyNames.stream()
            .map(byName::get)
            .filter(p -> p != null)
            .distinct()
            .sorted(Comparator.comparing((PropertyDef p) -> p.name))
            .toArray(PropertyDef[]::new);
    this.labelSingular = labelSingular;
    this.labelPlural = labelPlural;
    this.primaryDisplayProperty = primaryDisplayProperty;
  }

  PropertyDef property(String propertyName) {
    return byName.get(propertyName);
  }

  /**
   * The scope that reads this type's properties of a sensitive level, as HubSpot's specs name them
   * ({@code crm.objects.contacts.sensitive.read.v2}; tickets' have no {@code .v2}).
   */
  String sensitiveScope(Sensitivity level) {
    String object = custom ? "custom" : name;
    return "crm.objects."
        + object
        + "."
        + level.scopeWord
        + ".read"
        + (name.equals("tickets") ? "" : ".v2");
  }

  /** The id of a generated record. */
  long idOf(long index) {
    return ids.idOf(index);
  }

  /**
   * The index of the generated record with this id, or -1 when there is none (records churn created
   * are found by {@link ObjectStore#indexOf}; they have no associations).
   */
  long indexOf(long id) {
    return ids.indexOf(id);
  }

  PortalObjectType toPortalObjectType() {
    return new PortalObjectType(name, objectTypeId, custom);
  }
}
