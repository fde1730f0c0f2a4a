package dev.hubspotextract.connect;

import dev.hubspotextract.client.HubSpotClient;
import java.util.Objects;

/**
 * One run over every stream: what each needs to read and send, and when the pass began (HubSpot's
 * time): the mark a stream moves to once its pass is complete.
 *
 * @param changes what the pass reads once per object for every stream that asks (changed ids, live
 *     ids)
 * @param readBack the topics' keys read back, for verify and full passes
 */
record Pass(
    HubSpotClient client,
    long startedAt,
    PassChanges changes,
    StreamOffsets offsets,
    RecordQueue queue,
    RecordSchemas schemas,
    ValueParsing values,
    TopicNames topics,
    ReadBack readBack,
    Timing timing) {
  Pass {
    Objects.requireNonNull(client, "client is null");
    Objects.requireNonNull(changes, "changes is null");
    Objects.requireNonNull(offsets, "offsets is null");
    Objects.requireNonNull(queue, "queue is null");
    Objects.requireNonNull(schemas, "schemas is null");
    Objects.requireNonNull(values, "values is null");
    Objects.requireNonNull(topics, "topics is null");
    Objects.requireNonNull(readBack, "readBack is null");
    Objects.requireNonNull(timing, "timing is null");
  }

  /**
   * The intervals of the passes, in milliseconds.
   *
   * @param verifyMs between verify passes of objects and reference tables (0: never)
   * @param fullRereadMs between full re-reads of association pairs (0: never)
   */
  record Timing(long lookbackMs, long verifyMs, long fullRereadMs) {}

  /** Changes are read from this time on, for a stream marked at {@code mark}. */
  long since(long mark) {
    return mark - timing.lookbackMs();
  }

  /** Whether a verify pass is due for a stream last verified at {@code verified}. */
  boolean verifyDue(long verified) {
    return readBack.configured()
        && timing.verifyMs() > 0
        && startedAt - verified >= timing.verifyMs();
  }

  /** Whether a full re-read of a pair last read whole at {@code verified} is due. */
  boolean fullRereadDue(long verified) {
    return readBack.configured()
        && timing.fullRereadMs() > 0
        && startedAt - verified >= timing.fullRereadMs();
  }

  /** A writer for a stream that reads from {@code from}. */
  StreamWriter writer(String stream, StreamOffsets.Offset from) {
    return new StreamWriter(stream, from, offsets, queue);
  }
}
