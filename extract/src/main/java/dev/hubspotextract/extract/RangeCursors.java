package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.HubSpotRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The seeded list cursors of one large object ({@link IdRanges}): one list cursor waits a round
 * trip per page, so at HubSpot's latency it uses about a third of a Professional portal's budget; a
 * few cursors, each on its own id range, use all of it. Each seeded cursor writes its range to a
 * segment file in the private folder, checkpointed like any task ({@code deals@1234}), so a resumed
 * run continues every range where it stopped; once every range is read, the segments are appended
 * to the object's file in id order, and the file is byte for byte the one a single cursor writes. A
 * cursor that finishes takes half of the widest range left. Nothing here relies on search beyond
 * one request that finds the object's highest id, to cut the ranges.
 */
final class RangeCursors {
  private final HubSpotClient client;
  private final PlannedObject object;
  private final List<String> names;
  private final Path target;
  private final TaskProgress progress; // the object's: its segments' are made from it
  private final RunState state;
  private final StatusListener listener;
  private final RunControl control;
  private final IdRanges ranges;
  private final Stragglers stragglers;
  private final Map<IdRanges.Range, Segment> segments = new IdentityHashMap<>();
  private final LongAdder rows = new LongAdder();
  private boolean closed; // guarded by segments: no segment is opened once they are dropped

  /**
   * One range's file and checkpoints, and where an earlier run left it (null: nowhere). Its sink
   * and progress are touched only while holding it: its cursor writes and checkpoints, while
   * another thread may stop or drop it.
   */
  private record Segment(
      CsvFileSink sink, TaskProgress progress, String task, Checkpoint resumedFrom) {}

  private RangeCursors(
      HubSpotClient client,
      PlannedObject object,
      Path target,
      TaskProgress progress,
      StatusListener listener,
      RunControl control,
      IdRanges ranges,
      Stragglers stragglers) {
    this.client = client;
    this.object = object;
    this.names = object.propertyNames();
    this.target = target;
    this.progress = progress;
    this.state = progress.state();
    this.listener = listener;
    this.control = control;
    this.ranges = ranges;
    this.stragglers = stragglers;
  }

  /**
   * Cuts the ids above {@code firstFrom} into ranges, or takes up the ranges an earlier run saved
   * ({@code saved}, as {@link #saved} found them), and starts a cursor on each range still to read;
   * empty when the object cannot be split (search refused, or no id above the first cursor) and no
   * range was saved. {@code progress} is the object's: the ranges' checkpoints are kept beside its.
   */
  static Optional<RangeCursors> start(
      HubSpotClient client,
      PlannedObject object,
      Path target,
      TaskProgress progress,
      StatusListener listener,
      RunControl control,
      ExecutorService pool,
      long firstFrom,
      int cursors,
      Stragglers stragglers,
      List<IdRanges.Saved> saved)
      throws IOException {
    if (saved.stream().anyMatch(range -> range.start() <= firstFrom)) {
      // the first cursor read past a saved range: the object had fallen back, and that cursor
      // reads on alone; the saved ranges would write those rows twice
      forgetSaved(progress.state(), object, target);
      saved = List.of();
    }
    discardLeftovers(target, saved.stream().map(IdRanges.Saved::start).collect(Collectors.toSet()));
    long top = highestId(client, object).orElse(-1L);
    IdRanges ranges;
    if (!saved.isEmpty()) {
      long savedTop = saved.stream().mapToLong(IdRanges.Saved::lastId).max().orElse(firstFrom);
      ranges = IdRanges.resumed(firstFrom, Math.max(top, savedTop), saved);
    } else if (top > firstFrom) {
      ranges = new IdRanges(firstFrom, top, cursors);
    } else {
      return Optional.empty(); // no plan without search: the one cursor reads it all
    }
    if (ranges.others().isEmpty()) {
      return Optional.empty();
    }
    RangeCursors split =
        new RangeCursors(client, object, target, progress, listener, control, ranges, stragglers);
    try {
      for (IdRanges.Range range : ranges.others()) {
        split.open(range); // a done range's rows are counted and its file reopened to append
      }
      for (IdRanges.Range range : ranges.unread()) {
        pool.execute(() -> split.work(range));
      }
    } catch (RuntimeException e) {
      split.abandon();
      throw e;
    }
    return Optional.of(split);
  }

