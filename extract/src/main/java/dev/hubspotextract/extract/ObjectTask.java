package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotRecord;
import dev.hubspotextract.client.PropertyDefinition;
import dev.hubspotextract.client.PropertyValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Streams one object's records from HubSpot straight into its CSV file, checkpointing the list
 * cursor after flushed pages so that a killed run continues where it stopped.
 */
final class ObjectTask {
  private static final int PROGRESS_EVERY = 100;
  private final PlannedObject object;
  private final OptionalLong limit;
  private final Path outDir;
  private final TaskProgress progress;
  private final ExecutorService cursorPool;
  private Stragglers stragglers; // once run
  private Map<String, DecimalFit> decimals = Map.of();
  private Instant mark; // once run, unless resumed

  /**
   * @param limit at most this many records (empty: every one)
   * @param clock what the time between checkpoints is measured on
   * @param cursorPool where the cursors of a {@link ReadMode.SplitCursors} object, or the walk of a
   *     {@link ReadMode.SearchWalk} one, run
   */
  ObjectTask(
      PlannedObject object,
      OptionalLong limit,
      Path outDir,
      RunState state,
      Clock clock,
      ExecutorService cursorPool) {
    this.object = object;
    this.cursorPool = cursorPool;
    this.limit = limit;
    this.outDir = outDir;
    this.progress = new TaskProgress(state, clock, object.type().name(), target());
  }

  /** The object's file, a name that stays inside the output folder. */
  private Path target() {
    return FolderLayout.of(outDir).objectFile(object.type());
  }

  static List<String> header(PlannedObject object) {
    List<String> header = new ArrayList<>(FixedColumn.names(FixedColumn.RECORD));
    header.addAll(object.propertyNames());
    return header;
  }

  /**
   * The ids of an object's finished file, ascending as it was pulled, after {@code last} (null:
   * all): what an association file or property history of the object reads in batches.
   */
  static Stream<String> idsAfter(Path objectCsv, String last) throws IOException {
    CsvReader<CsvRecord> reader = MergeById.reader(objectCsv);
    Stream<String> ids =
        reader.stream().skip(1).map(record -> record.getField(0)).onClose(() -> close(reader));
    return last == null
        ? ids
        : ids.dropWhile(id -> MeetingPoint.idOf(id) <= MeetingPoint.idOf(last));
  }

