package dev.hubspotextract.sandbox;

import dev.hubspotextract.sandbox.PropertyDef.Sensitivity;
import java.util.ArrayList;
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
   * Every property at one moment; replaced whole when a property is added (see {@link Changes}).
   */
  private record PropertyTable(
      List<PropertyDef> listed, List<PropertyDef> sensitive, Map<String, PropertyDef> byName) {
    static PropertyTable of(String object, List<PropertyDef> properties) {
      List<PropertyDef> sorted =
          properties.stream().sorted(Comparator.comparing((PropertyDef p) -> p.name)).toList();
      Map<String, PropertyDef> byName = new HashMap<>();
      for (PropertyDef p : sorted) {
        if (byName.put(p.name, p) != null) {
          throw new IllegalStateException("duplicate property " + p.name + " on " + object);
        }
      }
      return new PropertyTable(
          sorted.stream().filter(p -> p.sensitivity == Sensitivity.NON_SENSITIVE).toList(),
          sorted.stream().filter(p -> p.sensitivity != Sensitivity.NON_SENSITIVE).toList(),
          Map.copyOf(byName));
    }
  }

  private volatile PropertyTable table;

  final PropertyDef[] defaultProperties;
  final String labelSingular;
  final String labelPlural;
  final String primaryDisplayProperty;

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
    this.table = PropertyTable.of(name, properties);
    this.defaultProperties =
        defaultPropertyNames.stream()
            .map(table.byName()::get)
            .filter(p -> p != null)
            .distinct()
            .sorted(Comparator.comparing((PropertyDef p) -> p.name))
            .toArray(PropertyDef[]::new);
    this.labelSingular = labelSingular;
    this.labelPlural = labelPlural;
    this.primaryDisplayProperty = primaryDisplayProperty;
  }

  /**
   * The non-sensitive properties, what {@code GET /crm/v3/properties} lists by default; sorted by
   * name, the order HubSpot's JSON shows them in.
   */
  List<PropertyDef> properties() {
    return table.listed();
  }

  /** Sensitive and highly sensitive properties, listed and read only when asked for by name. */
  List<PropertyDef> sensitiveProperties() {
    return table.sensitive();
  }

  /** How many properties the object has; it grows when one is added, never shrinks. */
  int propertyCount() {
    return table.byName().size();
  }

  PropertyDef property(String propertyName) {
    return table.byName().get(propertyName);
  }

  /**
   * Adds a property: it is listed, and every record (existing or new) has values for it.
   *
   * @throws IllegalArgumentException when the object has a property of that name already
   */
  synchronized void addProperty(PropertyDef p) {
    if (property(p.name) != null) {
      throw new IllegalArgumentException(name + " has a property named " + p.name + " already");
    }
    List<PropertyDef> all = new ArrayList<>(table.byName().values());
    all.add(p);
    table = PropertyTable.of(name, all);
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

  PortalObjectType toPortalObjectType() {
    return new PortalObjectType(name, objectTypeId, custom);
  }
}
