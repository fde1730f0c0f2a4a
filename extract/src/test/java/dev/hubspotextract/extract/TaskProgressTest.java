package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskProgressTest {
  @TempDir Path out;

  private final List<String> warnings = new ArrayList<>();
  private final ManualClock clock = new ManualClock();

  private RunState state() {
    Plan plan = new Plan("portal", out, List.of(), List.of(), OptionalLong.empty(), List.of());
    return RunState.open(plan, false, FileMode.PRIVATE, warnings::add);
  }

  private TaskProgress deals() {
    return deals(state());
  }

  private TaskProgress deals(RunState state) {
    return new TaskProgress(state, clock, "deals", out.resolve("deals.csv"));
  }

  /** The rows the saved checkpoint of deals counts; -1: none saved. */
  private static long savedRows(RunState state) {
    return state.load("deals").map(Checkpoint::rows).orElse(-1L);
  }

  /** The rows written so far, as a checkpoint after them says. */
  private static Checkpoint after(long rows) {
    return new Checkpoint(Long.toString(rows), rows, 0, rows, false);
  }

  @Test
  void aTaskWithoutACheckpointStartsAfreshWithItsHeader() throws Exception {
    TaskProgress.Start start = deals().start("id", "dealname");

    assertThat(start.done()).isFalse();
    assertThat(start.rows()).isZero();
    assertThat(start.checkpoint()).isNull();
    start.sink().complete();
    assertThat(Files.readString(out.resolve("deals.csv"))).isEqualTo("id,dealname\r\n");
  }

  @Test
  void aRunStoppedRightAfterAPageGoesOnFromThatPageNextTime() throws Exception {
    TaskProgress first = deals();
    CsvFileSink sink = first.start("id").sink();
    sink.write("1");
    sink.write("2");
    // on a clock that has not moved since the start it is kept, not saved, for a stop to save
    first.pageDone(sink, after(2));
    sink.write("3"); // a page cut short by the stop

    first.stopped(sink, new RunControl.Aborted());

    TaskProgress.Start next = deals().start("id");
    assertThat(next.done()).isFalse();
    assertThat(next.rows()).isEqualTo(2);
    assertThat(next.checkpoint().cursor()).isEqualTo("2");
    next.sink().write("3");
    next.sink().complete();
    assertThat(Files.readString(out.resolve("deals.csv"))).isEqualTo("id\r\n1\r\n2\r\n3\r\n");
    assertThat(warnings).isEmpty();
  }

  @Test
  void pagesAreCheckpointedAQuarterSecondApartOnTheRunsClock() throws Exception {
    RunState state = state();
    TaskProgress progress = deals(state);
    CsvFileSink sink = progress.start("id").sink();
    sink.write("1");
    progress.pageDone(sink, after(1));
    assertThat(savedRows(state)).as("at the start").isEqualTo(-1);

    clock.advance(Duration.ofMillis(249));
    sink.write("2");
    progress.pageDone(sink, after(2));
    assertThat(savedRows(state)).as("249 ms on").isEqualTo(-1);

    clock.advance(Duration.ofMillis(1));
    sink.write("3");
    progress.pageDone(sink, after(3));
    assertThat(savedRows(state)).as("250 ms on").isEqualTo(3);

    clock.advance(Duration.ofMillis(249));
    sink.write("4");
    progress.pageDone(sink, after(4));
    assertThat(savedRows(state)).as("counted from that save").isEqualTo(3);
    sink.abandon();
  }

  @Test
  void aClockSetBackCountsAsTimeForACheckpoint() throws Exception {
    clock.advance(Duration.ofHours(1));
    RunState state = state();
    TaskProgress progress = deals(state);
    CsvFileSink sink = progress.start("id").sink();
    clock.set(clock.instant().minusSeconds(60)); // the wall clock stepped back

    sink.write("1");
    progress.pageDone(sink, after(1));

    assertThat(savedRows(state)).isEqualTo(1);
    sink.abandon();
  }

  @Test
  void aTaskThatFailedForGoodLeavesNeitherItsFileNorItsCheckpoint() throws Exception {
    TaskProgress first = deals();
    CsvFileSink sink = first.start("id").sink();
    sink.write("1");
    first.save(sink, after(1));

    first.stopped(sink, new IllegalStateException("a bug"));

    assertThat(FolderLayout.partialOf(out.resolve("deals.csv"))).doesNotExist();
    assertThat(out.resolve("deals.csv")).doesNotExist();
    assertThat(deals().start("id").rows()).isZero();
  }

  @Test
  void aCompletedTaskIsDoneForTheNextRunWithoutASink() throws Exception {
    TaskProgress first = deals();
    CsvFileSink sink = first.start("id").sink();
    sink.write("1");

    first.complete(sink, 1);

    TaskProgress.Start next = deals().start("id");
    assertThat(next.done()).isTrue();
    assertThat(next.rows()).isEqualTo(1);
    assertThat(next.sink()).isNull();
    assertThat(Files.readString(out.resolve("deals.csv"))).isEqualTo("id\r\n1\r\n");
  }

  @Test
  void aFileChangedSinceItsCheckpointIsFetchedAgainFromTheStartWithAWarning() throws Exception {
    TaskProgress first = deals();
    CsvFileSink sink = first.start("id").sink();
    sink.write("1");
    first.save(sink, after(1));
    first.stopped(sink, new RunControl.Aborted());
    Path partial = FolderLayout.partialOf(out.resolve("deals.csv"));
    Files.writeString(partial, "id\r\n9\r\n", StandardCharsets.UTF_8); // same length, other rows

    TaskProgress.Start next = deals().start("id");

    assertThat(next.rows()).isZero();
    assertThat(next.checkpoint()).isNull();
    assertThat(warnings).singleElement().asString().contains("does not hold what its checkpoint");
    next.sink().abandon();
  }

  @Test
  void aRunThatCannotBeResumedKeepsNoCheckpointsButStillWritesItsFile() throws Exception {
    TaskProgress unresumable = new TaskProgress(null, clock, "deals", out.resolve("deals.csv"));
    CsvFileSink sink = unresumable.start("id").sink();
    sink.write("1");
    unresumable.pageDone(sink, after(1));

    unresumable.complete(sink, 1);

    assertThat(Files.readString(out.resolve("deals.csv"))).isEqualTo("id\r\n1\r\n");
    assertThat(FolderLayout.of(out).stateFolder()).doesNotExist();
  }
}
