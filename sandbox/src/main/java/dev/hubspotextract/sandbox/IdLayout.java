package dev.hubspotextract.sandbox;

import java.util.SplittableRandom;

/**
 * The ids of one object type's generated records, as HubSpot hands them out: sparse, allocated in
 * blocks, of mixed lengths and not in creation order.
 *
 * <p>Records are cut by index (creation order) into blocks of {@link #BLOCK}, each block created
 * within a short span of time. The blocks are shuffled (from the seed) into <em>slots</em>, and
 * slot {@code s} owns an id window of its own: slot 0 the small ids ({@code 1, 51, 101, …}), the
 * others equal windows spread over 10- and 11-digit ids. Within its window a slot starts at a
 * random offset and steps by a stride of its own (1 to tens of thousands) plus a random offset
 * below the stride, so ids rise strictly inside a slot, gaps vary inside and between blocks, and
 * the id windows' order is not the blocks' creation order.
 *
 * <p>A <em>position</em> is {@code slot × BLOCK + j}; positions ascend with ids. Only the slot of
 * the last (short) block has positions without a record. Index → id, id → index and the first
 * position at or above an id are O(1) arithmetic plus two {@code int} per block (the shuffle and
 * its inverse): nothing per record.
 */
final class IdLayout {
  static final int BLOCK = 32;

  /** Slot 0's stride: ids 1, 51, 101, … as in a real portal's first records. */
  static final long SMALL_STRIDE = 50;

  /** The first 10-digit id: every slot but slot 0 lies at or above it. */
  static final long LOW = 1_000_000_000L;

  /** Generated ids stay below this (11 digits); churn may create a few above. */
  static final long HIGH = 99_000_000_000L;

  private final long seed;
  private final int ordinal;
  private final long count;
  private final int slots;
  private final int lastLength;

  /** The block (creation order) each slot (id order) holds, and the inverse. */
  private final int[] blockAt;

  private final int[] slotOf;

  /** Width of the id window of each slot but slot 0. */
  private final long window;

  IdLayout(long seed, int ordinal, long count) {
    this.seed = seed;
    this.ordinal = ordinal;
    this.count = count;
    this.slots = Math.toIntExact((count + BLOCK - 1) / BLOCK);
    this.lastLength = (int) (count - (slots - 1L) * BLOCK);
    this.blockAt = new int[slots];
    this.slotOf = new int[slots];
    for (int s = 0; s < slots; s++) {
      blockAt[s] = s;
    }
    // block 0, the oldest records, keeps the small ids; the others are shuffled (Fisher-Yates)
    SplittableRandom random = new SplittableRandom(Hashing.hash(seed, 5000 + ordinal, count));
    for (int s = slots - 1; s > 1; s--) {
      int k = 1 + random.nextInt(s);
      int t = blockAt[s];
      blockAt[s] = blockAt[k];
      blockAt[k] = t;
    }
    for (int s = 0; s < slots; s++) {
      slotOf[blockAt[s]] = s;
    }
    this.window = (HIGH - LOW) / Math.max(1, slots - 1);
  }

  /** One past the last position. */
  long positions() {
    return (long) slots * BLOCK;
  }

  /** Records in a slot: {@link #BLOCK}, but fewer in the slot of the last block. */
  private int length(int slot) {
    return blockAt[slot] == slots - 1 ? lastLength : BLOCK;
  }

  /** True when a position holds a record. */
  boolean holds(long position) {
    return position >= 0
        && position < positions()
        && position % BLOCK < length((int) (position / BLOCK));
  }

  /** The index (creation order) of the record at a position that {@link #holds} one. */
  long indexAt(long position) {
    return (long) blockAt[(int) (position / BLOCK)] * BLOCK + position % BLOCK;
  }

  /** The position of a generated record's index. */
  long positionOf(long index) {
    return (long) slotOf[(int) (index / BLOCK)] * BLOCK + index % BLOCK;
  }

  /** The id of a generated record. */
  long idOf(long index) {
    return idAt(positionOf(index));
  }

