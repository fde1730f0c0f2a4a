package dev.hubspotextract.sandbox;

import dev.hubspotextract.sandbox.AssociationPair.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every association pair of the portal with HubSpot's type ids per direction, and the links of a
 * record, computed from the pair's closed form (nothing is stored per record) with the {@link
 * LinkEdits} made since start on top. Links to archived or deleted records are left out.
 */
final class Associations {
  /** A link from one record to another, with every association type that links them. */
  record Link(long toIndex, long toId, List<Type> types) {}

  /** A pair seen from one side. */
  record Direction(AssociationPair pair, boolean fromChild) {}

  static final String HUBSPOT = "HUBSPOT_DEFINED";
  static final String USER = "USER_DEFINED";
  private static final long WHALE = 1500;

  private final Map<String, Direction> directions = new HashMap<>();
  private final List<AssociationPair> pairs = new ArrayList<>();
  private final Map<ObjectDef, ObjectStore> stores;
  private final long seed;
  private final LinkEdits edits = new LinkEdits();

  Associations(Catalog catalog, Map<ObjectDef, ObjectStore> stores, long seed) {
    this.stores = stores;
    this.seed = seed;
    pair(catalog, "deals", "companies", 341, 5, 342, 6, null, null);
    pair(
        catalog,
        "deals",
        "contacts",
        3,
        0,
        4,
        0,
        new Type(101, USER, "Decision maker"),
        new Type(102, USER, "Decision maker"));
    pair(catalog, "line_items", "deals", 20, 0, 19, 0, null, null);
    pair(
        catalog,
        "contacts",
        "companies",
        279,
        1,
        280,
        2,
        new Type(28, USER, "Billing contact"),
        new Type(29, USER, "Billing contact"));
    pair(catalog, "tickets", "contacts", 16, 0, 15, 0, null, null);
    pair(catalog, "tickets", "companies", 339, 26, 340, 25, null, null);
    pair(catalog, "tickets", "deals", 28, 0, 27, 0, null, null);
    String[] engagements = {"calls", "emails", "meetings", "notes", "tasks"};
    int[] toContact = {194, 198, 200, 202, 204};
    int[] toCompany = {182, 186, 188, 190, 192};
    int[] toDeal = {206, 210, 212, 214, 216};
    int[] toTicket = {220, 224, 226, 228, 230};
    for (int e = 0; e < engagements.length; e++) {
      pair(catalog, engagements[e], "contacts", toContact[e], 0, toContact[e] - 1, 0, null, null);
      pair(catalog, engagements[e], "companies", toCompany[e], 0, toCompany[e] - 1, 0, null, null);
      pair(catalog, engagements[e], "deals", toDeal[e], 0, toDeal[e] - 1, 0, null, null);
      pair(catalog, engagements[e], "tickets", toTicket[e], 0, toTicket[e] - 1, 0, null, null);
    }
    pair(catalog, "quotes", "deals", 64, 0, 63, 0, null, null);
    pair(catalog, "line_items", "quotes", 68, 0, 67, 0, null, null);
    pair(catalog, "quotes", "contacts", 69, 0, 70, 0, null, null);
    pair(catalog, "quotes", "companies", 71, 0, 72, 0, null, null);
    pair(catalog, "feedback_submissions", "contacts", 98, 0, 97, 0, null, null);
    customPair(catalog, "pets", "contacts", 120, 119);
    customPair(catalog, "pets", "companies", 122, 121);
    customPair(catalog, "vehicles", "contacts", 124, 123);
    customPair(catalog, "vehicles", "companies", 126, 125);
  }

  private void pair(
      Catalog catalog,
      String childName,
      String parentName,
      int c2p,
      int c2pPrimary,
      int p2c,
      int p2cPrimary,
      Type labelC2p,
      Type labelP2c) {
    ObjectDef child = catalog.resolve(childName);
    ObjectDef parent = catalog.resolve(parentName);
    boolean whale =
        childName.equals("contacts") && parentName.equals("companies") && child.baseCount >= 5000;
    AssociationPair pair =
        new AssociationPair(
            pairs.size(),
            seed,
            child,
            parent,
            new Type(c2p, HUBSPOT, null),
            c2pPrimary == 0 ? null : new Type(c2pPrimary, HUBSPOT, "Primary"),
            new Type(p2c, HUBSPOT, null),
            p2cPrimary == 0 ? null : new Type(p2cPrimary, HUBSPOT, "Primary"),
            labelC2p,
            labelP2c,
            whale ? WHALE : 0);
    pairs.add(pair);
    directions.put(child.ordinal + ":" + parent.ordinal, new Direction(pair, true));
    directions.put(parent.ordinal + ":" + child.ordinal, new Direction(pair, false));
  }

  private void customPair(Catalog catalog, String childName, String parentName, int c2p, int p2c) {
    ObjectDef child = catalog.resolve(childName);
    ObjectDef parent = catalog.resolve(parentName);
    AssociationPair pair =
        new AssociationPair(
            pairs.size(),
            seed,
            child,
            parent,
            new Type(c2p, USER, null),
            null,
            new Type(p2c, USER, null),
            null,
            null,
            null,
            0);
    pairs.add(pair);
    directions.put(child.ordinal + ":" + parent.ordinal, new Direction(pair, true));
    directions.put(parent.ordinal + ":" + child.ordinal, new Direction(pair, false));
  }

