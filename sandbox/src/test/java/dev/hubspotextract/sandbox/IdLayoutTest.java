package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The id layout is a bijection between creation order and id order, with O(1) lookups both ways and
 * a first-position-at-or-above that agrees with a scan.
 */
class IdLayoutTest {
  @Test
  void everyIndexHasOneIdAndPositionsAscendWithIdsForAnySize() {
    for (long count : new long[] {0, 1, 31, 32, 33, 64, 100, 2_345}) {
      IdLayout layout = new IdLayout(42, 3, count);
      Set<Long> indices = new HashSet<>();
      long previous = 0;
      for (long p = 0; p < layout.positions(); p++) {
        if (!layout.holds(p)) {
          continue;
        }
        long index = layout.indexAt(p);
        long id = layout.idAt(p);
        assertThat(id).as("ids ascend with positions (%d records)", count).isGreaterThan(previous);
        assertThat(indices.add(index)).as("each index once").isTrue();
        assertThat(layout.idOf(index)).isEqualTo(id);
        assertThat(layout.indexOf(id)).isEqualTo(index);
        assertThat(layout.positionOf(index)).isEqualTo(p);
        assertThat(layout.recordsBelow(p)).isEqualTo(indices.size() - 1);
        previous = id;
      }
      assertThat(indices).hasSize((int) count);
      assertThat(layout.recordsBelow(layout.positions())).isEqualTo(count);
    }
  }

  @Test
  void firstAtOrAboveAgreesWithAScanAndOnlyRecordIdsAreFound() {
    IdLayout layout = new IdLayout(7, 0, 5_000);
    long[] ids = new long[5_000];
    long[] positions = new long[5_000];
    int n = 0;
    for (long p = 0; p < layout.positions(); p++) {
      if (layout.holds(p)) {
        positions[n] = p;
        ids[n++] = layout.idAt(p);
      }
    }
    SplittableRandom random = new SplittableRandom(1);
    for (int k = 0; k < 20_000; k++) {
      int near = random.nextInt(n);
      long probe =
          switch (k % 4) {
            case 0 -> ids[near];
            case 1 -> ids[near] + 1;
            case 2 -> ids[near] - 1;
            default -> random.nextLong(0, IdLayout.HIGH + 10);
          };
      int expected = 0;
      while (expected < n && ids[expected] < probe) {
        expected++;
      }
      long want = expected < n ? positions[expected] : layout.positions();
      assertThat(layout.firstAtOrAbove(probe)).as("first at or above %d", probe).isEqualTo(want);
      boolean isId = expected < n && ids[expected] == probe;
      assertThat(layout.indexOf(probe) >= 0).as("%d is an id", probe).isEqualTo(isId);
    }
  }

  @Test
  void blocksOfRecordsCreatedTogetherAreNotInCreationOrder() {
    IdLayout layout = new IdLayout(42, 0, 100_000);
    int inversions = 0;
    for (long block = 1; block < 100_000 / IdLayout.BLOCK; block++) {
      if (layout.idOf(block * IdLayout.BLOCK) < layout.idOf((block - 1) * IdLayout.BLOCK)) {
        inversions++;
      }
    }
    assertThat(inversions).as("later blocks with lower ids").isGreaterThan(1000);
    for (long i = 1; i < IdLayout.BLOCK; i++) {
      assertThat(layout.idOf(i)).as("within a block ids rise").isGreaterThan(layout.idOf(i - 1));
    }
  }
}
