package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes records in HubSpot's {@code SimplePublicObject} shape, straight to a streaming generator.
 */
final class RecordWriter {
  private static final SerializedString ID = new SerializedString("id");
  private static final SerializedString PROPERTIES = new SerializedString("properties");
  private static final SerializedString CREATED_AT = new SerializedString("createdAt");
  private static final SerializedString UPDATED_AT = new SerializedString("updatedAt");
  private static final SerializedString ARCHIVED = new SerializedString("archived");
  private static final int CACHE_LIMIT = 1024;
  private static final byte[] RAW_ID = ascii("{\"id\":");
  private static final byte[] RAW_PROPERTIES = ascii(",\"properties\":");
  private static final byte[] RAW_CREATED = ascii("},\"createdAt\":");
  private static final byte[] RAW_UPDATED = ascii(",\"updatedAt\":");
  private static final byte[] RAW_LIVE = ascii(",\"archived\":false}");
  private static final byte[] RAW_ARCHIVED = ascii(",\"archived\":true,\"archivedAt\":");

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private final ConcurrentHashMap<String, PropertyDef[]> resolved = new ConcurrentHashMap<>();

  /** Refuses (403) reading properties of a sensitive level when the token lacks its scope. */
  @FunctionalInterface
  interface SensitiveAccess {
    void check(ObjectDef def, PropertyDef.Sensitivity level);
  }

  private final Associations associations;
  private final SensitiveAccess sensitiveAccess;

  /** A writer for a token with every scope. */
  RecordWriter(Associations associations) {
    this(associations, (def, level) -> {});
  }

  RecordWriter(Associations associations, SensitiveAccess sensitiveAccess) {
    this.associations = associations;
    this.sensitiveAccess = sensitiveAccess;
  }

  /**
   * The properties to write: the requested ones that exist (undefined ones are left out, as HubSpot
   * does) or the object's defaults, plus the id, created and last-modified properties; sorted by
   * name. Naming a sensitive property without its scope is 403 MISSING_SCOPES (never cached).
   */
  PropertyDef[] resolve(ObjectDef def, List<String> names) {
    if (names == null || names.isEmpty()) {
      return def.defaultProperties;
    }
    // the count tells the object's properties from those before one was added
    String key = def.name + '|' + def.propertyCount() + '|' + String.join(",", names);
    PropertyDef[] cached = resolved.get(key);
    if (cached != null) {
      return cached;
    }
    Set<PropertyDef> props = new LinkedHashSet<>();
    for (String name : names) {
      PropertyDef p = def.property(name);
      if (p != null) {
        checkSensitive(def, p);
        props.add(p);
      }
    }
    props.add(def.property("hs_object_id"));
    props.add(def.property(def.createdProperty));
    props.add(def.property(def.modifiedProperty));
    PropertyDef[] result =
        props.stream()
            .sorted(Comparator.comparing((PropertyDef p) -> p.name))
            .toArray(PropertyDef[]::new);
    if (resolved.size() > CACHE_LIMIT) {
      resolved.clear();
    }
    resolved.put(key, result);
    return result;
  }

  /** Properties named for history; {@code null} when none were asked for. */
  PropertyDef[] resolveHistory(ObjectDef def, List<String> names) {
    if (names == null || names.isEmpty()) {
      return null;
    }
    PropertyDef[] found =
        names.stream()
            .map(def::property)
            .filter(p -> p != null)
            .distinct()
            .sorted(Comparator.comparing((PropertyDef p) -> p.name))
            .toArray(PropertyDef[]::new);
    for (PropertyDef p : found) {
      checkSensitive(def, p);
    }
    return found;
  }

  private void checkSensitive(ObjectDef def, PropertyDef p) {
    if (p.sensitivity != PropertyDef.Sensitivity.NON_SENSITIVE) {
      sensitiveAccess.check(def, p.sensitivity);
    }
  }

