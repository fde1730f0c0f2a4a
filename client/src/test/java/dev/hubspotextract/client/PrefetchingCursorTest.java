package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cursor reads pages ahead on its caller's pool; however its reading ends (closed, a failure,
 * an interrupt), no page of it is still on the wire afterwards and the pool has nothing left to
 * run.
 */
class PrefetchingCursorTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  /** Requests that reached the wire, and those whose answer has ended. */
  private final AtomicInteger started = new AtomicInteger();

  private final AtomicInteger ended = new AtomicInteger();

  /** Counted down by each page answered. */
  private final CountDownLatch answered = new CountDownLatch(3);

  /** Counted down when a request reaches the page that never answers. */
  private final CountDownLatch onTheStuckPage = new CountDownLatch(1);

  @AfterEach
  void poolIsIdle() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.SECONDS)).as("nothing left to run").isTrue();
  }

  @Test
  void readsThePagesAheadWhileTheFirstIsHandedOutAndEveryRecordOnce() throws Exception {
    ScriptedTransport wire =
        new ScriptedTransport()
            .answering(
                request ->
                    switch (afterOf(request)) {
                      case "" -> answer(page("2", 1));
                      case "2" -> answer(page("3", 2));
                      default -> answer(page(null, 3));
                    });
    List<String> ids = new ArrayList<>();

    try (PrefetchingCursor cursor = cursor(wire)) {
      cursor.next();
      // both pages after the first are read before it is read on
      assertThat(answered.await(5, TimeUnit.SECONDS)).as("three pages answered").isTrue();
      cursor.forEachRemaining(record -> ids.add(record.id()));
    }

    assertThat(ids).containsExactly("2", "3");
  }

  @Test
  void closingTheCursorInterruptsThePageOnTheWireAndWaitsUntilItHasEnded() throws Exception {
    ScriptedTransport wire =
        new ScriptedTransport()
            .answering(request -> afterOf(request).isEmpty() ? answer(page("2", 1)) : stuck());

    PrefetchingCursor cursor = cursor(wire);
    assertThat(cursor.next().id()).isEqualTo("1");
    onTheStuckPage.await();
    cursor.close();

    assertThat(ended).as("the page read ahead ended before close returned").hasValue(2);
    assertThat(wire.requests).hasSize(2);
  }

  @Test
  void aPageThatFailsEndsTheReadsAheadBeforeTheReaderHearsOfIt() {
    // page 2 names page 3 in its tail, so page 3 is asked for, then fails to parse
    ScriptedTransport wire =
        new ScriptedTransport()
            .answering(
                request ->
                    switch (afterOf(request)) {
                      case "" -> answer(page("2", 1));
                      case "2" ->
                          answer(
                              "{\"results\":[{\"id\":\"2\",\"properties\":{}},oops],"
                                  + "\"paging\":{\"next\":{\"after\":\"3\"}}}");
                      default -> stuck();
                    });
    AtomicReference<String> stillOnTheWire = new AtomicReference<>();

    try (PrefetchingCursor cursor = cursor(wire)) {
      assertThatThrownBy(
              () -> {
                try {
                  cursor.forEachRemaining(record -> {});
                } finally {
                  stillOnTheWire.set(started.get() - ended.get() + " requests");
                }
              })
          .isInstanceOf(HubSpotException.class)
          .hasMessageContaining("listing contacts after cursor 2");
    }

    assertThat(stillOnTheWire).hasValue("0 requests");
  }

  @Test
  void aReaderInterruptedWhileWaitingForAPageStopsItAndKeepsItsInterrupt() throws Exception {
    ScriptedTransport wire = new ScriptedTransport().answering(request -> stuck());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    AtomicReference<String> stillOnTheWire = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try (PrefetchingCursor cursor = cursor(wire)) {
                boolean unused = cursor.hasNext(); // throws: interrupted while waiting
              } catch (RuntimeException e) {
                failure.set(e);
              }
              stillInterrupted.set(Thread.currentThread().isInterrupted());
              stillOnTheWire.set(started.get() - ended.get() + " requests");
            });
    reader.start();
    onTheStuckPage.await();

    reader.interrupt();
    reader.join(TimeUnit.SECONDS.toMillis(5));

    assertThat(reader.isAlive()).isFalse();
    assertThat(failure.get())
        .isInstanceOf(HubSpotException.class)
        .hasMessage("interrupted while listing contacts");
    assertThat(stillInterrupted).hasValue(true);
    assertThat(stillOnTheWire).hasValue("0 requests");
  }

  private PrefetchingCursor cursor(ScriptedTransport wire) {
    return new PrefetchingCursor(
        new ObjectsApi(wire),
        "contacts",
        List.of(),
        null,
        OptionalLong.empty(),
        null,
        null,
        cursor -> {},
        OutOfOrder.HANDED_OUT,
        pool,
        ObjectsApi.PAGES_AHEAD);
  }

  /** A page's answer, counted as started and ended. */
  private ApiResponse answer(String body) {
    started.incrementAndGet();
    ended.incrementAndGet();
    answered.countDown();
    return ScriptedTransport.json(200, body, Map.of());
  }

  /** A page that never answers: it waits until interrupted, as the JDK's client does. */
  private ApiResponse stuck() {
    started.incrementAndGet();
    try {
      onTheStuckPage.countDown();
      new CountDownLatch(1).await();
      throw new AssertionError("unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubSpotException(FailureCategory.INTERNAL, "interrupted while calling HubSpot", e);
    } finally {
      ended.incrementAndGet();
    }
  }

  private static String afterOf(ApiRequest request) {
    String path = request.pathAndQuery();
    int at = path.indexOf("&after=");
    return at < 0 ? "" : path.substring(at + "&after=".length());
  }

  private static String page(String next, int id) {
    return "{\"results\":[{\"id\":\""
        + id
        + "\",\"properties\":{}}]"
        + (next == null ? "" : ",\"paging\":{\"next\":{\"after\":\"" + next + "\"}}")
        + "}";
  }
}
