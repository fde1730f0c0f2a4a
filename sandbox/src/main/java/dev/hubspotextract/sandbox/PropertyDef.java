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

  /**
   * HubSpot's {@code dataSensitivity}: the properties API lists each level only when asked for it
   * (default {@code non_sensitive}), and the sensitive levels need scopes of their own.
   */
  enum Sensitivity {
    NON_SENSITIVE("non_sensitive", null),
    SENSITIVE("sensitive", "sensitive"),
    HIGHLY_SENSITIVE("highly_sensitive", "highly_sensitive");

    /** The spelling of {@code dataSensitivity}. */
    final String wire;

    /** The level's word in scope names, {@code crm.objects.contacts.<word>.read.v2}. */
    final String scopeWord;

    Sensitivity(String wire, String scopeWord) {
      this.wire = wire;
      this.scopeWord = scopeWord;
    }

    /** The level named by a {@code dataSensitivity} value, or {@code null}. */
    static Sensitivity ofWire(String text) {
      for (Sensitivity s : values()) {
        if (s.wire.equals(text)) {
          return s;
        }
      }
      return null;
    }
  }

  final String name;
  final String label;
  final String type;
  final String fieldType;
  final String groupName;
  final Kind kind;
  final int nullPerMille;
  final List<Option> options;
  final String[] pool;

  /**
   * The pool as pre-encoded JSON strings: the serving path copies bytes instead of escaping text.
   */
  final SerializedString[] encodedPool;

  /** The pool as quoted UTF-8 JSON strings, for {@link RawJson}. */
  final byte[][] rawPool;

  /** {@code ,"name":} and {@code "name":}, for {@link RawJson}. */
  final byte[] rawName;

  /**
   * {@code ,"name":"value"} for every pool entry, back to back in one array (pair {@code i} spans
   * {@code pairOffsets[i]} to {@code pairOffsets[i + 1]}), so a page's copies stay in cache; one
   * copy per value.
   */
  final byte[] pairBytes;

  final int[] pairOffsets;

  final byte[] rawNullPair;

  final boolean hubspotDefined;
  final Sensitivity sensitivity;
  final SerializedString jsonName;

  /** The name whose hash picks this property's values (its own, unless keyed like another). */
  private final String hashKey;

  /** What the values are ids of, as the properties API says ({@code OWNER}); null for most. */
  final String referencedObjectType;

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
    this(
        name,
        label,
        type,
        fieldType,
        groupName,
        kind,
        nullPerMille,
        options,
        pool,
        hubspotDefined,
        Sensitivity.NON_SENSITIVE);
  }

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
      boolean hubspotDefined,
      Sensitivity sensitivity) {
    this(
        name,
        label,
        type,
        fieldType,
        groupName,
        kind,
        nullPerMille,
        options,
        pool,
        hubspotDefined,
        sensitivity,
        name,
        null);
  }

  /**
   * @param hashKey the name whose hash picks the values: the property's own, or another's whose
   *     pool is aligned with this one's, so that the two agree record by record (a deal's pipeline
   *     is the one its stage belongs to)
   * @param referencedObjectType what the values are ids of ({@code OWNER}), as HubSpot says, or
   *     null
   */
  private PropertyDef(
      String name,
      String label,
      String type,
      String fieldType,
      String groupName,
      Kind kind,
      int nullPerMille,
      List<Option> options,
      String[] pool,
      boolean hubspotDefined,
      Sensitivity sensitivity,
      String hashKey,
      String referencedObjectType) {
    this.name = name;
    this.label = label;
    this.type = type;
    this.fieldType = fieldType;
    this.groupName = groupName;
    this.kind = kind;
    this.nullPerMille = nullPerMille;
    this.options = List.copyOf(options);
    this.pool = pool;
    this.encodedPool = new SerializedString[pool.length];
    this.rawPool = new byte[pool.length][];
    for (int i = 0; i < pool.length; i++) {
      encodedPool[i] = new SerializedString(pool[i]);
      encodedPool[i].asQuotedUTF8(); // encode once, now
      rawPool[i] = RawJson.quoted(pool[i]);
    }
    byte[] quotedName = RawJson.quoted(name);
    this.rawName = new byte[quotedName.length + 2];
    rawName[0] = ',';
    System.arraycopy(quotedName, 0, rawName, 1, quotedName.length);
    rawName[rawName.length - 1] = ':';
    java.io.ByteArrayOutputStream pairs = new java.io.ByteArrayOutputStream();
    this.pairOffsets = new int[pool.length + 1];
    for (int i = 0; i < pool.length; i++) {
      pairOffsets[i] = pairs.size();
      pairs.writeBytes(rawName);
      pairs.writeBytes(rawPool[i]);
    }
    pairOffsets[pool.length] = pairs.size();
    this.pairBytes = pairs.toByteArray();
    this.rawNullPair = concat(rawName, RawJson.NULL);
    this.hubspotDefined = hubspotDefined;
    this.sensitivity = sensitivity;
    this.jsonName = new SerializedString(name);
    this.hashKey = hashKey;
    this.nameHash = Hashing.mix(hashKey.hashCode() * 0x9E3779B97F4A7C15L + hashKey.length());
    this.referencedObjectType = referencedObjectType;
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
            + ValuePools.DOMAINS[Hashing.below(h >>> 29, ValuePools.DOMAINS.length)];
      case NAMED:
        return picked + " #" + id;
      default:
        return picked;
    }
  }

  /**
   * Writes this property's value for one record: the same value as {@link #value}, without building
   * it.
   */
  void write(com.fasterxml.jackson.core.JsonGenerator g, long h, RecordView v)
      throws java.io.IOException {
    if (kind == Kind.POOL) {
      if (Hashing.below(h, 1000) < nullPerMille) {
        g.writeNull();
      } else {
        g.writeString(encodedPool[Hashing.below(h >>> 11, pool.length)]);
      }
      return;
    }
    String value = value(h, v.id, v.createdIso(), v.updatedIso());
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Appends {@code ,"name":value} for one record (the caller turns the first comma into a brace).
   */
  void writeRaw(RawJson out, long h, RecordView v) {
    if (kind == Kind.POOL) {
      if (Hashing.below(h, 1000) < nullPerMille) {
        out.raw(rawNullPair);
      } else {
        int i = Hashing.below(h >>> 11, pool.length);
        out.raw(pairBytes, pairOffsets[i], pairOffsets[i + 1] - pairOffsets[i]);
      }
      return;
    }
    out.raw(rawName);
    switch (kind) {
      case ID:
        out.quotedLong(v.id);
        return;
      case CREATED:
        out.raw(v.createdQuoted());
        return;
      case MODIFIED:
        out.raw(v.updatedQuoted());
        return;
      default:
        writeRawDerived(out, h, v.id);
    }
  }

  /** E-mails and named values, built straight into the buffer (same text as {@link #value}). */
  private void writeRawDerived(RawJson out, long h, long id) {
    if (Hashing.below(h, 1000) < nullPerMille) {
      out.raw(RawJson.NULL);
      return;
    }
    int i = Hashing.below(h >>> 11, pool.length);
    byte[] quoted = rawPool[i];
    out.raw(quoted, quoted.length - 1); // the value without its closing quote
    if (kind == Kind.EMAIL) {
      out.raw('.').digits(id).raw('@');
      out.raw(RAW_DOMAINS[Hashing.below(h >>> 29, RAW_DOMAINS.length)]);
    } else {
      out.raw(' ').raw('#').digits(id);
    }
    out.raw('"');
  }

  private static final byte[][] RAW_DOMAINS =
      java.util.Arrays.stream(ValuePools.DOMAINS)
          .map(d -> d.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .toArray(byte[][]::new);

  PropertyDef withGroup(String group) {
    return groupName.isEmpty() ? copy(group, sensitivity) : this;
  }

  /** The same property, its values of the given sensitivity. */
  PropertyDef withSensitivity(Sensitivity level) {
    return copy(groupName, level);
  }

  /**
   * The same property, its values picked by {@code other}'s hash: with a pool aligned to the other
   * property's (same length, same null rate), value {@code i} here goes with value {@code i} there.
   */
  PropertyDef keyedLike(String other) {
    return copy(groupName, sensitivity, other, referencedObjectType);
  }

  /** The same property, saying its values are ids of {@code objectType} ({@code OWNER}). */
  PropertyDef referencing(String objectType) {
    return copy(groupName, sensitivity, hashKey, objectType);
  }

  private PropertyDef copy(String group, Sensitivity level) {
    return copy(group, level, hashKey, referencedObjectType);
  }

  private PropertyDef copy(String group, Sensitivity level, String key, String referenced) {
    return new PropertyDef(
        name,
        label,
        type,
        fieldType,
        group,
        kind,
        nullPerMille,
        options,
        pool,
        hubspotDefined,
        level,
        key,
        referenced);
  }

  /** The portal's view of it; {@code displayOrder} is its place in its level's list. */
  PortalProperty toPortalProperty(int displayOrder) {
    List<PortalProperty.Option> details = new java.util.ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      details.add(
          new PortalProperty.Option(options.get(i).value(), options.get(i).label(), i, false));
    }
    return new PortalProperty(
        name,
        label,
        type,
        fieldType,
        groupName,
        options.stream().map(Option::value).toList(),
        hubspotDefined,
        description(),
        displayOrder,
        false,
        hasUniqueValue(),
        false,
        sensitivity.wire,
        referencedObjectType,
        details);
  }

  /** Its description, as the properties API serves it. */
  String description() {
    return hubspotDefined ? "HubSpot's " + label : "Custom property " + label;
  }

  /** Only the record id is unique per record. */
  boolean hasUniqueValue() {
    return kind == Kind.ID;
  }

  boolean isTimestamp() {
    return type.equals("datetime") || type.equals("date");
  }
}
