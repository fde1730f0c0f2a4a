package dev.hubspotextract.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

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
  private volatile long size;

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
      long h = Hashing.hash(seed, 1000 + def.ordinal, index);
      created = Catalog.T_START + index * step + Hashing.belowLong(h, Math.max(1, step));
      long h2 = Hashing.mix(h);
      updated =
          Hashing.below(h2, 3) == 0
              ? created
              : created + Hashing.belowLong(h2 >>> 2, Math.max(1, Catalog.T_END - created));
      archived = Hashing.below(h2 >>> 32, 100) == 0;
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
  }
}
