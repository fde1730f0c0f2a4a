package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.List;

/** One property of an object type: its HubSpot metadata and how its values are generated. */
final class PropertyDef {
  /** How a value is derived; everything but the first few picks from a per-property pool. */
  enum Kind {
    ID,
    CREATED,
    MODIFIED,
    /**
     * Unique per record: derived from the record id so that {@code idProperty=email} can be
     * inverted.
     */
    EMAIL,
    /** A pool value suffixed with the record id, so names stay distinguishable. */
    NAMED,
    POOL
  }

  /** An option of an enumeration or bool property. */
  record Option(String label, String value) {}

  final String name;
  final String label;
  final String type;
  final String fieldType;
  final String groupName;
  final Kind kind;
  final int nullPerMille;
  final List<Option> options;
  final String[] pool;
  final boolean hubspotDefined;
  final SerializedString jsonName;

  /**
   * Mixed into the record hash so a value does not depend on the property's position in the
   * catalog.
   */
  final long nameHash;

  PropertyDef(
      String name,
      String label,
      String type,
      String fieldType,
      String groupName,
      Kind kind,
      int nullPerMille,
      List<Option> options,
      String[] pool,
      boolean hubspotDefined) {
    this.name = name;
    this.label = label;
    this.type = type;
    this.fieldType = fieldType;
    this.groupName = groupName;
    this.kind = kind;
    this.nullPerMille = nullPerMille;
    this.options = List.copyOf(options);
    this.pool = pool;
    this.hubspotDefined = hubspotDefined;
    this.jsonName = new SerializedString(name);
    this.nameHash = Hashing.mix(name.hashCode() * 0x9E3779B97F4A7C15L + name.length());
  }

  /**
   * The value of this property for one record, or {@code null} when the record has none.
   *
   * @param h a hash unique to (record, version, property)
   */
  String value(long h, long id, String created, String modified) {
    switch (kind) {
      case ID:
        return Long.toString(id);
      case CREATED:
        return created;
      case MODIFIED:
        return modified;
      default:
        break;
    }
    if (Hashing.below(h, 1000) < nullPerMille) {
      return null;
    }
    String picked = pool[Hashing.below(h >>> 11, pool.length)];
    switch (kind) {
      case EMAIL:
        return picked
            + "."
            + id
            + "@"
            + ValuePools.DOMAINS[Hashing.below(h >>> 37, ValuePools.DOMAINS.length)];
      case NAMED:
        return picked + " #" + id;
      default:
        return picked;
    }
  }

  PropertyDef withGroup(String group) {
    return groupName.isEmpty()
        ? new PropertyDef(
            name, label, type, fieldType, group, kind, nullPerMille, options, pool, hubspotDefined)
        : this;
  }

  PortalProperty toPortalProperty() {
    return new PortalProperty(
        name,
        label,
        type,
        fieldType,
        groupName,
        options.stream().map(Option::value).toList(),
        hubspotDefined);
  }

  boolean isTimestamp() {
    return type.equals("datetime") || type.equals("date");
  }
}