  List<AssociationPair> pairs() {
    return pairs;
  }

  /**
   * The pair linking two types seen from {@code from}, or {@code null} when the types are not
   * associated.
   */
  Direction direction(ObjectDef from, ObjectDef to) {
    return directions.get(from.ordinal + ":" + to.ordinal);
  }

  /** The usable pairs linking {@code from} to other types, seen from it, in the pairs' order. */
  List<Direction> directionsFrom(ObjectDef from) {
    List<Direction> found = new ArrayList<>();
    for (AssociationPair pair : pairs) {
      if (pair.usable() && (pair.child == from || pair.parent == from)) {
        found.add(new Direction(pair, pair.child == from));
      }
    }
    return found;
  }

  /** Links two records that are not linked now, in both directions of their pair. */
  void link(Direction d, long fromIndex, long toIndex) {
    if (d.fromChild()) {
      edits.link(d.pair(), fromIndex, toIndex);
    } else {
      edits.link(d.pair(), toIndex, fromIndex);
    }
  }

  /** Unlinks two records that are linked now, in both directions of their pair. */
  void unlink(Direction d, long fromIndex, long toIndex) {
    if (d.fromChild()) {
      edits.unlink(d.pair(), fromIndex, toIndex);
    } else {
      edits.unlink(d.pair(), toIndex, fromIndex);
    }
  }

  /** Every link from one live record to live records of {@code to}, ascending by target id. */
  List<Link> links(ObjectDef from, ObjectDef to, long fromIndex) {
    Direction d = direction(from, to);
    if (d == null || !d.pair().usable() || !stores.get(from).isLive(fromIndex)) {
      return List.of();
    }
    List<Link> links = new ArrayList<>();
    if (fromIndex < from.baseCount) {
      generated(d, to, fromIndex, links);
    }
    if (!edits.isEmpty()) {
      edited(d, to, fromIndex, links);
    }
    return links;
  }

  /** The closed form's links, ascending by target id. */
  private void generated(Direction d, ObjectDef to, long fromIndex, List<Link> links) {
    AssociationPair pair = d.pair();
    if (d.fromChild()) {
      int shape = pair.shape(fromIndex);
      if (shape == 0) {
        return;
      }
      long p = pair.parentOf(fromIndex);
      List<Type> types = new ArrayList<>(3);
      if (pair.childToParentPrimary != null) {
        types.add(pair.childToParentPrimary);
      }
      types.add(pair.childToParent);
      if (pair.labelled(fromIndex)) {
        types.add(pair.labelChildToParent);
      }
      addIfLive(links, to, p, types);
      if (shape == 1 && p + 1 < to.baseCount) {
        addIfLive(links, to, p + 1, List.of(pair.childToParent));
        links.sort(Comparator.comparingLong(Link::toId)); // ids do not follow the index
      }
    } else {
      long[] previous = pair.block(fromIndex - 1);
      for (long i = previous[0]; i < previous[1]; i++) {
        if (pair.shape(i) == 1) {
          addIfLive(links, to, i, List.of(pair.parentToChild));
        }
      }
      long[] own = pair.block(fromIndex);
      for (long i = own[0]; i < own[1]; i++) {
        if (pair.shape(i) != 0) {
          List<Type> types = new ArrayList<>(3);
          if (pair.parentToChildPrimary != null) {
            types.add(pair.parentToChildPrimary);
          }
          types.add(pair.parentToChild);
          if (pair.labelled(i)) {
            types.add(pair.labelParentToChild);
          }
          addIfLive(links, to, i, types);
        }
      }
      links.sort(Comparator.comparingLong(Link::toId)); // ids do not follow the index
    }
  }

  /**
   * The edits made to one record's links: unlinked ones dropped, new ones added with the pair's
   * unlabelled type, still ascending by target id.
   */
  private void edited(Direction d, ObjectDef to, long fromIndex, List<Link> links) {
    Set<Long> removed = edits.removed(d.pair(), d.fromChild(), fromIndex);
    Set<Long> added = edits.added(d.pair(), d.fromChild(), fromIndex);
    if (removed.isEmpty() && added.isEmpty()) {
      return;
    }
    links.removeIf(link -> removed.contains(link.toIndex()));
    Type type = d.fromChild() ? d.pair().childToParent : d.pair().parentToChild;
    for (long toIndex : added) {
      addIfLive(links, to, toIndex, List.of(type));
    }
    links.sort(Comparator.comparingLong(Link::toId));
  }

  private void addIfLive(List<Link> links, ObjectDef to, long toIndex, List<Type> types) {
    RecordView target = stores.get(to).view(toIndex);
    if (target != null && !target.archived) {
      links.add(new Link(toIndex, target.id, List.copyOf(types)));
    }
  }
}