  /**
   * The ranges an earlier run saved whose segment file holds what their checkpoint says; one whose
   * file is gone, shorter or changed is forgotten, and its ids are read again by the range below.
   */
  static List<IdRanges.Saved> saved(RunState state, PlannedObject object, Path target)
      throws IOException {
    if (state == null) {
      return List.of();
    }
    List<IdRanges.Saved> saved = new ArrayList<>();
    for (Map.Entry<String, Checkpoint> entry :
        state.loadPrefixed(object.type().name() + "@").entrySet()) {
      long start = Long.parseLong(entry.getKey().substring(entry.getKey().indexOf('@') + 1));
      Checkpoint checkpoint = entry.getValue();
      if (CsvFileSink.canResume(FolderLayout.segmentOf(target, start), checkpoint)) {
        saved.add(
            new IdRanges.Saved(
                start, checkpoint.position(), checkpoint.end(), checkpoint.complete()));
      } else {
        state.startedOver(FolderLayout.partialOf(FolderLayout.segmentOf(target, start)));
        state.forget(entry.getKey());
      }
    }
    return saved;
  }

  /** The object's highest id by search; empty when search will not say. */
  private static Optional<Long> highestId(HubSpotClient client, PlannedObject object) {
    try {
      return client.objects().highestId(object.type().apiName()).map(Long::parseLong);
    } catch (HubSpotException | NumberFormatException e) {
      if (e instanceof HubSpotException refused && RunControl.isFatal(refused)) {
        throw refused;
      }
      return Optional.empty();
    }
  }

  /** The first cursor's claim on the record it is about to write. */
  IdRanges.Claim claimFirst(long id) {
    return ranges.claim(ranges.first(), id);
  }

  /**
   * The first cursor reached the end of its range: true when every other range is read too (the
   * object is complete once {@link #finishInto} has appended them), false when the object fell back
   * and the first cursor reads on.
   */
  boolean awaitOthers() {
    try {
      return ranges.awaitOthers(control);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunControl.Aborted();
    }
  }

  /**
   * Once the first cursor is done: appends every range's rows to {@code sink} in id order and
   * returns how many; none when the object fell back (the first cursor read everything).
   */
  long finishInto(CsvFileSink sink) throws IOException {
    if (ranges.fellBack() || !awaitOthers()) {
      return 0;
    }
    for (IdRanges.Range range : ranges.others()) {
      CsvFileSink segment = open(range).sink();
      sink.append(segment, 0, segment.flush());
    }
    return rows.sum();
  }

  /**
   * Drops the segments and their checkpoints once the object's own checkpoint says it is complete
   * (or that it fell back and read every row itself).
   */
  void close() {
    closeSegments();
  }

  /** Stops the cursors still reading and drops every segment (the object failed for good). */
  void abandon() {
    ranges.fallBack();
    closeSegments();
  }

  /** Stops the cursors and keeps every segment at its checkpoint, for a resumed run. */
  void suspend(RuntimeException failure) {
    for (Segment segment : closeAll()) {
      synchronized (segment) {
        segment.progress().stopped(segment.sink(), failure);
      }
    }
  }

  /**
   * What the object task does with the ranges when it stops: keeps them for a resumed run, or drops
   * them when the object failed for good.
   */
  void stopped(Exception failure) {
    if (failure instanceof RuntimeException runtime && RunControl.isResumable(runtime)) {
      suspend(runtime);
    } else {
      abandon();
    }
  }

  /** Deletes the ranges an earlier run saved for an object that starts afresh. */
  static void forgetSaved(RunState state, PlannedObject object, Path target) throws IOException {
    discardLeftovers(target, Set.of());
    if (state != null) {
      for (String task : state.loadPrefixed(object.type().name() + "@").keySet()) {
        state.forget(task);
      }
    }
  }

  /** Opens no segment from now on, and returns those open. */
  private List<Segment> closeAll() {
    synchronized (segments) {
      closed = true;
      return new ArrayList<>(segments.values());
    }
  }

  private void closeSegments() {
    for (Segment segment : closeAll()) {
      synchronized (segment) {
        try { // the checkpoint first: a file without one is discarded, never the other way round
          if (state != null) {
            state.forget(segment.task());
          }
        } catch (IOException e) {
          // a checkpoint whose file is gone is forgotten by the next run
        }
        segment.sink().abandon();
      }
    }
  }

