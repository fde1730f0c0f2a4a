package dev.hubspotextract.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One record at one moment: its id, timestamps, archived flag, and values computed on demand. */
final class RecordView {
  final ObjectDef def;
  final long index;
  final long id;
  final long createdAt;
  final long updatedAt;
  final boolean archived;
  final long archivedAt;

  /** How many times its values were updated since start (0: as generated or created). */
  final int version;

  private final long hash;
  private String createdIso;
  private String updatedIso;

  RecordView(
      ObjectDef def,
      long index,
      long id,
      long createdAt,
      long updatedAt,
      boolean archived,
      long archivedAt,
      long hash,
      int version) {
    this.def = def;
    this.index = index;
    this.id = id;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.archived = archived;
    this.archivedAt = archivedAt;
    this.hash = hash;
    this.version = version;
  }

  String createdIso() {
    if (createdIso == null) {
      createdIso = Timestamps.iso(createdAt);
    }
    return createdIso;
  }

  String updatedIso() {
    if (updatedIso == null) {
      updatedIso = Timestamps.iso(updatedAt);
    }
    return updatedIso;
  }

  private byte[] createdQuoted;
  private byte[] updatedQuoted;

  byte[] createdQuoted() {
    if (createdQuoted == null) {
      createdQuoted = Timestamps.isoQuoted(createdAt);
    }
    return createdQuoted;
  }

  byte[] updatedQuoted() {
    if (updatedQuoted == null) {
      updatedQuoted = Timestamps.isoQuoted(updatedAt);
    }
    return updatedQuoted;
  }

  String value(PropertyDef p) {
    return p.value(valueHash(p), id, createdIso(), updatedIso());
  }

  long valueHash(PropertyDef p) {
    return Hashing.mix(hash ^ p.nameHash);
  }

  PortalRecord toPortalRecord() {
    Map<String, String> properties = new LinkedHashMap<>();
    for (PropertyDef p : def.properties()) {
      properties.put(p.name, value(p));
    }
    return new PortalRecord(
        Long.toString(id),
        Instant.ofEpochMilli(createdAt),
        Instant.ofEpochMilli(updatedAt),
        archived,
        properties);
  }
}
