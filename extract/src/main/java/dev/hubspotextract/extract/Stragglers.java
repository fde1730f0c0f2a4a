package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotRecord;
import dev.hubspotextract.client.OutOfOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * What one object's list cursors met out of id order ({@link OutOfOrder}), kept for its file. A
 * record below an id its cursor already handed out (a repeat, or one HubSpot sent a page late) is
 * appended to a side file in the private folder, whichever of the object's cursors met it; each
 * cursor makes the side file {@linkplain #durable durable} before it checkpoints a page past it, so
 * a stopped pull resumes with every straggler. Once the object's file is whole, they are merged
 * into it in id order, each id once ({@link MergeById}). The stragglers are held in memory for that
 * merge: HubSpot's lists keep to id order, so they are expected to be few.
 *
 * <p>The side file's checkpoint holds its length and the counts the manifest reports: records out
 * of order as its position, duplicate ids dropped as its rows. It outlives the side file until the
 * run ends, so a resumed run still reports an object that an earlier run finished. Thread-safe: the
 * object's cursors share it.
 */
final class Stragglers implements OutOfOrder {
  private final RunState state;
  private final String task;
  private final Path target;
  private final Path file;
  private final FileMode mode;
  private final int columns;
  private CsvFileSink side; // null until the first straggler
  private long outOfOrder;
  private long duplicatesDropped;
  private boolean unsaved;
  private boolean closed; // once the object is complete or stopped, nothing more is taken

  private Stragglers(TaskProgress progress, PlannedObject object, Path target) {
    this.state = progress.state();
    this.task = object.type().name() + ".stragglers";
    this.target = target;
    this.file = FolderLayout.stragglersOf(target);
    this.mode = progress.fileMode();
    this.columns = object.propertyNames().size();
  }

  /**
   * Whether the stragglers an earlier run saved for an object can be taken up: none saved, or a
   * side file at least as long as its checkpoint says. If not, the object is to be read afresh: its
   * cursors' checkpoints count on stragglers that are gone.
   */
  static boolean intact(TaskProgress progress, PlannedObject object, Path target)
      throws IOException {
    Stragglers stragglers = new Stragglers(progress, object, target);
    Checkpoint saved = stragglers.saved();
    return saved == null || saved.bytes() == 0 || CsvFileSink.canResume(stragglers.file, saved);
  }

  /**
   * The stragglers of an object about to be read: those an earlier run saved, when the object
   * {@code resumes} where that run stopped; else none (what an earlier run left is deleted).
   */
  static Stragglers open(TaskProgress progress, PlannedObject object, Path target, boolean resumes)
      throws IOException {
    Stragglers stragglers = new Stragglers(progress, object, target);
    Files.deleteIfExists(FolderLayout.partialOf(stragglers.merged())); // a killed merge's
    Checkpoint saved = resumes ? stragglers.saved() : null;
    if (saved == null) {
      stragglers.forget();
      return stragglers;
    }
    stragglers.outOfOrder = saved.position();
    stragglers.duplicatesDropped = saved.rows();
    if (saved.bytes() > 0) {
      // intact() was asked first: a side file that is not what it was is read afresh
      stragglers.side = CsvFileSink.resume(stragglers.file, saved).orElseThrow();
    }
    return stragglers;
  }

  private Checkpoint saved() {
    return state == null ? null : state.load(task).orElse(null);
  }

  /** Where the object's file is written with the stragglers merged in. */
  private Path merged() {
    return FolderLayout.mergedOf(target);
  }

  @Override
  public synchronized void arrived(int records) {
    if (!closed) {
      outOfOrder += records;
      unsaved = true;
    }
  }

  @Override
  public synchronized boolean straggler(HubSpotRecord record) {
    if (closed) {
      return true; // a cursor the object no longer waits for: nothing it reads is needed
    }
    if (side == null) {
      try {
        side = new CsvFileSink(file, mode);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    ObjectTask.writeRow(side, record, columns);
    unsaved = true;
    return true;
  }

  /**
   * Hands the stragglers met so far to the file system and saves the side file's checkpoint: a
   * cursor calls it before it saves a checkpoint past them.
   */
  synchronized void durable() {
    if (closed || !unsaved || state == null) {
      return;
    }
    try {
      Checkpoint counts = new Checkpoint(null, outOfOrder, 0, duplicatesDropped, false);
      state.save(task, side == null ? counts : side.checkpointAt(counts, side.flush()));
      unsaved = false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads on through the page after the one being handed out, for a cursor that has reached the end
   * of what it reads: HubSpot may send a record of this page a page late, and it comes as a
   * straggler, before that page's first record. The records handed out meanwhile are not the
   * cursor's.
   */
  static void readPageAfter(Iterator<HubSpotRecord> records, LongSupplier pagesDone) {
    long page = pagesDone.getAsLong();
    while (pagesDone.getAsLong() == page && records.hasNext()) {
      records.next();
    }
  }

  /**
   * Completes the object's file, {@code sink} holding {@code rows}, with the stragglers merged in
   * (a new file in its place, at most {@code maxRows} rows, empty: no most), and returns its rows.
   * No straggler is taken from now on: a cursor still reading is one the object no longer waits
   * for.
   */
  synchronized long completeInto(
      TaskProgress progress, CsvFileSink sink, long rows, OptionalLong maxRows) throws IOException {
    closed = true;
    if (side == null) {
      progress.complete(sink, rows);
      return rows;
    }
    side.flush();
    sink.flush();
    CsvFileSink whole = new CsvFileSink(merged(), mode);
    MergeById.Merged merge;
    try {
      merge =
          MergeById.merge(
              FolderLayout.partialOf(target), FolderLayout.partialOf(file), whole, maxRows);
    } catch (IOException | RuntimeException e) {
      whole.abandon();
      throw e;
    }
    duplicatesDropped += merge.dropped();
    progress.completeReplaced(sink, whole, merge.rows());
    return merge.rows();
  }

  /**
   * Once the object is complete: the side file goes, and its checkpoint keeps the counts for a
   * resumed run until the run ends.
   */
  synchronized void close() {
    closed = true;
    try {
      if (state != null && listOrder().inOrder()) {
        state.forget(task);
      } else if (state != null) {
        state.save(task, new Checkpoint(null, outOfOrder, 0, duplicatesDropped, true));
      }
    } catch (IOException e) {
      // the object is complete: a resumed run only reports it as in order
    }
    if (side != null) {
      side.abandon();
    }
  }

  /**
   * What the object task does with the stragglers when it stops: keeps them for a resumed run, or
   * deletes them when the object failed for good.
   */
  synchronized void stopped(Exception failure) {
    closed = true;
    if (failure instanceof RuntimeException runtime && RunControl.isResumable(runtime)) {
      if (side != null) {
        side.suspend(); // its checkpoint says how much of it is durable
      }
      return;
    }
    try {
      forget();
    } catch (IOException e) {
      // the object's failure is what gets reported; a fresh start deletes what is left
    }
    if (side != null) {
      side.abandon();
    }
  }

  /** Deletes an earlier run's stragglers, the checkpoint first. */
  private void forget() throws IOException {
    if (state != null) {
      state.forget(task);
    }
    Files.deleteIfExists(FolderLayout.partialOf(file));
  }

  /** How far the object's list strayed from id order, so far. */
  synchronized ListOrder listOrder() {
    return new ListOrder(outOfOrder, duplicatesDropped);
  }
}