  /**
   * Deletes the segment files that no saved range names: a killed run's share that was split off
   * and never saved, or every segment of an object started afresh.
   */
  static void discardLeftovers(Path target, Set<Long> keep) throws IOException {
    Path folder = FolderLayout.of(target.getParent()).unfinishedFolder();
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        OptionalLong start = FolderLayout.segmentStart(target, file);
        if (start.isPresent() && !keep.contains(start.getAsLong())) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** A cursor's life: its range, then halves of others' as long as any is wide enough. */
  private void work(IdRanges.Range first) {
    try {
      for (Optional<IdRanges.Range> range = Optional.of(first);
          range.isPresent();
          range = ranges.split()) {
        if (!read(range.get())) {
          return;
        }
      }
    } catch (RunControl.Aborted e) {
      if (control.fatal() == null) {
        ranges.fallBack(); // interrupted, not stopped by a failure: the first cursor reads on
      }
      suspend(e);
    } catch (RuntimeException e) {
      if (RunControl.isFatal(e)) {
        control.abort(e); // the run stops (the first cursor too): each range resumes later
        suspend(e);
        return;
      }
      ranges.fallBack(); // the first cursor reads this range and the rest: slower, never less
    } catch (Error e) {
      ranges.fallBack(); // nobody may wait for a range no cursor reads
      throw e;
    }
  }

  /** Reads one range into its segment; false when the object fell back meanwhile. */
  private boolean read(IdRanges.Range range) {
    Segment segment = open(range);
    CsvFileSink sink = segment.sink();
    Checkpoint saved = segment.resumedFrom();
    long[] written = {saved == null ? 0 : saved.rows()};
    long unreported = 0;
    long[] pages = {0};
    String from = saved == null ? range.seed() : saved.cursor();
    try (Stream<HubSpotRecord> records =
        client.objects().stream(
            object.type().apiName(),
            names,
            object.readMode().fetch(),
            OptionalLong.empty(), // its range's end stops it, not a count
            from,
            saved != null && saved.position() >= range.start()
                ? String.valueOf(saved.position())
                : null,
            cursor -> {
              stragglers.durable();
              synchronized (segment) {
                segment.progress().pageDone(sink, checkpoint(range, cursor, written[0], false));
              }
              pages[0]++;
            },
            stragglers)) {
      Iterator<HubSpotRecord> iterator = records.iterator();
      while (iterator.hasNext()) {
        control.checkNotAborted();
        HubSpotRecord record = iterator.next();
        IdRanges.Claim claim = ranges.claim(range, MeetingPoint.idOf(record.id()));
        if (claim == IdRanges.Claim.ABANDON) {
          return false;
        }
        if (claim == IdRanges.Claim.STOP) {
          Stragglers.readPageAfter(iterator, () -> pages[0]);
          break;
        }
        if (claim == IdRanges.Claim.SKIP) {
          continue;
        }
        synchronized (segment) {
          ObjectTask.writeRow(sink, record, names.size());
        }
        written[0]++;
        rows.increment();
        if (++unreported == 100) {
          listener.rowsWritten(unreported);
          unreported = 0;
        }
      }
      listener.rowsWritten(unreported);
      stragglers.durable();
      synchronized (segment) {
        segment.progress().save(sink, checkpoint(range, null, written[0], true));
      }
      ranges.finished(range);
      return true;
    }
  }

  private Checkpoint checkpoint(IdRanges.Range range, String cursor, long written, boolean done) {
    long end = ranges.endOf(range);
    return new Checkpoint(
        cursor,
        Math.max(0, ranges.lastClaimed(range)),
        0,
        written,
        done,
        end == Long.MAX_VALUE ? 0 : end);
  }

  /** The segment of a range, opened (fresh, or at an earlier run's checkpoint) on first use. */
  private Segment open(IdRanges.Range range) {
    synchronized (segments) {
      if (closed) {
        throw new RunControl.Aborted();
      }
      Segment segment = segments.get(range);
      if (segment == null) {
        String task = object.type().name() + "@" + range.start();
        Path file = FolderLayout.segmentOf(target, range.start());
        TaskProgress segmentProgress = progress.segment(task, file);
        try {
          TaskProgress.Start start = segmentProgress.start();
          start.sink().measure(ObjectTask.numberColumns(object));
          segment = new Segment(start.sink(), segmentProgress, task, start.checkpoint());
          rows.add(start.rows());
          if (start.rows() > 0) {
            listener.recordsResumed(object.type().name(), start.rows());
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        segments.put(range, segment);
      }
      return segment;
    }
  }
}
