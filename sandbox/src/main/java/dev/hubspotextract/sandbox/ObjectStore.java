package dev.hubspotextract.sandbox;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.LongStream;

/**
 * The records of one object type: a closed-form function of (seed, index) plus a small in-memory
 * overlay of the changes churn and {@link Changes} made while the sandbox runs. Nothing is stored
 * per unchanged generated record.
 *
 * <p>An index is a record's place in creation order; its id comes from the type's {@link IdLayout}
 * (generated records) or was drawn from the gaps of the id space (records churn created). Search
 * sees changes only once they are {@code searchLagMillis} old, as HubSpot's search index trails its
 * writes: until then it sees the version before.
 */
final class ObjectStore {
  /**
   * A change made to a record at clock time {@code changedAt}, linked to the change before it for
   * as long as search may still show that one. A deleted record is gone from every read.
   */
  record Mutation(
      long changedAt,
      long updatedAt,
      int version,
      boolean archived,
      long archivedAt,
      boolean deleted,
      Mutation previous) {
    Mutation withPrevious(Mutation p) {
      return new Mutation(changedAt, updatedAt, version, archived, archivedAt, deleted, p);
    }
  }

  final ObjectDef def;
  private final IdLayout ids;
  private final long seed;
  private final long step;
  private final long searchLagMillis;
  private final ConcurrentHashMap<Long, Mutation> mutations = new ConcurrentHashMap<>();

  /**
   * When each version of a changed record's values began (version {@code k} at {@code [k - 1]}), by
   * index: what its property history is told from ({@link PropertyHistories}). Only records an
   * update changed are here, a long per update.
   */
  private final ConcurrentHashMap<Long, long[]> versionTimes = new ConcurrentHashMap<>();

  /**
   * Records churn created, three longs each (created at, clock time of creation, id), by {@code
   * index - baseCount}; guarded by {@code this}.
   */
  private long[] created = new long[0];

  /** Ids of the records churn created, to their indices. */
  private final ConcurrentSkipListMap<Long, Long> createdById = new ConcurrentSkipListMap<>();

  /**
   * Ids of the records that were live and have been archived or deleted since start (none is ever
   * restored), to the clock time of it: search counts them out once that time is past its horizon.
   */
  private final ConcurrentSkipListMap<Long, Long> leftSearch = new ConcurrentSkipListMap<>();

  /**
   * Ids of the records merged into others since start, to the index of the record each went into: a
   * read of a merged id answers with that record ({@link #resolve}).
   */
  private final ConcurrentHashMap<Long, Long> mergedInto = new ConcurrentHashMap<>();

  private volatile long size;
  private volatile ArchivedCounts archivedAtStart;

  /** {@code [s]}: generated records that start archived in the slots below {@code s}. */
  private volatile int[] archivedBelowSlot;

  ObjectStore(ObjectDef def, long seed, long searchLagMillis) {
    this.def = def;
    this.ids = def.ids;
    this.seed = seed;
    this.searchLagMillis = searchLagMillis;
    this.step = (Catalog.T_END - Catalog.T_START) / Math.max(1, def.baseCount);
    this.size = def.baseCount;
  }

  /** Generated plus churn-created records (archived ones included). */
  long size() {
    return size;
  }

  /** The record at an index, or {@code null} when there is none. */
  RecordView view(long index) {
    return view(index, Long.MAX_VALUE);
  }

  /**
   * The record at an index as search shows it at {@code horizon} (clock millis): churn's changes
   * made after it are not seen yet. {@code null} when there is no record or search does not see it
   * yet.
   */
  RecordView searchView(long index, long horizon) {
    return view(index, horizon);
  }

  /** The clock time before which search sees every change, now. */
  long searchHorizon(long now) {
    return now - searchLagMillis;
  }

