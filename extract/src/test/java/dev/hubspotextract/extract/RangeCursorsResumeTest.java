package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.Transport;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large object's ranges across a stop and a resume: whatever state the stop left (a fall-back
 * under way, a finished range whose file is gone), the resumed file is one cursor's, byte for byte.
 * Time is a {@link ManualClock} that a slow page moves on, so that cursors checkpoint without the
 * test waiting for it.
 */
class RangeCursorsResumeTest {
  private static final Pattern AFTER = Pattern.compile("[?&]after=([^&]*)");
  private static final Pattern NEXT = Pattern.compile("\"after\":\"(\\d+)\"");

  /** What one slow page takes: more than half the time between two checkpoints. */
  private static final Duration SLOW_PAGE = Duration.ofMillis(150);

  @TempDir Path tmp;
  private final ManualClock clock = new ManualClock();
  private Sandbox sandbox;
  private byte[] oneCursor;
  private long r1;
  private long r2;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.builder().records(3_000).latencyMillis(2).start();
    Path single = tmp.resolve("single");
    assertThat(pull(single, 1, request -> null).failures()).isEmpty();
    oneCursor = Files.readAllBytes(single.resolve("contacts.csv"));
    // the ranges IdRanges cuts for 4 cursors above the first page
    long[] ids =
        Pattern.compile("\r\n(\\d+),\\d{4}-")
            .matcher(new String(oneCursor, StandardCharsets.UTF_8))
            .results()
            .mapToLong(m -> Long.parseLong(m.group(1)))
            .toArray();
    long width = (ids[ids.length - 1] - ids[99]) / 4;
    r1 = ids[99] + width + 1;
    r2 = r1 + width;
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** Answers a request itself (non-null), or lets the sandbox answer. */
  interface Wire {
    ApiResponse answer(ApiRequest request) throws Exception;
  }

