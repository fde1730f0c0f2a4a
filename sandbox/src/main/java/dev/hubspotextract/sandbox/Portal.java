package dev.hubspotextract.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The generated portal: the same data the HTTP API serves, for tests that compare an export with
 * its source, and changes made to it on demand ({@link #apply}). Every record is computed from
 * (seed, object, index) on demand, with the changes made since start on top.
 */
public final class Portal {
  private final Catalog catalog;
  private final Map<ObjectDef, ObjectStore> stores = new IdentityHashMap<>();
  private final Associations associations;
  private final Changes changes;
  private final PropertyHistories histories;
  private final long seed;

  Portal(long records, int contactProperties, long seed) {
    this(
        records,
        contactProperties,
        seed,
        SandboxBuilder.DEFAULT_SEARCH_LAG.toMillis(),
        Clock.systemUTC());
  }

  /**
   * @param clock the time changes are made at, against which search lags
   */
  Portal(long records, int contactProperties, long seed, long searchLagMillis, Clock clock) {
    this.seed = seed;
    this.catalog = new Catalog(records, contactProperties, seed);
    for (ObjectDef def : catalog.objects) {
      stores.put(def, new ObjectStore(def, seed, searchLagMillis));
    }
    this.associations = new Associations(catalog, stores, seed);
    this.changes = new Changes(catalog, stores, associations, clock, seed);
    this.histories = new PropertyHistories(stores);
  }

  /** The 13 standard object types and the custom ones, standard first. */
  public List<PortalObjectType> objectTypes() {
    return catalog.objects.stream().map(ObjectDef::toPortalObjectType).toList();
  }

  /**
   * An object type by name, singular name, type id ({@code 0-1}, {@code 2-…}) or fully qualified
   * name.
   *
   * @throws IllegalArgumentException for an unknown type
   */
  public PortalObjectType objectType(String nameOrId) {
    return def(nameOrId).toPortalObjectType();
  }

  /** Live (non-archived) records of a type, churn included. */
  public long count(String type) {
    return store(def(type)).liveCount();
  }

  /** Live records of a type in ascending id order (the order a list walk sees them in). */
  public Stream<PortalRecord> records(String type) {
    return byId(store(def(type)), false);
  }

  /** Archived records of a type in ascending id order (what {@code archived=true} lists). */
  public Stream<PortalRecord> archivedRecords(String type) {
    return byId(store(def(type)), true);
  }

  private static Stream<PortalRecord> byId(ObjectStore store, boolean archived) {
    return StreamSupport.longStream(
            Spliterators.spliteratorUnknownSize(
                store.byId(0, Long.MAX_VALUE, false), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .mapToObj(store::view)
        .filter(v -> v != null && v.archived == archived)
        .map(RecordView::toPortalRecord);
  }

  /** One record by id (archived or not), or {@code null} when there is none. */
  public PortalRecord record(String type, String id) {
    ObjectStore store = store(def(type));
    long index;
    try {
      index = store.indexOf(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return null;
    }
    RecordView view = store.view(index);
    return view == null ? null : view.toPortalRecord();
  }

  /**
   * The history of one property of one record (archived or not), as {@code propertiesWithHistory}
   * serves it: newest value first; empty when the record never had a value for it, or there is no
   * such record or property.
   */
  public List<PortalHistoryEntry> history(String type, String id, String property) {
    ObjectDef def = def(type);
    PropertyDef p = def.property(property);
    RecordView view;
    try {
      view = store(def).view(store(def).indexOf(Long.parseLong(id)));
    } catch (NumberFormatException e) {
      return List.of();
    }
    if (p == null || view == null) {
      return List.of();
    }
    List<PortalHistoryEntry> newestFirst = new ArrayList<>();
    for (PropertyHistories.Entry e : histories.of(view, p)) {
      newestFirst.add(
          0,
          new PortalHistoryEntry(
              e.value(),
              Instant.ofEpochMilli(e.timestamp()),
              e.sourceType(),
              e.sourceId(),
              e.sourceLabel(),
              e.updatedByUserId()));
    }
    return newestFirst;
  }

  /** The property definitions of a type, ascending by name. */
  public List<PortalProperty> properties(String type) {
    List<PropertyDef> listed = def(type).properties();
    List<PortalProperty> properties = new ArrayList<>();
    for (int i = 0; i < listed.size(); i++) {
      properties.add(listed.get(i).toPortalProperty(i));
    }
    return properties;
  }

  /**
   * The sensitive and highly sensitive property definitions of a type, ascending by name: listed
   * only when asked for by level.
   */
  public List<PortalProperty> sensitiveProperties(String type) {
    List<PropertyDef> sensitive = def(type).sensitiveProperties();
    List<PortalProperty> properties = new ArrayList<>();
    for (PropertyDef.Sensitivity level : PropertyDef.Sensitivity.values()) {
      List<PropertyDef> ofLevel = sensitive.stream().filter(p -> p.sensitivity == level).toList();
      for (int i = 0; i < ofLevel.size(); i++) {
        properties.add(ofLevel.get(i).toPortalProperty(i));
      }
    }
    properties.sort(java.util.Comparator.comparing(PortalProperty::name));
    return properties;
  }

  /** Every owner, active then archived, each in id order: what the owners endpoint lists. */
  public List<PortalOwner> owners() {
    return Owners.EVERY.stream()
        .map(
            o ->
                new PortalOwner(
                    o.id(),
                    o.email(),
                    o.firstName(),
                    o.lastName(),
                    o.userId(),
                    o.userIdIncludingInactive(),
                    o.type(),
                    o.teams().stream().map(Owners.Team::name).toList(),
                    o.archived(),
                    o.createdAt(),
                    o.updatedAt()))
        .toList();
  }

  /** The pipelines of a type, in display order; none for a type without pipelines. */
  public List<PortalPipeline> pipelines(String type) {
    List<PortalPipeline> pipelines = new ArrayList<>();
    for (Pipelines.Pipeline p : Pipelines.of(def(type).name)) {
      String created = Timestamps.iso(p.createdAt());
      String updated = Timestamps.iso(p.updatedAt());
      List<PortalPipeline.Stage> stages = new ArrayList<>();
      for (int i = 0; i < p.stages().size(); i++) {
        Pipelines.Stage s = p.stages().get(i);
        stages.add(
            new PortalPipeline.Stage(s.id(), s.label(), i, s.metadata(), false, created, updated));
      }
      pipelines.add(
          new PortalPipeline(p.id(), p.label(), p.displayOrder(), false, created, updated, stages));
    }
    return pipelines;
  }

  /**
   * Every association type linking one record to records of another type, ascending by target id;
   * empty when the record does not exist, is archived, or the types are not associated.
   */
  public List<PortalAssociation> associations(String fromType, String toType, String fromId) {
    ObjectDef from = def(fromType);
    ObjectDef to = def(toType);
    long index;
    try {
      index = store(from).indexOf(Long.parseLong(fromId));
    } catch (NumberFormatException e) {
      return List.of();
    }
    List<PortalAssociation> result = new ArrayList<>();
    for (Associations.Link link : associations.links(from, to, index)) {
      for (AssociationPair.Type t : link.types()) {
        result.add(
            new PortalAssociation(Long.toString(link.toId()), t.typeId(), t.category(), t.label()));
      }
    }
    return result;
  }

  /**
   * Changes the portal as described, one set per object, at the sandbox clock's current
   * millisecond; the HTTP API and this view see every change at once, search after its lag. The
   * same sets applied in the same order to a portal of the same seed change the same records.
   *
   * @return what each set did, in the order given
   * @throws IllegalArgumentException naming the object and field at fault (an unknown object, two
   *     sets for one, more records asked for than are live, a property that exists), before
   *     anything changed
   */
  public List<ChangeReport> apply(List<ChangeSet> changeSets) {
    return changes.apply(changeSets);
  }

  /** Applies one change set: see {@link #apply(List)}. */
  public ChangeReport apply(ChangeSet changeSet) {
    return apply(List.of(changeSet)).get(0);
  }

  /** The pairs of object types that have associations, as (child, parent) names. */
  public List<List<String>> associationPairs() {
    return associations.pairs().stream().map(p -> List.of(p.child.name, p.parent.name)).toList();
  }

  /** The portal id used in custom objects' fully qualified names. */
  public long portalId() {
    return Catalog.PORTAL_ID;
  }

  long seed() {
    return seed;
  }

  Catalog catalog() {
    return catalog;
  }

  Associations associationModel() {
    return associations;
  }

  PropertyHistories histories() {
    return histories;
  }

  ObjectStore store(ObjectDef def) {
    return stores.get(def);
  }

  private ObjectDef def(String nameOrId) {
    ObjectDef def = catalog.resolve(nameOrId);
    if (def == null) {
      throw new IllegalArgumentException(
          "unknown object type '" + nameOrId + "': use a name like contacts or a type id like 0-1");
    }
    return def;
  }
}