  private RecordView view(long index, long horizon) {
    if (index < 0 || index >= size) {
      return null;
    }
    long id;
    long created;
    long updated;
    boolean archived;
    long archivedAt = 0;
    if (index < def.baseCount) {
      id = ids.idOf(index);
      long h = generatedHash(index);
      created = generatedCreatedAt(index, h);
      long h2 = Hashing.mix(h);
      updated = generatedUpdatedAt(created, h2);
      archived = startsArchived(h2);
      if (archived) {
        archivedAt = updated;
      }
    } else {
      int at = (int) (index - def.baseCount) * 3;
      synchronized (this) {
        if (this.created[at + 1] > horizon) {
          return null;
        }
        created = this.created[at];
        id = this.created[at + 2];
      }
      updated = created;
      archived = false;
    }
    int version = 0;
    if (!mutations.isEmpty()) {
      Mutation m = mutations.get(index);
      while (m != null && m.changedAt() > horizon) {
        m = m.previous();
      }
      if (m != null) {
        if (m.deleted()) {
          return null;
        }
        updated = Math.max(updated, m.updatedAt());
        version = m.version();
        if (m.archived()) {
          archived = true;
          archivedAt = m.archivedAt();
        }
      }
    }
    long hash = Hashing.hash(seed, def.ordinal, index, version);
    return new RecordView(def, index, id, created, updated, archived, archivedAt, hash, version);
  }

  private long generatedCreatedAt(long index, long h) {
    return Catalog.T_START + index * step + Hashing.belowLong(h, Math.max(1, step));
  }

  private static long generatedUpdatedAt(long created, long h2) {
    return Hashing.below(h2, 3) == 0
        ? created
        : created + Hashing.belowLong(h2 >>> 2, Math.max(1, Catalog.T_END - created));
  }

  // ---- versions, for property history ---------------------------------------------------------

  /**
   * The last-modified time a record had before any change made since start: a generated record's,
   * or a created record's creation time.
   */
  long originalUpdatedAt(long index) {
    if (index < def.baseCount) {
      long h = generatedHash(index);
      return generatedUpdatedAt(generatedCreatedAt(index, h), Hashing.mix(h));
    }
    synchronized (this) {
      return created[(int) (index - def.baseCount) * 3];
    }
  }

  /**
   * When each of a record's versions 1 to {@code version} began, oldest first (empty for one never
   * updated); fewer when an update is being applied at this moment.
   */
  long[] versionTimes(long index, int version) {
    long[] times = versionTimes.get(index);
    if (times == null || version == 0) {
      return new long[0];
    }
    return Arrays.copyOf(times, Math.min(version, times.length));
  }

  /**
   * The record as it was at one version of its values, last modified at {@code updatedAt}: the
   * values an earlier answer served for it, live.
   */
  RecordView atVersion(RecordView record, int version, long updatedAt) {
    return new RecordView(
        def,
        record.index,
        record.id,
        record.createdAt,
        updatedAt,
        false,
        0,
        Hashing.hash(seed, def.ordinal, record.index, version),
        version);
  }

  private long generatedHash(long index) {
    return Hashing.hash(seed, 1000 + def.ordinal, index);
  }

  /** Whether a generated record starts archived (about 1 in 100), from its hash's second mix. */
  private static boolean startsArchived(long h2) {
    return Hashing.below(h2 >>> 32, 100) == 0;
  }

  /**
   * The index of the record with this id (generated or created since start), or -1; a deleted
   * record keeps its index, and {@link #view} finds nothing there.
   */
  long indexOf(long id) {
    long index = ids.indexOf(id);
    if (index >= 0 || createdById.isEmpty()) {
      return index;
    }
    Long created = createdById.get(id);
    return created == null ? -1 : created;
  }

  /**
   * The record a read by id finds: the one with this id, or for a record merged into another the
   * one it went into (that one's id, as HubSpot answers), following merges of merges; {@code null}
   * when there is none.
   */
  RecordView resolve(long id) {
    RecordView v = view(indexOf(id));
    for (int hops = 0; v == null && hops <= mergedInto.size(); hops++) {
      Long into = mergedInto.get(id);
      if (into == null) {
        return null;
      }
      v = view(into);
      id = idAt(into);
    }
    return v;
  }

  /** True when the index holds a record in the given archived state. */
  boolean isLive(long index) {
    RecordView v = view(index);
    return v != null && !v.archived;
  }

  long liveCount() {
    long count = 0;
    for (long i = 0, n = size; i < n; i++) {
      if (isLive(i)) {
        count++;
      }
    }
    return count;
  }

  // ---- records changed since start ------------------------------------------------------------

