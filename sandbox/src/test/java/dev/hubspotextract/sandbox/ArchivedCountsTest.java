package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ArchivedCountsTest {
  @Test
  void countsTheArchivedRecordsOfEveryRangeAsWalkingItWould() {
    LongPredicate archived = i -> i % 7 == 3 || i == 63 || i == 64 || i == 127 || i == 128;
    ArchivedCounts counts = new ArchivedCounts(200, archived);
    for (long from = 0; from <= 200; from++) {
      for (long to = from; to <= 200; to++) {
        assertThat(counts.count(from, to))
            .as("[%d, %d)", from, to)
            .isEqualTo(LongStream.range(from, to).filter(archived).count());
      }
    }
  }

  @Test
  void anObjectWithoutRecordsHasNoneArchived() {
    assertThat(new ArchivedCounts(0, i -> true).count(0, 0)).isZero();
  }
}
