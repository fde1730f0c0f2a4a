package dev.hubspotextract.connect;

import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.extract.AssociationPair;
import dev.hubspotextract.extract.Plan;
import dev.hubspotextract.extract.PlannedHistory;
import dev.hubspotextract.extract.PlannedObject;
import dev.hubspotextract.extract.Planner;
import dev.hubspotextract.extract.PullRequest;
import dev.hubspotextract.extract.TaskFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's worker: pass after pass, {@link #pollInterval} apart, it plans anew (objects, custom
 * objects, properties: a property added in HubSpot is in the next pass's schema) and runs every
 * stream once, objects first, then pairs, reference tables and histories; a stream still
 * backfilling goes on with its backfill. A stream that fails keeps its offset and is run again in
 * the next pass while the others go on; a failure no pass can get past (a rejected token, a server
 * that is not HubSpot, settings HubSpot refuses) ends the loop, for {@code poll()} to throw.
 */
final class StreamLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamLoop.class);

  private final HubSpotClient client;
  private final String source;
  private final PullRequest request;
  private final StreamOffsets offsets;
  private final TopicKeys topicKeys; // null: no verify or full pass
  private final RecordQueue queue;
  private final TopicNames topics;
  private final RecordSchemas schemas;
  private final ValueParsing values = new ValueParsing();
  private final Pass.Timing timing;
  private final Duration pollInterval;
  private final Clock clock;

  private final Map<String, ObjectStream> objects = new HashMap<>();
  private final Map<String, PairStream> pairs = new HashMap<>();
  private final Map<String, HistoryStream> histories = new HashMap<>();
  private final ReferenceStream owners = ReferenceStream.owners();
  private final ReferenceStream pipelines = ReferenceStream.pipelines();

  private final CountDownLatch stopping = new CountDownLatch(1);
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private final AtomicLong passes = new AtomicLong();

  StreamLoop(
      HubSpotSourceConfig config,
      HubSpotClient client,
      StreamOffsets offsets,
      TopicKeys topicKeys,
      RecordQueue queue,
      Clock clock) {
    this.client = Objects.requireNonNull(client, "client is null");
    this.source = config.baseUrl().toString();
    this.request = config.pullRequest();
    this.offsets = offsets;
    this.topicKeys = topicKeys;
    this.queue = queue;
    this.topics = new TopicNames(config.topicPrefix());
    this.schemas = new RecordSchemas(topics);
    this.timing = config.timing();
    this.pollInterval = config.pollInterval();
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      do {
        onePass();
        passes.incrementAndGet();
      } while (!stopping.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException | RecordQueue.Stopped e) {
      // stop() asked for it
    } catch (Throwable e) { // an Error too: a worker that died silently leaves the task RUNNING
      if (stopping.getCount() == 0 && !(e instanceof Error)) {
        return; // a read cut short by the stop
      }
      fatal.set(e);
    } finally {
      if (topicKeys != null) {
        topicKeys.close(); // here, not in stop(): this thread may still be reading back
      }
    }
  }

  /**
   * Stops the loop: a put waiting for room ends, and so does the pause between passes; the caller
   * also interrupts the thread, which ends a read on the way.
   */
  void stop() {
    stopping.countDown();
    queue.stop();
  }

  /** The failure that ended the loop, or null while it runs or once it stopped as asked. */
  Throwable fatal() {
    return fatal.get();
  }

  /** Passes completed (every stream run once): what a test waits on. */
  long passes() {
    return passes.get();
  }

  /**
   * Whether a failure ends the task instead of one stream's pass: HubSpot rejected the token, the
   * settings name what HubSpot does not have, or, while planning, the server is not HubSpot.
   */
  static boolean endsTheTask(RuntimeException failure, boolean planning) {
    if (!(failure instanceof CategorizedException categorized)) {
      return false;
    }
    FailureCategory category = categorized.category();
    return category == FailureCategory.AUTHENTICATION
        || category == FailureCategory.USAGE
        || (planning && category == FailureCategory.NOT_HUBSPOT);
  }

  private void onePass() {
    Plan plan;
    try {
      plan = new Planner(client, source).plan(request);
    } catch (RuntimeException e) {
      if (endsTheTask(e, true) || stopping.getCount() == 0) {
        throw e;
      }
      LOG.warn("Planning failed; the next pass tries again: {}", e.getMessage());
      return;
    }
    Set<String> failed = new HashSet<>();
    for (TaskFailure failure : plan.failedObjects()) {
      failed.add(failure.subject());
      LOG.warn(
          "{} is not read in this pass (the next pass tries again): {}",
          failure.subject(),
          failure.text());
    }
    long startedAt = client.serverTime().orElseGet(clock::instant).toEpochMilli();
    Pass pass =
        new Pass(
            client,
            startedAt,
            new PassChanges(client),
            offsets,
            queue,
            schemas,
            values,
            topics,
            new ReadBack(topicKeys),
            timing);
    for (PlannedObject object : plan.objects()) {
      ObjectStream stream =
          objects.computeIfAbsent(object.type().name(), name -> new ObjectStream(object.type()));
      guarded(stream.name(), () -> stream.run(pass, object));
    }
    for (AssociationPair pair : plan.pairs()) {
      PairStream stream = pairs.computeIfAbsent(pair.name(), name -> new PairStream(pair));
      guarded(stream.name(), () -> stream.run(pass));
    }
    guarded(owners.name(), () -> owners.run(pass, plan.objects(), failed));
    guarded(pipelines.name(), () -> pipelines.run(pass, plan.objects(), failed));
    for (PlannedHistory history : plan.histories()) {
      HistoryStream stream =
          histories.computeIfAbsent(
              history.type().name(), name -> new HistoryStream(history.type().name()));
      guarded(stream.name(), () -> stream.run(pass, history));
    }
    LOG.debug("Pass of {} done", Instant.ofEpochMilli(startedAt));
  }

  /** Runs one stream's part of the pass; its failure is said and left for the next pass. */
  private void guarded(String stream, Runnable part) {
    if (stopping.getCount() == 0) {
      throw new RecordQueue.Stopped();
    }
    try {
      part.run();
    } catch (RecordQueue.Stopped e) {
      throw e;
    } catch (RuntimeException e) {
      if (stopping.getCount() == 0 || endsTheTask(e, false)) {
        throw e;
      }
      if (e instanceof CategorizedException) {
        LOG.warn(
            "{} failed in this pass; it keeps its offset and the next pass tries again: {}",
            stream,
            e.getMessage());
      } else {
        LOG.error(
            "{} failed in this pass (a bug: please report it); the next pass tries again",
            stream,
            e);
      }
    }
  }
}