  /**
   * The indices, ascending, of every record whose last-modified time can be at or after {@code
   * millis} (as search sees it at any horizon), or {@code null} when that can be any record.
   * Generated records were all last modified before {@link Catalog#T_END}, so from then on only the
   * records changed or created since start can be: a search for recent changes (a sync's) looks at
   * those few instead of generating every record of the object.
   */
  long[] modifiedFrom(long millis) {
    if (millis < Catalog.T_END) {
      return null;
    }
    long base = def.baseCount;
    long end = size;
    LongStream.Builder changed = LongStream.builder();
    for (long index : mutations.keySet()) {
      if (index < base) {
        changed.add(index); // a created record's changes are among the created ones below
      }
    }
    long[] generated = changed.build().sorted().toArray();
    long[] indices = Arrays.copyOf(generated, Math.toIntExact(generated.length + end - base));
    for (int i = generated.length; i < indices.length; i++) {
      indices[i] = base + i - generated.length;
    }
    return indices;
  }

  /** The id of the record at an index, which must hold one (generated or created since start). */
  long idAt(long index) {
    if (index < def.baseCount) {
      return ids.idOf(index);
    }
    synchronized (this) {
      return created[(int) (index - def.baseCount) * 3 + 2];
    }
  }

  // ---- id order -------------------------------------------------------------------------------

  /**
   * The indices of the records with an id in {@code [fromId, toId)}, archived ones included, in
   * ascending or descending id order: O(1) per record, generated and churn-created ones merged.
   */
  PrimitiveIterator.OfLong byId(long fromId, long toId, boolean descending) {
    if (fromId >= toId) {
      return new IdCursor(0, 0, false, null);
    }
    long from = ids.firstAtOrAbove(fromId);
    long to = ids.firstAtOrAbove(toId);
    NavigableMap<Long, Long> churned =
        createdById.isEmpty() ? null : createdById.subMap(fromId, true, toId, false);
    if (descending) {
      return new IdCursor(to - 1, from - 1, true, churned == null ? null : churned.descendingMap());
    }
    return new IdCursor(from, to, false, churned);
  }

  /** Walks positions of the layout and churn-created ids together, in id order. */
  private final class IdCursor implements PrimitiveIterator.OfLong {
    private long position;
    private final long end; // exclusive, in the walking direction
    private final boolean descending;
    private final Iterator<Map.Entry<Long, Long>> churned;
    private Map.Entry<Long, Long> pending;

    IdCursor(long position, long end, boolean descending, NavigableMap<Long, Long> churned) {
      this.position = position;
      this.end = end;
      this.descending = descending;
      this.churned = churned == null ? null : churned.entrySet().iterator();
      advanceChurned();
    }

    private void advanceChurned() {
      pending = churned != null && churned.hasNext() ? churned.next() : null;
    }

    /** Moves past positions without a record (only the short last block has them). */
    private boolean generatedLeft() {
      if (descending) {
        while (position > end && !ids.holds(position)) {
          position--;
        }
        return position > end;
      }
      while (position < end && !ids.holds(position)) {
        position++;
      }
      return position < end;
    }

    @Override
    public boolean hasNext() {
      return generatedLeft() || pending != null;
    }

    @Override
    public long nextLong() {
      boolean generated = generatedLeft();
      if (pending != null) {
        long churnedId = pending.getKey();
        if (!generated
            || (descending ? churnedId > ids.idAt(position) : churnedId < ids.idAt(position))) {
          long index = pending.getValue();
          advanceChurned();
          return index;
        }
      } else if (!generated) {
        throw new NoSuchElementException();
      }
      long index = ids.indexAt(position);
      position += descending ? -1 : 1;
      return index;
    }
  }

  /**
   * Appends the index ranges {@code [from, to)} of the records with an id in {@code [fromId,
   * toId)}: one per block the ids touch and one per churn-created record (unsorted, unmerged).
   */
  void indexRanges(long fromId, long toId, List<long[]> out) {
    if (fromId >= toId) {
      return;
    }
    long from = ids.firstAtOrAbove(fromId);
    long to = ids.firstAtOrAbove(toId);
    long firstSlot = from / IdLayout.BLOCK;
    long endSlot = (to + IdLayout.BLOCK - 1) / IdLayout.BLOCK;
    if ((endSlot - firstSlot) * 8 > ids.slots()) {
      // many blocks: take them in creation order, so the ranges come sorted (the caller's sort
      // is then linear)
      for (int block = 0; block < ids.slots(); block++) {
        int slot = ids.slotOfBlock(block);
        if (slot >= firstSlot && slot < endSlot) {
          long[] r = ids.indexRange(slot, from, to);
          if (r[0] < r[1]) {
            out.add(r);
          }
        }
      }
    } else {
      for (long slot = firstSlot; slot < endSlot; slot++) {
        long[] r = ids.indexRange((int) slot, from, to);
        if (r[0] < r[1]) {
          out.add(r);
        }
      }
    }
    if (!createdById.isEmpty()) {
      for (long index : createdById.subMap(fromId, true, toId, false).values()) {
        out.add(new long[] {index, index + 1});
      }
    }
  }

