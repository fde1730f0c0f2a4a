package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.HubSpotException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MeetingPointTest {
  @Test
  void theListClaimsIdsUntilItReachesOneTheSearchHasClaimed() {
    MeetingPoint meeting = new MeetingPoint(0);

    assertThat(meeting.claimFromAbove(900)).isTrue();
    assertThat(meeting.claimFromAbove(500)).isTrue();
    assertThat(meeting.claimFromBelow(100)).isTrue();
    assertThat(meeting.claimFromBelow(499)).isTrue();

    assertThat(meeting.claimFromBelow(500)).as("the search's already").isFalse();
    assertThat(meeting.claimFromAbove(499)).as("the list's already").isFalse();
  }

  @Test
  void aResumedSearchStopsAtTheLastIdTheListWroteBefore() {
    MeetingPoint meeting = new MeetingPoint(700);

    assertThat(meeting.claimFromAbove(701)).isTrue();
    assertThat(meeting.claimFromAbove(700)).isFalse();
  }

  @Test
  void twoWalksRacingOverTheSameIdsClaimEachIdExactlyOnce() {
    long[] ids = LongStream.rangeClosed(1, 20_000).map(i -> i * 7).toArray();
    for (int round = 0; round < 20; round++) {
      MeetingPoint meeting = new MeetingPoint(0);
      CompletableFuture<List<Long>> fromBelow =
          CompletableFuture.supplyAsync(
              () -> {
                List<Long> claimed = new ArrayList<>();
                for (long id : ids) {
                  if (!meeting.claimFromBelow(id)) {
                    break;
                  }
                  claimed.add(id);
                }
                return claimed;
              });
      List<Long> fromAbove = new ArrayList<>();
      for (int i = ids.length - 1; i >= 0 && meeting.claimFromAbove(ids[i]); i--) {
        fromAbove.add(ids[i]);
      }

      List<Long> all = new ArrayList<>(fromBelow.join());
      all.addAll(fromAbove);
      assertThat(all).as("round " + round).hasSize(ids.length).doesNotHaveDuplicates();
    }
  }

  @Test
  void anIdThatIsNotANumberIsHubSpotsFault() {
    assertThat(MeetingPoint.idOf("10000000007")).isEqualTo(10_000_000_007L);
    assertThatThrownBy(() -> MeetingPoint.idOf("abc"))
        .isInstanceOf(HubSpotException.class)
        .hasMessageContaining("not a number: abc");
  }
}