  /**
   * Appends one record without property history or associations: the same JSON as {@link #write},
   * from pre-encoded bytes (the list page's hot path).
   */
  static void writeRaw(RawJson out, RecordView v, PropertyDef[] props) {
    out.raw(RAW_ID).quotedLong(v.id).raw(RAW_PROPERTIES);
    int open = out.length();
    for (PropertyDef p : props) {
      p.writeRaw(out, v.valueHash(p), v);
    }
    out.set(open, '{'); // every pair starts with a comma: the first becomes the object's brace
    out.raw(RAW_CREATED).raw(v.createdQuoted()).raw(RAW_UPDATED).raw(v.updatedQuoted());
    if (v.archived) {
      out.raw(RAW_ARCHIVED).raw(RawJson.quoted(Timestamps.iso(v.archivedAt))).raw('}');
    } else {
      out.raw(RAW_LIVE);
    }
  }

  void write(
      JsonGenerator g,
      RecordView v,
      PropertyDef[] props,
      PropertyDef[] history,
      List<ObjectDef> associated)
      throws IOException {
    g.writeStartObject();
    g.writeFieldName(ID);
    g.writeString(Long.toString(v.id));
    g.writeFieldName(PROPERTIES);
    g.writeStartObject();
    for (PropertyDef p : props) {
      g.writeFieldName(p.jsonName);
      p.write(g, v.valueHash(p), v);
    }
    g.writeEndObject();
    if (history != null) {
      writeHistory(g, v, history);
    }
    g.writeFieldName(CREATED_AT);
    g.writeString(v.createdIso());
    g.writeFieldName(UPDATED_AT);
    g.writeString(v.updatedIso());
    g.writeFieldName(ARCHIVED);
    g.writeBoolean(v.archived);
    if (v.archived) {
      g.writeStringField("archivedAt", Timestamps.iso(v.archivedAt));
    }
    if (associated != null && !associated.isEmpty()) {
      writeAssociations(g, v, associated);
    }
    g.writeEndObject();
  }

  private static void writeHistory(JsonGenerator g, RecordView v, PropertyDef[] history)
      throws IOException {
    g.writeObjectFieldStart("propertiesWithHistory");
    for (PropertyDef p : history) {
      g.writeArrayFieldStart(p.name);
      String value = v.value(p);
      if (value != null) {
        Owners.Owner owner = Owners.USERS.get(Hashing.below(v.id, Owners.USERS.size()));
        g.writeStartObject();
        g.writeStringField("value", value);
        g.writeStringField("timestamp", v.updatedIso());
        g.writeStringField("sourceType", "CRM_UI");
        g.writeStringField("sourceId", "userId:" + owner.userId());
        g.writeNumberField("updatedByUserId", owner.userId());
        g.writeEndObject();
        String previous = v.previousValue(p);
        if (v.updatedAt != v.createdAt && previous != null && !previous.equals(value)) {
          g.writeStartObject();
          g.writeStringField("value", previous);
          g.writeStringField("timestamp", v.createdIso());
          g.writeStringField("sourceType", "IMPORT");
          g.writeEndObject();
        }
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /**
   * The legacy v3 {@code associations} block on list/get: ids and type names, at most 100 per type.
   */
  private void writeAssociations(JsonGenerator g, RecordView v, List<ObjectDef> associated)
      throws IOException {
    boolean opened = false;
    for (ObjectDef to : associated) {
      List<Associations.Link> links = associations.links(v.def, to, v.index);
      if (links.isEmpty()) {
        continue;
      }
      if (!opened) {
        g.writeObjectFieldStart("associations");
        opened = true;
      }
      Associations.Direction d = associations.direction(v.def, to);
      boolean hasPrimary =
          d.fromChild()
              ? d.pair().childToParentPrimary != null
              : d.pair().parentToChildPrimary != null;
      String base = v.def.singular + "_to_" + to.singular;
      g.writeObjectFieldStart(to.name);
      g.writeArrayFieldStart("results");
      int written = 0;
      for (Associations.Link link : links) {
        for (AssociationPair.Type t : link.types()) {
          if (written == 100) {
            break;
          }
          if (t.label() != null && !t.label().equals("Primary")) {
            continue; // v3 names only HubSpot's primary/unlabelled types
          }
          String type = hasPrimary && t.label() == null ? base + "_unlabeled" : base;
          g.writeStartObject();
          g.writeStringField("id", Long.toString(link.toId()));
          g.writeStringField("type", type);
          g.writeEndObject();
          written++;
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    if (opened) {
      g.writeEndObject();
    }
  }

  static List<String> names(PropertyDef[] props) {
    return new ArrayList<>(Arrays.stream(props).map(p -> p.name).toList());
  }
}