  /**
   * The records with an id in {@code [fromId, toId)} that search shows as live at {@code horizon},
   * counted without generating them.
   */
  long searchableCount(long fromId, long toId, long horizon) {
    if (fromId >= toId) {
      return 0;
    }
    long count =
        liveAtStartBelow(ids.firstAtOrAbove(toId)) - liveAtStartBelow(ids.firstAtOrAbove(fromId));
    if (!createdById.isEmpty()) {
      for (long index : createdById.subMap(fromId, true, toId, false).values()) {
        if (seenFrom(index) <= horizon) {
          count++;
        }
      }
    }
    for (long at : leftSearch.subMap(fromId, true, toId, false).values()) {
      if (at <= horizon) {
        count--;
      }
    }
    return count;
  }

  /** Generated records at positions below {@code position} that start live. */
  private long liveAtStartBelow(long position) {
    int[] archivedBelow = archivedBelowSlot();
    if (position >= ids.positions()) {
      return def.baseCount - archivedBelow[ids.slots()];
    }
    int slot = (int) (position / IdLayout.BLOCK);
    long[] partial = ids.indexRange(slot, (long) slot * IdLayout.BLOCK, position);
    return ids.recordsBelow(position)
        - archivedBelow[slot]
        - archivedCounts().count(partial[0], partial[1]);
  }

  private int[] archivedBelowSlot() {
    int[] below = archivedBelowSlot;
    if (below == null) {
      synchronized (this) {
        below = archivedBelowSlot;
        if (below == null) {
          ArchivedCounts counts = archivedCounts();
          int slots = ids.slots();
          below = new int[slots + 1];
          for (int s = 0; s < slots; s++) {
            long start = (long) s * IdLayout.BLOCK;
            long[] r = ids.indexRange(s, start, start + IdLayout.BLOCK);
            below[s + 1] = below[s] + (int) counts.count(r[0], r[1]);
          }
          archivedBelowSlot = below;
        }
      }
    }
    return below;
  }

  private ArchivedCounts archivedCounts() {
    ArchivedCounts counts = archivedAtStart;
    if (counts == null) {
      synchronized (this) {
        counts = archivedAtStart;
        if (counts == null) {
          counts =
              new ArchivedCounts(def.baseCount, i -> startsArchived(Hashing.mix(generatedHash(i))));
          archivedAtStart = counts;
        }
      }
    }
    return counts;
  }

  /** The clock time search sees a record churn created from. */
  private long seenFrom(long index) {
    synchronized (this) {
      return created[(int) (index - def.baseCount) * 3 + 1];
    }
  }

  // ---- changes (churn's and those asked for) --------------------------------------------------

  /**
   * Adds a record created at clock time {@code now}, with a free id drawn from {@code random}
   * anywhere in the id space (below the highest id too, as on HubSpot); returns its index.
   */
  long create(long now, long random) {
    long index;
    long id;
    synchronized (this) {
      id = freeId(random);
      int n = (int) (size - def.baseCount);
      long last = n == 0 ? Catalog.T_END : created[(n - 1) * 3];
      if (created.length < (n + 1) * 3) {
        created = Arrays.copyOf(created, Math.max(48, created.length * 2));
      }
      created[n * 3] = Math.max(now, last + 1);
      created[n * 3 + 1] = now;
      created[n * 3 + 2] = id;
      index = def.baseCount + n;
      size = index + 1;
    }
    createdById.put(id, index); // after size, so that whoever finds the id finds the record
    return index;
  }

