package dev.hubspotextract.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Applies {@link ChangeSet}s to the portal, on demand: through the same overlay churn writes to
 * ({@link ObjectStore}'s mutations, {@link Associations}' link edits), so nothing is stored per
 * unchanged record and search sees each change only after its lag.
 *
 * <p>Deterministic: the records a set changes are drawn from the seed, the object and how many sets
 * were applied before it, so the same requests in the same order change the same records. One batch
 * at a time; requests served meanwhile see each record before or after its change.
 */
final class Changes {
  /** Tries to find a record to link to before a relinked record goes without a new link. */
  private static final int TARGET_TRIES = 100;

  private final Catalog catalog;
  private final Map<ObjectDef, ObjectStore> stores;
  private final Associations associations;
  private final Clock clock;
  private final long seed;
  private long setsApplied;

  Changes(
      Catalog catalog,
      Map<ObjectDef, ObjectStore> stores,
      Associations associations,
      Clock clock,
      long seed) {
    this.catalog = catalog;
    this.stores = stores;
    this.associations = associations;
    this.clock = clock;
    this.seed = seed;
  }

  /** One set checked, with the existing records it changes picked (by index), not yet applied. */
  private record Plan(
      ChangeSet set,
      ObjectDef def,
      SplittableRandom random,
      List<Associations.Direction> directions,
      long[] updates,
      long[] bulkUpdates,
      long[] archives,
      long[] deletes,
      long[] merges,
      long[] relinks) {}

  /**
   * Applies the sets in order, each at the clock's current millisecond.
   *
   * @throws IllegalArgumentException naming the object and field at fault, before anything changed
   */
  synchronized List<ChangeReport> apply(List<ChangeSet> sets) {
    List<Plan> plans = new ArrayList<>();
    Set<ObjectDef> seen = new HashSet<>();
    for (ChangeSet set : sets) {
      plans.add(plan(set, setsApplied + plans.size(), seen));
    }
    long now = clock.millis();
    List<ChangeReport> reports = new ArrayList<>();
    for (Plan plan : plans) {
      reports.add(run(plan, now));
    }
    // counted only now: after a refused batch, the next one draws as if it had not been sent
    setsApplied += plans.size();
    return reports;
  }

  /**
   * @param ordinal how many sets were applied before this one
   */
  private Plan plan(ChangeSet set, long ordinal, Set<ObjectDef> seen) {
    ObjectDef def = catalog.resolve(set.object());
    if (def == null) {
      throw new IllegalArgumentException(
          "object '"
              + set.object()
              + "' is not an object type: use a name like contacts or a type id like 0-1");
    }
    if (!seen.add(def)) {
      throw new IllegalArgumentException(
          "object: " + def.name + " has two change sets: send one per object");
    }
    List<Associations.Direction> directions = associations.directionsFrom(def);
    if (set.relink() > 0 && directions.isEmpty()) {
      throw new IllegalArgumentException("relink: " + def.name + " has no associations to edit");
    }
    if (set.newProperty() != null && def.property(set.newProperty()) != null) {
      throw new IllegalArgumentException(
          "newProperty: " + def.name + " has a property named " + set.newProperty() + " already");
    }
    SplittableRandom random =
        new SplittableRandom(Hashing.hash(seed, 11_000 + def.ordinal, ordinal));
    ObjectStore store = stores.get(def);
    long[] picked = new long[set.existingRecords()];
    long live = pickLive(store, picked, random);
    if (live < picked.length) {
      throw new IllegalArgumentException(
          "update, bulkUpdate, archive, delete, merge (two each) and relink ask for "
              + picked.length
              + " existing "
              + def.name
              + " together, each a different one, but there are "
              + live
              + " live ones");
    }
    // each kind takes the next of the picked records (arguments are evaluated left to right)
    int[] taken = {0};
    IntFunction<long[]> next = count -> Arrays.copyOfRange(picked, taken[0], taken[0] += count);
    return new Plan(
        set,
        def,
        random,
        directions,
        next.apply(set.update()),
        next.apply(set.bulkUpdate()),
        next.apply(set.archive()),
        next.apply(set.delete()),
        next.apply(2 * set.merge()),
        next.apply(set.relink()));
  }

