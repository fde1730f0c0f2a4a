package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The worker's puts into a full queue end once the task stops, interrupted or not. */
class RecordQueueTest {
  private static SourceRecord record(long id) {
    return new SourceRecord(
        Map.of("stream", "object/deals"),
        Map.of("mark", 0L),
        "hs.deals",
        null,
        Schema.INT64_SCHEMA,
        id,
        null,
        null);
  }

  @Test
  void aPutWaitingForRoomEndsOnceStoppedThoughNoInterruptReachedIt() throws Exception {
    RecordQueue queue = new RecordQueue(1);
    queue.put(record(1));
    // a library on the worker that swallowed the interrupt: only the stop can end the wait
    CompletableFuture<Throwable> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                queue.put(record(2));
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });
    Thread.sleep(RecordQueue.RECHECK.toMillis() * 2);
    assertThat(waiting).as("the queue is full: the put waits").isNotDone();

    queue.stop();

    assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(RecordQueue.Stopped.class);
    assertThat(queue.take(10, Duration.ZERO)).as("what was queued is still there").hasSize(1);
  }
}
