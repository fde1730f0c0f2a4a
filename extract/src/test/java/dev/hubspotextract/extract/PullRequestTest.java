package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A request built without the command line (as a Kafka Connect task would build one) is held to the
 * same rules the command line checks its flags by.
 */
class PullRequestTest {
  private static PullRequest request(OptionalLong limit, ReadOptions reads) {
    return new PullRequest(
        List.of("contacts"),
        new AssociationSelection.None(),
        List.of(),
        limit,
        Path.of("out"),
        Set.of(),
        reads);
  }

  @Test
  void aRecordLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> request(OptionalLong.of(0), ReadOptions.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the record limit must be at least 1, got 0");
    assertThat(request(OptionalLong.of(1), ReadOptions.DEFAULT).recordLimit()).hasValue(1);
  }

  @Test
  void cursorsAreBetweenOneAndTheMost() {
    assertThatThrownBy(() -> new ReadOptions(0, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and 16, got 0");
    assertThatThrownBy(() -> new ReadOptions(ReadOptions.MAX_CURSORS + 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 17");
    assertThat(new ReadOptions(ReadOptions.MAX_CURSORS, false).cursors()).isEqualTo(16);
  }

  @Test
  void thePairsRecordIdsAreDigits() {
    assertThatThrownBy(() -> new AssociationSelection.Pair("deals", "companies", List.of("12a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a record id is digits, got '12a'");
    assertThatThrownBy(() -> new AssociationSelection.Pair("deals", "companies", List.of("")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new AssociationSelection.Pair("deals", "companies", List.of("101", "7")).fromIds())
        .containsExactly("101", "7");
  }
}