  private static void close(CsvReader<CsvRecord> reader) {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number columns of an object's file, measured as rows are written. */
  static NumberColumns numberColumns(PlannedObject object) {
    return new NumberColumns(header(object), numberProperties(object));
  }

  /** The names of an object's properties of HubSpot type {@code number}. */
  static Set<String> numberProperties(PlannedObject object) {
    return object.properties().stream()
        .filter(property -> "number".equals(property.type()))
        .map(PropertyDefinition::name)
        .collect(Collectors.toSet());
  }

  /** How the object's number columns fit a DECIMAL, once {@link #run} completed the file. */
  Map<String, DecimalFit> decimals() {
    return decimals;
  }

  /**
   * Writes the file and returns the number of records. Past its first page, the object is read as
   * its {@link ReadMode} says: also by list cursors on ranges of its ids above this one ({@link
   * RangeCursors}), or walked down from the top by search ({@link TopWalk}). A record a cursor
   * meets below an id it already handed out is kept apart and merged in at the end ({@link
   * Stragglers}); a cursor that stops at the end of its range reads the page after for them.
   */
  long run(HubSpotClient client, RunControl control, StatusListener listener) throws IOException {
    // before the first record is read: HubSpot's latest date so far, never after the read began
    Instant readFrom = client.serverTime().orElse(null);
    TopWalk.discardLeftover(target());
    if (!Stragglers.intact(progress, object, target())) {
      progress.forget(); // the stragglers its checkpoints count on are gone: read it afresh
    }
    TaskProgress.Start start = progress.start(header(object).toArray(String[]::new));
    // a resumed file holds records read by an earlier run, at a time not kept: no mark to sync from
    mark = start.checkpoint() == null && start.rows() == 0 && !start.done() ? readFrom : null;
    stragglers = Stragglers.open(progress, object, target(), start.checkpoint() != null);
    if (start.rows() > 0) {
      listener.recordsResumed(object.type().name(), start.rows());
    }
    if (start.done()) {
      RangeCursors.forgetSaved(progress.state(), object, target()); // killed before it did
      stragglers.close();
      decimals = NumberColumns.read(target(), numberProperties(object)).fits();
      return start.rows();
    }
    List<RangeCursors> split = new ArrayList<>(1); // once decided; null: read by this cursor alone
    List<IdRanges.Saved> savedRanges =
        start.checkpoint() == null
            ? List.of()
            : RangeCursors.saved(progress.state(), object, target());
    if (start.checkpoint() == null) {
      RangeCursors.forgetSaved(progress.state(), object, target());
    } else if (!savedRanges.isEmpty()) {
      // taken up before the first record: the first cursor must not read into saved ranges
      split.add(startRanges(client, control, listener, start.checkpoint().position(), savedRanges));
    } else {
      RangeCursors.discardLeftovers(target(), Set.of()); // segments no checkpoint speaks for
    }
    List<String> names = object.propertyNames();
    CsvFileSink sink = start.sink();
    sink.measure(numberColumns(object));
    long[] written = {start.rows()};
    long[] lastId = {start.checkpoint() == null ? 0 : start.checkpoint().position()};
    long[] pages = {0};
    MeetingPoint meeting = new MeetingPoint(lastId[0]);
    TopWalk[] top = {null};
    try (Stream<HubSpotRecord> records =
        client.objects().stream(
            object.type().apiName(),
            names,
            object.readMode().fetch(),
            // what is left of the limit once the rows resumed count against it
            limit.isPresent() ? OptionalLong.of(limit.getAsLong() - start.rows()) : limit,
            start.checkpoint() == null ? null : start.checkpoint().cursor(),
            lastId[0] == 0 ? null : String.valueOf(lastId[0]),
            cursor -> {
              stragglers.durable();
              progress.pageDone(sink, new Checkpoint(cursor, lastId[0], 0, written[0], false));
              pages[0]++;
              // past the first page the object is large: read the rest faster
              if (object.readMode() instanceof ReadMode.SearchWalk && top[0] == null) {
                top[0] = startTopWalk(client, meeting, control, listener);
              } else if (object.readMode() instanceof ReadMode.SplitCursors && split.isEmpty()) {
                // none saved: this run's own ranges start only here
                split.add(startRanges(client, control, listener, lastId[0], List.of()));
              }
            },
            stragglers)) {
      Iterator<HubSpotRecord> iterator = records.iterator();
      long sinceProgress = 0;
      while (iterator.hasNext()) {
        control.checkNotAborted();
        HubSpotRecord record = iterator.next();
        long id = MeetingPoint.idOf(record.id());
        if (!meeting.claimFromBelow(id)) {
          Stragglers.readPageAfter(iterator, () -> pages[0]);
          break; // the search walk has written this record and every one above it
        }
        RangeCursors ranges = split.isEmpty() ? null : split.get(0);
        if (ranges != null
            && ranges.claimFirst(id) == IdRanges.Claim.STOP
            && ranges.awaitOthers()) {
          Stragglers.readPageAfter(iterator, () -> pages[0]);
          break; // the other cursors read every record from here up
        }
        writeRow(sink, record, names.size());
        lastId[0] = id;
        written[0]++;
        if (++sinceProgress == PROGRESS_EVERY) {
          listener.rowsWritten(sinceProgress);
          sinceProgress = 0;
        }
      }
      control.checkNotAborted();
      listener.rowsWritten(sinceProgress);
      if (top[0] != null) {
        written[0] += top[0].finishInto(sink);
      }
      if (!split.isEmpty() && split.get(0) != null) {
        written[0] += split.get(0).finishInto(sink);
      }
      long assembled = written[0];
      Optional<NumberColumns> measured = sink.measured();
      written[0] = stragglers.completeInto(progress, sink, assembled, limit);
      listener.rowsWritten(written[0] - assembled);
      if (!split.isEmpty() && split.get(0) != null) {
        split.get(0).close(); // only now: a kill before leaves the ranges to resume
      }
      // rows merged in from stragglers were not measured as written: the file is read back
      decimals =
          measured.isPresent() && stragglers.listOrder().inOrder()
              ? measured.get().fits()
              : NumberColumns.read(target(), numberProperties(object)).fits();
      stragglers.close();
    } catch (IOException | RuntimeException e) {
      if (top[0] != null) {
        top[0].abandon();
      }
      if (!split.isEmpty() && split.get(0) != null) {
        split.get(0).stopped(e);
      }
      progress.stopped(sink, e);
      stragglers.stopped(e); // last: no cursor can checkpoint past a straggler any more
      throw e;
    }
    return written[0];
  }

  /**
   * HubSpot's time before the object's first record was read (once run): every change after it is
   * found by a sync searching from it; null when unknown or the file was resumed.
   */
  Instant mark() {
    return mark;
  }

  /** How far the object's list strayed from id order (once run). */
  ListOrder listOrder() {
    return stragglers == null ? ListOrder.IN_ORDER : stragglers.listOrder();
  }

  /** The other cursors of a large object, or null when it is read by the first alone. */
  private RangeCursors startRanges(
      HubSpotClient client,
      RunControl control,
      StatusListener listener,
      long firstFrom,
      List<IdRanges.Saved> saved) {
    try {
      return RangeCursors.start(
              client,
              object,
              target(),
              progress,
              listener,
              control,
              cursorPool,
              firstFrom,
              cursors(),
              stragglers,
              saved)
          .orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * How many cursors the object's ranges are cut for; ranges an earlier run saved are taken up
   * whatever the mode now, since their rows are half written.
   */
  private int cursors() {
    return object.readMode() instanceof ReadMode.SplitCursors split ? split.cursors() : 1;
  }

  private TopWalk startTopWalk(
      HubSpotClient client, MeetingPoint meeting, RunControl control, StatusListener listener) {
    try {
      return TopWalk.start(
          client, object, meeting, target(), control, listener, progress.fileMode(), cursorPool);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one record as a row; its properties are the first {@code columns} asked for. */
  static void writeRow(CsvFileSink sink, HubSpotRecord record, int columns) {
    sink.field(record.id());
    sink.field(record.createdAt());
    sink.field(record.updatedAt());
    sink.field(record.archived() ? "true" : "false");
    PropertyValues properties = record.properties();
    PropertyValues.Utf8Consumer verbatim = sink::field;
    for (int i = 0; i < columns; i++) {
      if (!properties.copyVerbatim(i, verbatim)) {
        sink.field(properties.valueAt(i));
      }
    }
    sink.endRow();
  }
}