  /** The id at a position that {@link #holds} a record. */
  long idAt(long position) {
    int slot = (int) (position / BLOCK);
    long j = position % BLOCK;
    if (slot == 0) {
      return 1 + j * SMALL_STRIDE;
    }
    long stride = stride(slot);
    long offset =
        stride == 1 ? 0 : Hashing.belowLong(Hashing.hash(seed, 6000 + ordinal, position), stride);
    return base(slot) + j * stride + offset;
  }

  /** Where a slot's ids start: at a random point in the first quarter of its window. */
  private long base(int slot) {
    long start = LOW + (slot - 1) * window;
    return start
        + Hashing.belowLong(Hashing.hash(seed, 6100 + ordinal, slot), Math.max(1, window / 4));
  }

  /**
   * A slot's stride: the widest that keeps its block within half its window, halved a random 0 to
   * 15 times, so some blocks are dense (stride 1) and others very sparse.
   */
  private long stride(int slot) {
    long widest = Math.max(1, window / (2L * BLOCK));
    int halvings = Hashing.below(Hashing.hash(seed, 6200 + ordinal, slot), 16);
    return Math.max(1, widest >> halvings);
  }

  /** The index of the generated record with this id, or -1 when no generated record has it. */
  long indexOf(long id) {
    if (id < 1 || slots == 0) {
      return -1;
    }
    long position = firstAtOrAbove(id);
    return holds(position) && idAt(position) == id ? indexAt(position) : -1;
  }

  /**
   * The first position whose id is at least {@code id} (skipping positions without a record), or
   * {@link #positions()} when there is none.
   */
  long firstAtOrAbove(long id) {
    if (slots == 0 || id <= 1) {
      return 0;
    }
    int slot = id < LOW ? 0 : (int) Math.min(slots, 1 + (id - LOW) / window);
    if (slot >= slots) {
      return positions();
    }
    int length = length(slot);
    long j;
    if (slot == 0) {
      j = (id - 1 + SMALL_STRIDE - 1) / SMALL_STRIDE;
    } else {
      long base = base(slot);
      if (id <= base) {
        j = 0;
      } else {
        j = Math.min(length, (id - base) / stride(slot));
        if (j < length && idAt((long) slot * BLOCK + j) < id) {
          j++;
        }
      }
    }
    return j < length ? (long) slot * BLOCK + j : (slot + 1L) * BLOCK;
  }

  /** The records at positions below {@code position}. */
  long recordsBelow(long position) {
    if (position <= 0) {
      return 0;
    }
    if (position >= positions()) {
      return count;
    }
    int slot = (int) (position / BLOCK);
    long below = (long) slot * BLOCK;
    if (slots > 0 && slotOf[slots - 1] < slot) {
      below -= BLOCK - lastLength; // the short block lies below
    }
    return below + Math.min(position % BLOCK, length(slot));
  }

  /** The index range {@code [from, to)} of the block a slot holds, cut to positions in it. */
  long[] indexRange(int slot, long fromPosition, long toPosition) {
    long start = (long) slot * BLOCK;
    long j0 = Math.max(0, fromPosition - start);
    long j1 = Math.min(length(slot), toPosition - start);
    long block = (long) blockAt[slot] * BLOCK;
    return new long[] {block + j0, block + Math.max(j0, j1)};
  }

  /** The slot that holds a block. */
  int slotOfBlock(int block) {
    return slotOf[block];
  }

  /** The slot count. */
  int slots() {
    return slots;
  }

  /**
   * A candidate id for a record created while the sandbox runs, from a random value: anywhere in
   * the id space (in the gaps of and between blocks, below the highest id), or one time in four
   * above every generated id. The caller retries when the candidate is taken.
   */
  static long candidateId(long random) {
    long h = Hashing.hash(random, 7100, 1); // any random value, even 0, spreads over the space
    long r = Hashing.mix(h);
    return Hashing.below(h, 4) == 0
        ? HIGH + Hashing.belowLong(r, LOW)
        : 1 + Hashing.belowLong(r, HIGH - 1);
  }
}
