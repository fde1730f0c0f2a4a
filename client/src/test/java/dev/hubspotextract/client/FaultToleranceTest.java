package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.PortalRecord;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.testing.ManualClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FaultToleranceTest {
  private static HubSpotClient clientOf(Sandbox sandbox, Pacer pacer, List<String> trace) {
    return HubSpotClient.builder()
        .baseUrl(sandbox.baseUrl())
        .token(sandbox.token())
        .pacer(pacer)
        .sleeper(new RecordingSleeper())
        .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(10))
        .trace(line -> trace.add(line))
        .build();
  }

  private static List<String> portalIds(Sandbox sandbox) {
    return sandbox.portal().records("contacts").map(PortalRecord::id).toList();
  }

  @Test
  void everyRecordArrivesExactlyOnceThroughServerErrorsResetsTruncatedBodiesAndShortPages() {
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(400)
            .faults(FaultPlan.parse("5xx=0.1,reset=0.05,truncate=0.05,429=0.05,short-page=0.2"))
            .start()) {
      List<String> trace = Collections.synchronizedList(new ArrayList<>());
      List<String> ids =
          clientOf(sandbox, Pacer.UNLIMITED, trace).objects().stream(
                  "contacts",
                  List.of("email"),
                  RecordFetch.LIST_WITH_PROPERTIES,
                  OptionalLong.empty())
              .map(HubSpotRecord::id)
              .toList();

      assertThat(ids).containsExactlyElementsOf(portalIds(sandbox));
      // each retry is visible in the trace (--verbose)
      long failed = sandbox.requests().stream().filter(r -> r.status() != 200).count();
      assertThat(failed).isPositive();
      assertThat(trace.stream().filter(line -> line.startsWith("retry: "))).hasSize((int) failed);
    }
  }

  @Test
  void pagesCutShortThatStillCarryACursorLoseNothing() {
    try (Sandbox sandbox =
        Sandbox.builder().records(300).faults(FaultPlan.parse("short-page=1.0")).start()) {
      List<String> ids =
          clientOf(sandbox, Pacer.UNLIMITED, new ArrayList<>()).objects().stream(
                  "contacts",
                  List.of("email"),
                  RecordFetch.LIST_WITH_PROPERTIES,
                  OptionalLong.empty())
              .map(HubSpotRecord::id)
              .toList();

      assertThat(ids).containsExactlyElementsOf(portalIds(sandbox));
    }
  }

  @Test
  void aCursorThatKeepsGivingTheSamePageStopsInsteadOfLoopingOrWritingTwice() {
    AtomicInteger cursor = new AtomicInteger(2);
    ScriptedTransport wire =
        new ScriptedTransport()
            .answering(
                request ->
                    ScriptedTransport.json(
                        200,
                        "{\"results\":[{\"id\":\"1\",\"properties\":{}}],\"paging\":{\"next\":"
                            + "{\"after\":\""
                            + cursor.getAndIncrement()
                            + "\"}}}",
                        java.util.Map.of()));
    List<String> seen = new ArrayList<>();
    List<String> repeats = new ArrayList<>();
    OutOfOrder taken =
        new OutOfOrder() {
          @Override
          public void arrived(int records) {}

          @Override
          public boolean straggler(HubSpotRecord record) {
            repeats.add(record.id());
            return true;
          }
        };

    assertThatThrownBy(
            () ->
                new ObjectsApi(wire)
                    .stream(
                            "contacts",
                            List.of(),
                            RecordFetch.LIST_WITH_PROPERTIES,
                            OptionalLong.empty(),
                            null,
                            null,
                            page -> {},
                            taken)
                        .forEach(record -> seen.add(record.id())))
        .isInstanceOf(HubSpotException.class)
        .hasMessageContaining("without a new record")
        .hasMessageContaining("avoid a loop");
    assertThat(seen).containsExactly("1");
    assertThat(repeats).hasSize(ObjectsApi.MAX_PAGES_WITHOUT_PROGRESS);
    // without a prefetch pool, no page is asked for ahead of the one the stream judges
    assertThat(wire.requests).hasSize(1 + ObjectsApi.MAX_PAGES_WITHOUT_PROGRESS);
  }

  @Test
  void everyRetryGoesThroughTheRateBudgetAgain() {
    AtomicInteger acquired = new AtomicInteger();
    ScriptedTransport wire =
        new ScriptedTransport().then(503, "{}").then(502, "{}").then(200, "{\"results\":[]}");
    HubSpotClient client =
        HubSpotClient.builder()
            .token("pat-test")
            .transport(wire)
            .sleeper(new RecordingSleeper())
            .pacer(() -> acquired.incrementAndGet())
            .build();

    assertThat(client.objects().ids("contacts", OptionalLong.of(10), null, OutOfOrder.HANDED_OUT))
        .isEmpty();

    assertThat(wire.requests).hasSize(3);
    assertThat(acquired).hasValue(3);
  }

  @Test
  void theDefaultBudgetFillsTheSandboxsTenSecondWindowWithoutA429() {
    ManualClock clock = new ManualClock(); // the sandbox counts on the clock the pacer sleeps on
    try (Sandbox sandbox =
        Sandbox.builder().records(50).rateLimit(RateLimitTier.FREE).clock(clock).start()) {
      HubSpotClient client =
          HubSpotClient.builder()
              .baseUrl(sandbox.baseUrl())
              .token(sandbox.token())
              .clock(clock)
              .sleeper(clock::advance)
              .build();

      for (int i = 0; i < 300; i++) {
        assertThat(
                client.objects().ids("contacts", OptionalLong.of(1), null, OutOfOrder.HANDED_OUT))
            .hasSize(1);
      }

      assertThat(sandbox.requests()).hasSize(300).allMatch(r -> r.status() == 200);
      // 10 per second (X-HubSpot-RateLimit-Secondly, counted over 1.025 s) and 98 per window of
      // 10.15 s: 300 requests take some 31 seconds, and none is refused
      assertThat(clock.millis()).isBetween(30_000L, 33_000L);
    }
  }
}
