package dev.hubspotextract.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One task's file and checkpoints: opens its sink afresh or at the last checkpoint (when its file
 * still holds what that checkpoint vouches for), saves a checkpoint after flushing (at most a few a
 * second by the run's clock, so that fast pulls are not slowed by it), and on failure keeps the
 * partial file when the run may be resumed or deletes it when the task failed for good.
 */
final class TaskProgress {
  private static final Duration CHECKPOINT_EVERY = Duration.ofMillis(250);
  private final RunState state;
  private final Clock clock;
  private final String task;
  private final Path target;
  private final boolean segment;
  private Instant lastSaved;
  private Checkpoint unsaved; // the latest page end not yet saved

  /**
   * @param state where checkpoints are kept; null for a run that cannot be resumed
   * @param clock what the time between two checkpoints is measured on
   */
  TaskProgress(RunState state, Clock clock, String task, Path target) {
    this(state, clock, task, target, false);
  }

  private TaskProgress(RunState state, Clock clock, String task, Path target, boolean segment) {
    this.state = state;
    this.clock = clock;
    this.task = task;
    this.target = target;
    this.segment = segment;
    this.lastSaved = clock.instant();
  }

  /**
   * The progress of one of this task's segments: rows of one id range, appended to the object's
   * file once every range is read, so a complete one keeps its unfinished file (and is reopened on
   * resume) instead of being renamed. Kept in the same state, on the same clock.
   */
  TaskProgress segment(String segmentTask, Path segmentFile) {
    return new TaskProgress(state, clock, segmentTask, segmentFile, true);
  }

  /**
   * Where the task starts: done already (a finished file from the run being resumed), or a sink
   * with the rows already written and the checkpoint to continue from (null: from the start).
   */
  record Start(boolean done, long rows, CsvFileSink sink, Checkpoint checkpoint) {}

  Start start(String... header) throws IOException {
    Checkpoint saved = state == null ? null : state.load(task).orElse(null);
    if (saved == null) {
      return afresh(header);
    }
    Optional<CsvFileSink> resumed = CsvFileSink.resume(target, saved);
    Path partial = FolderLayout.partialOf(target);
    if (!segment && saved.complete()) {
      if (resumed.isPresent()) {
        resumed.get().complete(); // killed between save and rename
        return new Start(true, saved.rows(), null, saved);
      }
      // renamed into place already; a damaged unfinished file means the rename never happened
      boolean renamed = !Files.exists(partial, LinkOption.NOFOLLOW_LINKS);
      if (renamed && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        return new Start(true, saved.rows(), null, saved);
      }
      state.startedOver(renamed ? target : partial);
    } else if (resumed.isPresent()) {
      return new Start(saved.complete(), saved.rows(), resumed.get(), saved);
    } else {
      state.startedOver(partial);
    }
    return afresh(header);
  }

  /** Starts the task from its first row: a new file, and no checkpoint of an earlier run. */
  Start afresh(String... header) throws IOException {
    if (state != null) {
      state.forget(task);
    }
    return new Start(false, 0, new CsvFileSink(target, fileMode(), header), null);
  }

  /** Forgets the task's checkpoint: {@link #start} starts it afresh. */
  void forget() throws IOException {
    if (state != null) {
      state.forget(task);
    }
  }

  /** Where checkpoints are kept; null for a run that cannot be resumed. */
  RunState state() {
    return state;
  }

  /** How this run's files are protected. */
  FileMode fileMode() {
    return state == null ? FileMode.PRIVATE : state.fileMode();
  }

  /**
   * After every record of a page is written: saves where to go on from, now and then. One not saved
   * is kept, with the file's length at that point, for {@link #stopped} to save: a run that the
   * daily limit stops within a fraction of a second still keeps the pages it wrote.
   */
  void pageDone(CsvFileSink sink, Checkpoint next) {
    if (state == null) {
      return;
    }
    if (!checkpointDue()) {
      try {
        unsaved = next.at(sink.position(), 0); // its checksum is taken if it is ever saved
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    save(sink, next);
  }

  /**
   * Whether the last checkpoint was saved long enough ago. A clock set back counts as due: one
   * checkpoint too many, never a run of pages without one.
   */
  private boolean checkpointDue() {
    Duration since = Duration.between(lastSaved, clock.instant());
    return since.isNegative() || since.compareTo(CHECKPOINT_EVERY) >= 0;
  }

  /** Saves a checkpoint now (association tasks, after each batch of ids). */
  void save(CsvFileSink sink, Checkpoint next) {
    if (state == null) {
      return;
    }
    try {
      state.save(task, sink.checkpointAt(next, sink.flush()));
      lastSaved = clock.instant();
      unsaved = null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Marks the task complete, then renames its file into place. */
  void complete(CsvFileSink sink, long rows) throws IOException {
    save(sink, new Checkpoint(null, 0, 0, rows, true));
    sink.complete();
  }

  /**
   * Marks the task complete with {@code replacement}'s file (a new version of its own, written
   * beside it) as its file, then renames that into place. The checkpoint is forgotten first, as it
   * describes the old file: a run killed before the new one is saved starts the task afresh instead
   * of cutting the new file at the old length.
   */
  void completeReplaced(CsvFileSink sink, CsvFileSink replacement, long rows) throws IOException {
    forget();
    unsaved = null;
    CsvFileSink replaced = replacement.moveOver(sink);
    try {
      complete(replaced, rows);
    } catch (IOException | RuntimeException e) {
      replaced.abandon();
      throw e;
    }
  }

  /** Keeps the partial file if the run can be resumed; otherwise drops it and its checkpoint. */
  void stopped(CsvFileSink sink, Exception failure) {
    if (state != null
        && failure instanceof RuntimeException runtime
        && RunControl.isResumable(runtime)) {
      try {
        if (unsaved != null) { // its bytes are a page's end: rows after it are fetched again
          state.save(task, sink.checkpointAt(unsaved, unsaved.bytes()));
        }
      } catch (IOException | RuntimeException e) {
        // the last saved checkpoint still holds: the run resumes from there
      }
      sink.suspend();
      return;
    }
    sink.abandon();
    if (state != null) {
      try {
        state.forget(task);
      } catch (IOException e) {
        // the plan-level failure is what gets reported
      }
    }
  }
}