  private long freeId(long random) {
    for (long r = random; ; r = Hashing.mix(r + 1)) {
      long id = IdLayout.candidateId(r);
      if (ids.indexOf(id) < 0 && !createdById.containsKey(id)) {
        return id;
      }
    }
  }

  /** Updates a record's values and last-modified time; ignored for archived records. */
  void update(long index, long now) {
    update(index, now, now);
  }

  /**
   * Updates a record's values; its last-modified time becomes {@code modifiedAt}, or just after its
   * previous one if that is not earlier (so a bulk update can give many records one millisecond).
   * Ignored for archived records.
   */
  void update(long index, long now, long modifiedAt) {
    modify(index, now, modifiedAt, 1);
  }

  /**
   * Moves a record's last-modified time on, its values unchanged (as an association edit does when
   * HubSpot bumps the date); ignored for archived records.
   */
  void touch(long index, long now) {
    modify(index, now, now, 0);
  }

  /**
   * A live record's last-modified time becomes {@code modifiedAt} (or just after its previous one),
   * its values {@code versions} versions on.
   */
  private void modify(long index, long now, long modifiedAt, int versions) {
    RecordView v = view(index);
    if (v == null || v.archived) {
      return;
    }
    long updatedAt = Math.max(modifiedAt, v.updatedAt + 1);
    long horizon = searchHorizon(now);
    if (versions > 0) {
      // before the new version is seen: a history is never shorter than the record's version
      versionTimes.merge(
          index,
          new long[] {updatedAt},
          (had, added) -> {
            long[] times = Arrays.copyOf(had, had.length + 1);
            times[had.length] = added[0];
            return times;
          });
    }
    mutations.compute(
        index,
        (k, m) ->
            new Mutation(
                now,
                updatedAt,
                (m == null ? 0 : m.version()) + versions,
                false,
                0,
                false,
                pruned(m, horizon)));
  }

  /**
   * Archives a record; ignored when it is archived already. Its last-modified time stays as it was:
   * HubSpot's archiving does not move {@code hs_lastmodifieddate} (airbytehq/airbyte#19838,
   * hubspot-api.md §17), so a sync must find archived records by listing them.
   */
  void archive(long index, long now) {
    RecordView v = view(index);
    if (v == null || v.archived) {
      return;
    }
    long at = Math.max(now, v.updatedAt + 1);
    long horizon = searchHorizon(now);
    mutations.compute(
        index,
        (k, m) ->
            new Mutation(
                now,
                v.updatedAt,
                m == null ? 0 : m.version(),
                true,
                at,
                false,
                pruned(m, horizon)));
    leftSearch.put(v.id, now);
  }

  /**
   * Deletes a record for good (HubSpot's GDPR delete), live or archived: every read stops finding
   * it at once, search once the lag has passed. Ignored when there is no record.
   */
  void delete(long index, long now) {
    RecordView v = view(index);
    if (v == null) {
      return;
    }
    long horizon = searchHorizon(now);
    mutations.compute(
        index,
        (k, m) ->
            new Mutation(
                now,
                v.updatedAt,
                m == null ? 0 : m.version(),
                v.archived,
                v.archivedAt,
                true,
                pruned(m, horizon)));
    if (!v.archived) {
      leftSearch.put(v.id, now);
    }
  }

  /**
   * Merges a live record into another live one, as HubSpot's merge does: the merged record is gone
   * from every list and, after the lag, from search, as a deleted one; a read of its id finds the
   * record it went into ({@link #resolve}), whose last-modified time moves on. Ignored unless both
   * are live and different.
   */
  void merge(long index, long intoIndex, long now) {
    RecordView v = view(index);
    if (index == intoIndex || v == null || v.archived || !isLive(intoIndex)) {
      return;
    }
    mergedInto.put(v.id, intoIndex); // before the delete: a read between them finds one of them
    delete(index, now);
    touch(intoIndex, now);
  }

  /**
   * A change and those before it that search may still show: once search sees a change (it is older
   * than the horizon, which only moves forward), the ones before it are dropped.
   */
  private static Mutation pruned(Mutation m, long horizon) {
    if (m == null) {
      return null;
    }
    if (m.changedAt() <= horizon) {
      return m.previous() == null ? m : m.withPrevious(null);
    }
    Mutation previous = pruned(m.previous(), horizon);
    return previous == m.previous() ? m : m.withPrevious(previous);
  }
}
