package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Counts each planned object's records for a progress bar, on a thread of its own beside the pull:
 * one search per object asking for one record, whose answer carries the total (search has a budget
 * of its own, 5 a second, so the list reads do not slow down). Search lags writes, so the counts
 * are estimates; an object search will not count is left out, and the pull goes on regardless.
 */
public final class TotalEstimates implements AutoCloseable {
  private final Thread thread;

  private TotalEstimates(Thread thread) {
    this.thread = thread;
  }

  /** Starts counting the objects of {@code plan}; tells {@code listener} once all are counted. */
  public static TotalEstimates start(HubSpotClient client, Plan plan, StatusListener listener) {
    Objects.requireNonNull(client, "client is null");
    Objects.requireNonNull(listener, "listener is null");
    Thread thread =
        DaemonThreads.named("pull-estimate-").newThread(() -> count(client, plan, listener));
    thread.start();
    return new TotalEstimates(thread);
  }

  private static void count(HubSpotClient client, Plan plan, StatusListener listener) {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (PlannedObject object : plan.objects()) {
      if (Thread.currentThread().isInterrupted()) {
        return; // the pull is over
      }
      try {
        client
            .objects()
            .estimatedCount(object.type().apiName())
            .ifPresent(n -> totals.put(object.type().name(), atMost(n, plan.recordLimit())));
      } catch (RuntimeException e) {
        // no count for this object: the bar does without it, and its task reports the failure
      }
    }
    if (!Thread.currentThread().isInterrupted()) {
      listener.recordsExpected(totals);
    }
  }

  /** A count, or the record limit when that is lower: the most an object's file will hold. */
  private static long atMost(long counted, OptionalLong limit) {
    return limit.isPresent() ? Math.min(counted, limit.getAsLong()) : counted;
  }

  /** Stops counting: the pull is over. */
  @Override
  public void close() {
    thread.interrupt();
  }
}
