package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.hubspotextract.client.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateTest {
  @TempDir Path out;

  /** A plan of nothing from {@code source}: plans from different sources differ. */
  private Plan planFrom(String source) {
    return new Plan(source, out, List.of(), List.of(), OptionalLong.empty(), List.of());
  }

  @Test
  void aFirstRunStartsAfreshAndASecondRunOfTheSamePlanResumesIt() {
    RunState first = RunState.open(planFrom("portal"), false, FileMode.PRIVATE);
    RunState second = RunState.open(planFrom("portal"), false, FileMode.PRIVATE);

    assertThat(first.resumed()).isFalse();
    assertThat(second.resumed()).isTrue();
  }

  @Test
  void aSavedCheckpointIsWhereTheNextRunFindsItsTaskUntilTheTaskIsForgotten() throws Exception {
    Checkpoint page = new Checkpoint("after-200", 200, 4_096, 2, false);
    RunState.open(planFrom("portal"), false, FileMode.PRIVATE).save("deals", page);

    RunState next = RunState.open(planFrom("portal"), false, FileMode.PRIVATE);
    assertThat(next.load("deals")).contains(page);
    assertThat(next.load("contacts")).isEmpty();

    next.forget("deals");
    assertThat(RunState.open(planFrom("portal"), false, FileMode.PRIVATE).load("deals")).isEmpty();
  }

  @Test
  void theCheckpointsOfAnObjectsIdRangesAreFoundByTheirCommonPrefix() throws Exception {
    RunState state = RunState.open(planFrom("portal"), false, FileMode.PRIVATE);
    Checkpoint low = new Checkpoint(null, 10, 100, 1, false, 500);
    Checkpoint high = new Checkpoint(null, 900, 100, 1, false, 0);
    state.save("contacts@500", high);
    state.save("contacts@0", low);
    state.save("deals", new Checkpoint(null, 0, 0, 0, false));

    assertThat(state.loadPrefixed("contacts@"))
        .containsExactly(entry("contacts@0", low), entry("contacts@500", high));
  }

  @Test
  void anUnfinishedRunOfAnotherPlanIsRefusedUntilRestartDiscardsIt() throws Exception {
    RunState.open(planFrom("portal"), false, FileMode.PRIVATE)
        .save("deals", new Checkpoint(null, 0, 0, 0, false));

    assertThatThrownBy(() -> RunState.open(planFrom("another portal"), false, FileMode.PRIVATE))
        .isInstanceOfSatisfying(
            ExtractException.class,
            e -> assertThat(e.settings()).contains(Setting.RESTART, Setting.OUTPUT_FOLDER))
        .hasMessageContaining("unfinished pull")
        .hasMessageContaining("start over");

    RunState restarted = RunState.open(planFrom("another portal"), true, FileMode.PRIVATE);
    assertThat(restarted.resumed()).isFalse();
    assertThat(restarted.load("deals")).isEmpty();
  }

  @Test
  void aFinishedRunLeavesNothingToResumeAndNoPrivateFolder() throws Exception {
    RunState state = RunState.open(planFrom("portal"), false, FileMode.PRIVATE);
    state.save("deals", new Checkpoint(null, 0, 0, 0, true));

    state.finish();

    assertThat(FolderLayout.of(out).stateFolder()).doesNotExist();
    try (var left = Files.list(out)) {
      assertThat(left).isEmpty();
    }
    assertThat(RunState.open(planFrom("portal"), false, FileMode.PRIVATE).resumed()).isFalse();
  }
}