  @Test
  void aFallBackThenAStopThenAResumeWritesEveryRowOnce() throws Exception {
    Path out = tmp.resolve("fell-back");
    AtomicInteger r1Pages = new AtomicInteger();
    AtomicInteger afterFallBack = new AtomicInteger(-1);

    RunResult stopped =
        pull(
            out,
            4,
            request -> {
              long after = afterOf(request);
              if (afterFallBack.get() >= 0) { // the first cursor reads on, then the day ends
                if (after >= r1 && after < r2 && afterFallBack.incrementAndGet() > 4) {
                  throw new HubSpotException(FailureCategory.RATE_LIMIT, "daily limit");
                }
                return null;
              }
              if (after >= r1) {
                clock.advance(SLOW_PAGE); // the seeded cursors are slow, so they checkpoint
              }
              if (after >= r1 && after < r2 && r1Pages.incrementAndGet() == 6) {
                afterFallBack.set(0); // a seeded cursor fails: the object falls back
                return new ApiResponse(
                    400, Map.of(), "{\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8));
              }
              return null;
            });
    RunResult resumed = pull(out, 4, request -> null);

    assertThat(stopped.failures()).as("the first run stopped").isNotEmpty();
    assertThat(resumed.failures()).isEmpty();
    assertThat(Files.readAllBytes(out.resolve("contacts.csv"))).isEqualTo(oneCursor);
    assertThat(out.resolve(FolderLayout.PRIVATE_FOLDER)).doesNotExist();
  }

  @Test
  void aFinishedRangeWhoseFileWasOverwrittenInPlaceIsReadAgain() throws Exception {
    Path out = tmp.resolve("damaged");
    stopWithTheSecondRangeFinished(out);
    // the same size, other bytes: what a second writer or a faulty disk leaves
    Path range = FolderLayout.partialOf(out.resolve("contacts.csv.from-" + r1));
    Files.write(range, new byte[(int) Files.size(range)]);

    RunResult resumed = pull(out, 4, request -> null);

    assertThat(resumed.failures()).isEmpty();
    assertThat(Files.readAllBytes(out.resolve("contacts.csv"))).isEqualTo(oneCursor);
  }

  @Test
  void aFinishedRangeWhoseFileIsGoneIsReadAgain() throws Exception {
    Path out = tmp.resolve("gone");
    stopWithTheSecondRangeFinished(out);
    // what a kill between deleting a range's file and forgetting its checkpoint would leave
    Path unfinished = FolderLayout.of(out).unfinishedFolder();
    try (Stream<Path> files = Files.list(unfinished)) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().startsWith("contacts.csv.from-" + r1)) {
          Files.delete(file);
        }
      }
    }

    RunResult resumed = pull(out, 4, request -> null);

    assertThat(resumed.failures()).isEmpty();
    assertThat(Files.readAllBytes(out.resolve("contacts.csv"))).isEqualTo(oneCursor);
  }

  /**
   * A pull whose ranges above the second are slow (held back until the second is read to its end)
   * and then hit the day's limit: it stops after the second range (from {@code r1}) was read to its
   * end.
   */
  private void stopWithTheSecondRangeFinished(Path out) throws Exception {
    AtomicInteger slow = new AtomicInteger();
    Path secondRange = FolderLayout.of(out).stateFolder().resolve("contacts@" + r1 + ".json");
    // the second range's own requests: its seed, then every cursor a page of its named
    Set<Long> secondRangesCursors = ConcurrentHashMap.newKeySet();
    secondRangesCursors.add(r1 - 1);
    RunResult stopped =
        pullThrough(
            out,
            4,
            real ->
                request -> {
                  long after = afterOf(request);
                  if (after >= r2 - 1 && !secondRangesCursors.contains(after)) {
                    awaitComplete(secondRange);
                  }
                  if (after >= r2) {
                    clock.advance(SLOW_PAGE);
                    if (slow.incrementAndGet() > 12) {
                      throw new HubSpotException(FailureCategory.RATE_LIMIT, "daily limit");
                    }
                  }
                  ApiResponse response = real.send(request);
                  if (secondRangesCursors.contains(after)) {
                    Matcher next =
                        NEXT.matcher(new String(response.body(), StandardCharsets.UTF_8));
                    while (next.find()) { // records' own association paging too: no harm
                      secondRangesCursors.add(Long.parseLong(next.group(1)));
                    }
                  }
                  return response;
                });
    assertThat(stopped.failures()).isNotEmpty();
    assertThat(Files.readString(secondRange)).contains("\"complete\":true");
  }

  /** Waits until the checkpoint {@code file} says its range was read to its end. */
  private static void awaitComplete(Path file) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      while (!(Files.exists(file) && Files.readString(file).contains("\"complete\":true"))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(file + " never said its range was complete");
        }
        Thread.sleep(2); // polls for an event of the run, not for time to pass
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long afterOf(ApiRequest request) {
    Matcher after = AFTER.matcher(request.pathAndQuery());
    return request.pathAndQuery().startsWith("/crm/v3/objects/contacts?") && after.find()
        ? Long.parseLong(after.group(1))
        : -1;
  }

  /** A resumable pull of contacts through a wire that may answer a request itself. */
  private RunResult pull(Path out, int cursors, Wire wire) {
    return pullThrough(
        out,
        cursors,
        real ->
            request -> {
              ApiResponse own;
              try {
                own = wire.answer(request);
              } catch (RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              return own != null ? own : real.send(request);
            });
  }

  /**
   * A resumable pull of contacts (state kept as the command line keeps it) on the test's clock,
   * through a wire of the test's in front of the sandbox's.
   */
  private RunResult pullThrough(Path out, int cursors, UnaryOperator<Transport> wire) {
    HubSpotClient client = SandboxPulls.clientThrough(sandbox, wire);
    Plan plan =
        SandboxPulls.plan(
            client, SandboxPulls.objectsOnly(out, new ReadOptions(cursors, false), "contacts"));
    return SandboxPulls.resumablePull(client, plan, 2, clock, warning -> {});
  }
}
