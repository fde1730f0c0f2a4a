package dev.hubspotextract.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The records of one object type: a closed-form function of (seed, index) plus a small in-memory
 * overlay of the changes churn made while the sandbox runs. Nothing is stored per generated record.
 */
final class ObjectStore {
  /** A change churn made to a generated record. */
  record Mutation(long updatedAt, int version, boolean archived, long archivedAt) {}

  final ObjectDef def;
  private final long seed;
  private final long step;
  private final ConcurrentHashMap<Long, Mutation> mutations = new ConcurrentHashMap<>();
  private final List<Long> createdTimes = new ArrayList<>();

  /** Indices churn archived (churn never restores an archived record). */
  private final ConcurrentSkipListSet<Long> archivedByChurn = new ConcurrentSkipListSet<>();

  private volatile long size;
  private volatile ArchivedCounts archivedAtStart;

  ObjectStore(ObjectDef def, long seed) {
    this.def = def;
    this.seed = seed;
    this.step = (Catalog.T_END - Catalog.T_START) / Math.max(1, def.baseCount);
    this.size = def.baseCount;
  }

  /** Generated plus churn-created records (archived ones included). */
  long size() {
    return size;
  }

  /** The record at an index, or {@code null} when there is none. */
  RecordView view(long index) {
    if (index < 0 || index >= size) {
      return null;
    }
    long created;
    long updated;
    boolean archived;
    long archivedAt = 0;
    if (index < def.baseCount) {
      long h = generatedHash(index);
      created = Catalog.T_START + index * step + Hashing.belowLong(h, Math.max(1, step));
      long h2 = Hashing.mix(h);
      updated =
          Hashing.below(h2, 3) == 0
              ? created
              : created + Hashing.belowLong(h2 >>> 2, Math.max(1, Catalog.T_END - created));
      archived = startsArchived(h2);
      if (archived) {
        archivedAt = updated;
      }
    } else {
      synchronized (createdTimes) {
        created = createdTimes.get((int) (index - def.baseCount));
      }
      updated = created;
      archived = false;
    }
    int version = 0;
    if (!mutations.isEmpty()) {
      Mutation m = mutations.get(index);
      if (m != null) {
        updated = Math.max(updated, m.updatedAt());
        version = m.version();
        if (m.archived()) {
          archived = true;
          archivedAt = m.archivedAt();
        }
      }
    }
    long hash = Hashing.hash(seed, def.ordinal, index, version);
    return new RecordView(
        def, index, def.idOf(index), created, updated, archived, archivedAt, hash);
  }

  private long generatedHash(long index) {
    return Hashing.hash(seed, 1000 + def.ordinal, index);
  }

  /** Whether a generated record starts archived (about 1 in 100), from its hash's second mix. */
  private static boolean startsArchived(long h2) {
    return Hashing.below(h2 >>> 32, 100) == 0;
  }

  /**
   * Live records with an index in {@code [from, to)}, counted without generating them: the range
   * less the generated records that start archived and the records churn archived since.
   */
  long liveCount(long from, long to) {
    from = Math.max(0, from);
    to = Math.min(to, size);
    if (from >= to) {
      return 0;
    }
    long archived = archivedCounts().count(from, Math.min(to, def.baseCount));
    archived += archivedByChurn.subSet(from, to).size();
    return (to - from) - archived;
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

  // ---- churn ----------------------------------------------------------------------------------

  /** Appends a record created at {@code now}; returns its index. */
  long create(long now) {
    synchronized (createdTimes) {
      long last =
          createdTimes.isEmpty() ? Catalog.T_END : createdTimes.get(createdTimes.size() - 1);
      createdTimes.add(Math.max(now, last + 1));
      size = def.baseCount + createdTimes.size();
      return size - 1;
    }
  }

  /** Updates a record's values and last-modified time; ignored for archived records. */
  void update(long index, long now) {
    RecordView v = view(index);
    if (v == null || v.archived) {
      return;
    }
    mutations.compute(
        index,
        (k, m) ->
            m == null
                ? new Mutation(Math.max(now, v.updatedAt + 1), 1, false, 0)
                : new Mutation(Math.max(now, v.updatedAt + 1), m.version() + 1, false, 0));
  }

  /** Archives a record; ignored when it is archived already. */
  void archive(long index, long now) {
    RecordView v = view(index);
    if (v == null || v.archived) {
      return;
    }
    long at = Math.max(now, v.updatedAt + 1);
    mutations.compute(index, (k, m) -> new Mutation(at, m == null ? 0 : m.version(), true, at));
    archivedByChurn.add(index);
  }
}