  /**
   * Fills {@code picked} with distinct live records in an order drawn from {@code random} (a walk
   * of every index by a stride coprime with their number); returns how many it found.
   */
  private static long pickLive(ObjectStore store, long[] picked, SplittableRandom random) {
    long size = store.size();
    if (picked.length == 0 || size == 0) {
      return 0;
    }
    long position = random.nextLong(size);
    long stride = 1;
    if (size > 1) {
      do {
        stride = 1 + random.nextLong(size - 1);
      } while (gcd(stride, size) != 1);
    }
    int found = 0;
    for (long step = 0; step < size && found < picked.length; step++) {
      if (store.isLive(position)) {
        picked[found++] = position;
      }
      position = (position + stride) % size;
    }
    return found;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private ChangeReport run(Plan plan, long now) {
    ChangeSet set = plan.set();
    ObjectDef def = plan.def();
    ObjectStore store = stores.get(def);
    if (set.newProperty() != null) {
      def.addProperty(Catalog.addedProperty(def, set.newProperty()));
    }
    long[] created = new long[set.create()];
    for (int i = 0; i < created.length; i++) {
      created[i] = store.view(store.create(now, plan.random().nextLong())).id;
    }
    for (long index : plan.updates()) {
      store.update(index, now);
    }
    Instant bulkUpdatedAt =
        plan.bulkUpdates().length == 0
            ? null
            : Instant.ofEpochMilli(bulkUpdate(store, plan.bulkUpdates(), now));
    for (long index : plan.archives()) {
      store.archive(index, now);
    }
    long[] deletedIds = ids(store, plan.deletes()); // before they are gone
    for (long index : plan.deletes()) {
      store.delete(index, now);
    }
    List<ChangeReport.Merge> merged = new ArrayList<>();
    long[] merges = plan.merges(); // pairs: the record merged, then the one it goes into
    for (int i = 0; i < merges.length; i += 2) {
      String id = Long.toString(store.view(merges[i]).id);
      String into = Long.toString(store.view(merges[i + 1]).id);
      store.merge(merges[i], merges[i + 1], now);
      merged.add(new ChangeReport.Merge(id, into));
    }
    merged.sort(Comparator.comparingLong(merge -> Long.parseLong(merge.id())));
    List<ChangeReport.LinkEdit> relinked = new ArrayList<>();
    for (long index : plan.relinks()) {
      relinked.add(relink(plan, index, now));
    }
    relinked.sort(Comparator.comparingLong(edit -> Long.parseLong(edit.id())));
    return new ChangeReport(
        def.name,
        sorted(created),
        sorted(ids(store, plan.updates())),
        sorted(ids(store, plan.bulkUpdates())),
        bulkUpdatedAt,
        sorted(ids(store, plan.archives())),
        sorted(deletedIds),
        merged,
        relinked,
        set.newProperty());
  }

  /**
   * Updates every record at one millisecond, later than any of their last-modified times, as a
   * HubSpot import does (more than 10,000 records can share it); returns that millisecond.
   */
  private static long bulkUpdate(ObjectStore store, long[] indices, long now) {
    long at = now;
    for (long index : indices) {
      at = Math.max(at, store.view(index).updatedAt + 1);
    }
    for (long index : indices) {
      store.update(index, now, at);
    }
    return at;
  }

  /**
   * Edits one record's links to one of the types it associates with: one link removed (if it has
   * any) and one to another live record added, in both directions of the pair.
   */
  private ChangeReport.LinkEdit relink(Plan plan, long index, long now) {
    SplittableRandom random = plan.random();
    Associations.Direction d = plan.directions().get(random.nextInt(plan.directions().size()));
    ObjectDef to = d.fromChild() ? d.pair().parent : d.pair().child;
    List<Associations.Link> current = associations.links(plan.def(), to, index);
    Associations.Link unlinked =
        current.isEmpty() ? null : current.get(random.nextInt(current.size()));
    RecordView target = newTarget(to, current, random);
    if (unlinked != null) {
      associations.unlink(d, index, unlinked.toIndex());
    }
    if (target != null) {
      associations.link(d, index, target.index);
    }
    ObjectStore store = stores.get(plan.def());
    if (plan.set().relinkTouchesModified()) {
      store.touch(index, now);
    }
    return new ChangeReport.LinkEdit(
        Long.toString(store.view(index).id),
        to.name,
        unlinked == null ? null : Long.toString(unlinked.toId()),
        target == null ? null : Long.toString(target.id));
  }

  /** A live record of {@code to} not linked now, or {@code null} when none turned up. */
  private RecordView newTarget(
      ObjectDef to, List<Associations.Link> current, SplittableRandom random) {
    ObjectStore store = stores.get(to);
    Set<Long> linked = new HashSet<>();
    current.forEach(link -> linked.add(link.toIndex()));
    for (int i = 0; i < TARGET_TRIES && store.size() > 0; i++) {
      long index = random.nextLong(store.size());
      RecordView v = store.view(index);
      if (v != null && !v.archived && !linked.contains(index)) {
        return v;
      }
    }
    return null;
  }

  private static long[] ids(ObjectStore store, long[] indices) {
    long[] ids = new long[indices.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = store.view(indices[i]).id;
    }
    return ids;
  }

  private static List<String> sorted(long[] ids) {
    return Arrays.stream(ids).sorted().mapToObj(Long::toString).toList();
  }
}
