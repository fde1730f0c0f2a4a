package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.HubSpotRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * The search half of a large object's pull: walks the object down from its highest id on search's
 * own budget (5 a second, apart from the list's 10-second window) while the list cursor climbs from
 * the lowest, until the two meet ({@link MeetingPoint}). One cursor at HubSpot's latency uses about
 * a third of a Professional portal's list budget; this adds up to 1,000 records a second beside it.
 * Its rows go to a side file, each search page reversed into a chunk of ascending ids; the chunks
 * are appended to the object's file in reverse order, so the file reads in ascending id order, as a
 * list-only pull writes it.
 */
final class TopWalk {
  private final HubSpotClient client;
  private final PlannedObject object;
  private final List<String> names;
  private final StatusListener listener;
  private final CsvFileSink side;
  private final List<long[]> chunks = new ArrayList<>(); // [from, to) in the side file, by page
  private final CompletableFuture<Void> done;
  private volatile boolean stopped;
  private long rows; // written by the walk; read once it is done
  private String highest; // the first id the walk claimed: the top when it started

  private TopWalk(
      HubSpotClient client,
      PlannedObject object,
      MeetingPoint meeting,
      CsvFileSink side,
      RunControl control,
      StatusListener listener,
      ExecutorService pool) {
    this.client = client;
    this.object = object;
    this.names = object.propertyNames();
    this.listener = listener;
    this.side = side;
    this.done = CompletableFuture.runAsync(() -> walk(meeting, control), pool);
  }

  /**
   * Starts walking down {@code object} into a side file beside {@code target}, on {@code pool} (the
   * run's, which it shuts down).
   */
  static TopWalk start(
      HubSpotClient client,
      PlannedObject object,
      MeetingPoint meeting,
      Path target,
      RunControl control,
      StatusListener listener,
      FileMode mode,
      ExecutorService pool)
      throws IOException {
    return new TopWalk(
        client,
        object,
        meeting,
        new CsvFileSink(FolderLayout.sideFileOf(target), mode),
        control,
        listener,
        pool);
  }

  /** Deletes the side file a killed run left beside {@code target}: a resumed walk starts anew. */
  static void discardLeftover(Path target) throws IOException {
    Files.deleteIfExists(FolderLayout.partialOf(FolderLayout.sideFileOf(target)));
  }

  private void walk(MeetingPoint meeting, RunControl control) {
    String below = null;
    try {
      while (!stopped) {
        control.checkNotAborted();
        List<HubSpotRecord> page =
            client.objects().searchBelow(object.type().apiName(), names, below);
        long[] ids = page.stream().mapToLong(record -> MeetingPoint.idOf(record.id())).toArray();
        List<HubSpotRecord> claimed = new ArrayList<>(page.size());
        for (int i = 0; i < ids.length && meeting.claimFromAbove(ids[i]); i++) {
          claimed.add(page.get(i)); // claimed rows are written before anything else can fail
        }
        long from = side.flush();
        for (int i = claimed.size() - 1; i >= 0; i--) {
          ObjectTask.writeRow(side, claimed.get(i), names.size());
        }
        chunks.add(new long[] {from, side.flush()});
        if (highest == null && !claimed.isEmpty()) {
          highest = claimed.get(0).id();
        }
        rows += claimed.size();
        listener.rowsWritten(claimed.size());
        if (claimed.size() < page.size() || page.isEmpty()) {
          return; // met the list, or reached the bottom
        }
        below = page.get(page.size() - 1).id();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for the walk to meet the list, appends its rows to {@code sink} in ascending id order and
   * returns how many. A walk that failed (search refused, say) leaves the rest to the list, which
   * then climbs up to the lowest id the walk wrote: its rows are appended all the same.
   */
  long finishInto(CsvFileSink sink) throws IOException {
    try {
      try {
        done.join();
      } catch (CompletionException e) {
        // a search HubSpot refused leaves the rest to the list; anything else ends the task
        if (!(e.getCause() instanceof HubSpotException refused) || RunControl.isFatal(refused)) {
          throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      }
      for (int i = chunks.size() - 1; i >= 0; i--) {
        sink.append(side, chunks.get(i)[0], chunks.get(i)[1]);
      }
      return rows + topUp(sink);
    } finally {
      side.abandon();
    }
  }

  /**
   * Appends the records above the walk's starting point: created since, or too recently before for
   * search to have shown them then ("a few moments", hubspot-api.md §6). A list-only pull would
   * have met them at the end of its cursor; they are above every id written, so order holds.
   */
  private long topUp(CsvFileSink sink) {
    long added = 0;
    for (String above = highest; above != null; ) {
      List<HubSpotRecord> page =
          client.objects().searchAbove(object.type().apiName(), names, above);
      for (HubSpotRecord record : page) {
        ObjectTask.writeRow(sink, record, names.size());
      }
      added += page.size();
      listener.rowsWritten(page.size());
      above = page.isEmpty() ? null : page.get(page.size() - 1).id();
    }
    return added;
  }

  /** Stops the walk (the list failed) and deletes its side file once it has stopped. */
  void abandon() {
    stopped = true;
    // nothing waits for it: abandoning the side file is best effort and throws nothing
    var unused = done.whenComplete((nothing, failure) -> side.abandon());
  }
}
