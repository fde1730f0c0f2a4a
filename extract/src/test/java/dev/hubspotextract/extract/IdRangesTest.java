package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdRangesTest {
  @Test
  void theIdsAboveTheFirstCursorAreCutIntoRangesAndTheLastStaysOpenForNewRecords() {
    IdRanges ranges = new IdRanges(100, 1_000, 4);

    List<IdRanges.Range> seeded = ranges.others();
    assertThat(seeded).extracting(IdRanges.Range::start).containsExactly(326L, 551L, 776L);
    IdRanges.Range last = seeded.get(2);
    assertThat(ranges.claim(last, 5_000_000_000L)).isEqualTo(IdRanges.Claim.WRITE);
    assertThat(ranges.claim(ranges.first(), 325)).isEqualTo(IdRanges.Claim.WRITE);
    assertThat(ranges.claim(ranges.first(), 326)).isEqualTo(IdRanges.Claim.STOP);
  }

  @Test
  void aSeedIsOneBelowItsRangeSoTheRangeLosesNothingWhicheverWayHubSpotReadsAfter() {
    IdRanges ranges = new IdRanges(0, 1_000, 2);
    IdRanges.Range seeded = ranges.others().get(0);

    assertThat(seeded.seed()).isEqualTo(String.valueOf(seeded.start() - 1));
    assertThat(ranges.claim(seeded, seeded.start() - 1)).isEqualTo(IdRanges.Claim.SKIP);
    assertThat(ranges.claim(seeded, seeded.start())).isEqualTo(IdRanges.Claim.WRITE);
    assertThat(ranges.fellBack()).isFalse();
  }

  @Test
  void aSeededCursorWhoseFirstRecordLiesBelowItsSeedMakesTheFirstCursorReadEverything() {
    IdRanges ranges = new IdRanges(0, 1_000, 2);
    IdRanges.Range seeded = ranges.others().get(0);

    assertThat(ranges.claim(seeded, seeded.start() - 2)).isEqualTo(IdRanges.Claim.ABANDON);

    assertThat(ranges.fellBack()).isTrue();
    assertThat(ranges.claim(ranges.first(), 999_999)).isEqualTo(IdRanges.Claim.WRITE);
    assertThat(ranges.claim(seeded, seeded.start())).isEqualTo(IdRanges.Claim.ABANDON);
  }

  @Test
  void aCursorThatFinishesTakesTheUpperHalfOfTheWidestRangeStillBeingRead() {
    IdRanges ranges = new IdRanges(0, 1_000, 2); // first [0, 501), seeded [501, open)
    IdRanges.Range seeded = ranges.others().get(0);
    assertThat(ranges.claim(seeded, 900)).isEqualTo(IdRanges.Claim.WRITE);
    assertThat(ranges.claim(ranges.first(), 100)).isEqualTo(IdRanges.Claim.WRITE);
    ranges.finished(seeded);

    IdRanges.Range upper = ranges.split().orElseThrow();

    assertThat(upper.start()).isEqualTo(301); // the upper half of what the first had left, 101..500
    assertThat(ranges.claim(ranges.first(), 300)).isEqualTo(IdRanges.Claim.WRITE);
    assertThat(ranges.claim(ranges.first(), 301)).isEqualTo(IdRanges.Claim.STOP);
    assertThat(ranges.claim(upper, 301)).isEqualTo(IdRanges.Claim.WRITE);
    assertThat(ranges.others()).containsExactly(upper, seeded);
  }

  @Test
  void aShareOfTheFirstRangeStartsAboveWhatTheFirstCursorWroteBeforeTheSplit() {
    IdRanges ranges = new IdRanges(1_000, 2_000, 2); // the first cursor wrote up to 1,000
    ranges.finished(ranges.others().get(0));

    IdRanges.Range upper = ranges.split().orElseThrow();

    assertThat(upper.start()).isEqualTo(1_251); // half of 1,001..1,500
  }

  @Test
  void aRangeTooNarrowToShareIsNotSplit() {
    IdRanges ranges = new IdRanges(0, 10, 2);
    IdRanges.Range seeded = ranges.others().get(0);
    ranges.claim(ranges.first(), 5);
    ranges.finished(seeded);

    assertThat(ranges.split()).isEmpty();
  }

  @Test
  void aShareThatTheRecordsSeenSayHoldsLessThanTwoPagesIsNotSplitOff() {
    IdRanges ranges = new IdRanges(0, 100_000, 2); // first [0, 50_001), seeded [50_001, open)
    IdRanges.Range seeded = ranges.others().get(0);
    for (long id = 50_001; id < 50_001 + 100 * 10; id += 10) { // a record every 10 ids
      ranges.claim(seeded, id);
    }
    ranges.finished(seeded);
    ranges.claim(ranges.first(), 46_000); // 4,001 unread ids left: about 400 records

    assertThat(ranges.split()).isPresent();

    for (long id = 46_010; id < 47_700; id += 10) {
      ranges.claim(ranges.first(), id); // the first now has 1,000 unread ids: about 100 records
    }
    assertThat(ranges.split()).isEmpty();
  }

  @Test
  void theFirstCursorWaitsForTheOthersAndLearnsWhetherToReadOn() throws Exception {
    IdRanges ranges = new IdRanges(0, 1_000, 2);
    IdRanges.Range seeded = ranges.others().get(0);
    ranges.claim(seeded, seeded.start());
    Thread other = new Thread(() -> ranges.finished(seeded));
    other.start();

    assertThat(ranges.awaitOthers(new RunControl())).isTrue();
    other.join();

    IdRanges fallen = new IdRanges(0, 1_000, 2);
    new Thread(fallen::fallBack).start();
    assertThat(fallen.awaitOthers(new RunControl())).isFalse();
  }

  @Test
  void anObjectWhoseTopIsTheFirstCursorsPositionIsNotSplit() {
    assertThat(new IdRanges(1_000, 1_000, 4).others()).isEmpty();
  }
}
