package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
  private final ManualClock clock = new ManualClock();
  private static final ApiRequest LIST = ApiRequest.get("/crm/v3/objects/contacts?limit=100");
  private static final ApiRequest SEARCH =
      ApiRequest.postJson("/crm/v3/objects/contacts/search", new byte[0]);
  private static final ApiRequest ASSOCIATIONS =
      ApiRequest.postJson("/crm/v4/associations/deals/companies/batch/read", new byte[0]);

  private long millisFor(RateBudget budget, ApiRequest request, int count)
      throws InterruptedException {
    long start = clock.millis();
    for (int i = 0; i < count; i++) {
      budget.acquire(request);
    }
    return clock.millis() - start;
  }

  @Test
  void listRequestsShareTheTiersTenSecondWindowLessASafetyMargin() throws InterruptedException {
    RateBudget budget = new RateBudget(190, true, clock, clock::advance);

    assertThat(budget.perTenSeconds()).isEqualTo(187);
    assertThat(millisFor(budget, LIST, 187)).isZero();
    assertThat(millisFor(budget, LIST, 1)).isEqualTo(10_150);
  }

  @Test
  void searchHasItsOwnFivePerSecondAndLeavesTheTenSecondWindowAlone() throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);

    assertThat(millisFor(budget, SEARCH, 5)).isZero();
    assertThat(millisFor(budget, SEARCH, 5)).isEqualTo(1_150);
    assertThat(millisFor(budget, LIST, 98)).isZero();
  }

  @Test
  void learnsTheLimitFromHubSpotsHeaders() {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);

    budget.observe(
        LIST,
        ScriptedTransport.json(
            200,
            "{}",
            Map.of(
                "X-HubSpot-RateLimit-Max", "250",
                "X-HubSpot-RateLimit-Interval-Milliseconds", "10000",
                "X-HubSpot-RateLimit-Remaining", "249")));

    assertThat(budget.perTenSeconds()).isEqualTo(245);
  }

  @Test
  void aLimitGivenByTheUserIsNotOverriddenByHeaders() {
    RateBudget budget = new RateBudget(50, false, clock, clock::advance);

    budget.observe(
        LIST, ScriptedTransport.json(200, "{}", Map.of("X-HubSpot-RateLimit-Max", "250")));

    assertThat(budget.perTenSeconds()).isEqualTo(49);
  }

  @Test
  void whenHubSpotSaysFewerRemainInTheWindowTheDifferenceCountsAsSpentByAnotherApp()
      throws InterruptedException {
    RateBudget budget = new RateBudget(190, true, clock, clock::advance);
    millisFor(budget, LIST, 10); // 177 of our 187 left

    budget.observe(
        LIST,
        ScriptedTransport.json(
            200,
            "{}",
            Map.of("X-HubSpot-RateLimit-Max", "190", "X-HubSpot-RateLimit-Remaining", "100")));

    assertThat(millisFor(budget, LIST, 100)).isZero();
    assertThat(millisFor(budget, LIST, 1)).isPositive();
  }

  @Test
  void aRemainingCountAboveOursChangesNothingAndAUserLimitIgnoresIt() throws InterruptedException {
    RateBudget learning = new RateBudget(100, true, clock, clock::advance);
    RateBudget fixed = new RateBudget(100, false, clock, clock::advance);
    ApiResponse plenty =
        ScriptedTransport.json(200, "{}", Map.of("X-HubSpot-RateLimit-Remaining", "100"));
    ApiResponse none =
        ScriptedTransport.json(200, "{}", Map.of("X-HubSpot-RateLimit-Remaining", "0"));

    learning.observe(LIST, plenty); // requests of ours in flight are counted by us, not yet by it
    fixed.observe(LIST, none);

    assertThat(millisFor(learning, LIST, 98)).isZero();
    assertThat(millisFor(fixed, LIST, 98)).isZero();
  }

  @Test
  void aTenSecondly429PausesEveryRequestOfTheWindowForTheWindowOrItsRetryAfter()
      throws InterruptedException {
    RateBudget budget = new RateBudget(190, true, clock, clock::advance);
    String body = "{\"policyName\":\"TEN_SECONDLY_ROLLING\"}";

    budget.observe(
        LIST,
        ScriptedTransport.json(
            429, body, Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")));
    assertThat(millisFor(budget, LIST, 1)).isEqualTo(10_000);
    assertThat(millisFor(budget, SEARCH, 1)).isZero(); // search has its own budget

    budget.observe(LIST, ScriptedTransport.json(429, body, Map.of("Retry-After", "3")));
    assertThat(millisFor(budget, LIST, 1)).isEqualTo(3_000);
  }

  @Test
  void pausesAsTheRateLimitPacingReadSaysWithoutReadingThe429Again() throws InterruptedException {
    RateBudget budget = new RateBudget(190, true, clock, clock::advance);
    // Pacing read this 429 as SECONDLY; its body says the 10-second window
    ApiResponse read =
        new ApiResponse(
            429,
            Map.of(),
            "{\"policyName\":\"TEN_SECONDLY_ROLLING\"}".getBytes(StandardCharsets.UTF_8),
            Optional.of(new RateLimit("SECONDLY", Duration.ofSeconds(1))));

    budget.observe(LIST, read);

    assertThat(millisFor(budget, LIST, 1)).isEqualTo(1_000); // the second's pause, not the window's
  }

  @Test
  void aSecondly429OnSearchPausesSearchForASecondAndLeavesListsAlone() throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);

    budget.observe(SEARCH, ScriptedTransport.json(429, "{\"policyName\":\"SECONDLY\"}", Map.of()));

    assertThat(millisFor(budget, LIST, 1)).isZero();
    assertThat(millisFor(budget, SEARCH, 1)).isEqualTo(1_000);
  }

  @Test
  void aHugeMaxIsIgnoredSaidOnceAndARemainingOfZeroStillFillsOnlyTheWindowWeHave()
      throws InterruptedException {
    List<String> trace = new ArrayList<>();
    RateBudget budget = new RateBudget(100, true, clock, clock::advance, trace::add);
    ApiResponse hostile =
        ScriptedTransport.json(
            200,
            "{}",
            Map.of("X-HubSpot-RateLimit-Max", "2147483647", "X-HubSpot-RateLimit-Remaining", "0"));

    budget.observe(LIST, hostile);
    budget.observe(LIST, hostile);

    assertThat(budget.perTenSeconds()).isEqualTo(98);
    assertThat(trace)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("ignoring X-HubSpot-RateLimit-Max: 2147483647")
        .contains("1..10000");
    assertThat(millisFor(budget, LIST, 1)).isEqualTo(10_150); // nothing remains: wait the window
  }

  @Test
  void anIntervalOutsideOneTenthOfASecondToAMinuteIsIgnoredAndTheWindowStaysTenSeconds() {
    List<String> trace = new ArrayList<>();
    RateBudget budget = new RateBudget(100, true, clock, clock::advance, trace::add);

    for (String interval : List.of("1000000000000", "50", "60001", "-10000")) {
      budget.observe(
          LIST,
          ScriptedTransport.json(
              200,
              "{}",
              Map.of(
                  "X-HubSpot-RateLimit-Max",
                  "190",
                  "X-HubSpot-RateLimit-Interval-Milliseconds",
                  interval)));
    }

    assertThat(budget).hasToString("RateBudget[187 per 10000 ms]");
    assertThat(trace)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("X-HubSpot-RateLimit-Interval-Milliseconds: 1000000000000")
        .contains("100..60000");
  }

  @Test
  void negativeOrNonNumericHeadersAndARemainingAboveTheMaxAreIgnoredEachSaidOnce()
      throws InterruptedException {
    List<String> trace = new ArrayList<>();
    RateBudget budget = new RateBudget(100, true, clock, clock::advance, trace::add);

    budget.observe(
        LIST,
        ScriptedTransport.json(
            200,
            "{}",
            Map.of("X-HubSpot-RateLimit-Max", "-5", "X-HubSpot-RateLimit-Remaining", "lots")));
    budget.observe(
        LIST,
        ScriptedTransport.json(
            200,
            "{}",
            Map.of("X-HubSpot-RateLimit-Max", "190", "X-HubSpot-RateLimit-Remaining", "191")));
    budget.observe(
        LIST, ScriptedTransport.json(200, "{}", Map.of("X-HubSpot-RateLimit-Remaining", "-1")));

    assertThat(budget.perTenSeconds()).isEqualTo(187);
    assertThat(trace)
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("X-HubSpot-RateLimit-Max: -5"))
        .anySatisfy(line -> assertThat(line).contains("X-HubSpot-RateLimit-Remaining: lots"));
    assertThat(millisFor(budget, LIST, 187)).isZero(); // no remaining count was believed
  }

  @Test
  void aRetryAfterTooLongToSitThroughNeitherCrashesNorHoldsTheOtherRequests()
      throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);

    for (String retryAfter : List.of("9223372036854775807", "999999999", "121")) {
      budget.observe(
          LIST,
          ScriptedTransport.json(
              429, "{\"policyName\":\"TEN_SECONDLY_ROLLING\"}", Map.of("Retry-After", retryAfter)));
    }

    assertThat(millisFor(budget, LIST, 1)).isZero(); // the request's own step stops the run
  }

  private static ApiResponse ok(String... headers) {
    Map<String, String> all = new java.util.HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      all.put(headers[i], headers[i + 1]);
    }
    return ScriptedTransport.json(200, "{}", all);
  }

  private static ApiResponse remaining(int remaining) {
    return ok(
        "X-HubSpot-RateLimit-Max",
        "100",
        "X-HubSpot-RateLimit-Remaining",
        Integer.toString(remaining));
  }

  /** One association read: sent, answered 100 ms later. */
  private void read(RateBudget budget, ApiResponse answer) throws InterruptedException {
    budget.acquire(ASSOCIATIONS);
    clock.advance(Duration.ofMillis(100));
    budget.observe(ASSOCIATIONS, answer);
  }

  @Test
  void theSecondlyHeaderLimitsEveryRequestButSearchToItsCountPerSecond()
      throws InterruptedException {
    RateBudget budget = new RateBudget(190, true, clock, clock::advance);

    budget.observe(
        LIST,
        ok(
            "X-HubSpot-RateLimit-Max", "190",
            "X-HubSpot-RateLimit-Secondly", "19",
            "X-HubSpot-RateLimit-Secondly-Remaining", "18"));

    assertThat(budget.perSecond()).isEqualTo(19);
    assertThat(budget).hasToString("RateBudget[187 per 10000 ms, 19 per second]");
    assertThat(millisFor(budget, LIST, 19)).isEqualTo(18 * 52); // spread evenly, 1000 / 19 apart
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isEqualTo(1_025 - 18 * 52);
    assertThat(millisFor(budget, SEARCH, 5)).isZero();
    // 187 in the 10-second window come out over some 9 seconds, not at once
    assertThat(millisFor(budget, LIST, 187 - 20)).isBetween(8_000L, 10_500L);
  }

  @Test
  void untilTheSecondlyHeaderIsSeenThereIsNoPerSecondLimit() throws InterruptedException {
    RateBudget budget = new RateBudget(190, true, clock, clock::advance);

    budget.observe(LIST, ok("X-HubSpot-RateLimit-Max", "190"));

    assertThat(budget.perSecond()).isZero();
    assertThat(millisFor(budget, LIST, 187)).isZero();
  }

  @Test
  void aBudgetForATierHoldsATenthOfItPerSecondUntilHubSpotSaysTheAllowance()
      throws InterruptedException {
    RateBudget budget = RateBudget.forTier(190, true, clock, clock::advance, null);

    assertThat(budget.perSecond()).isEqualTo(19);
    // a run's first burst (every object's properties asked at once) spread over the second
    assertThat(millisFor(budget, LIST, 19)).isEqualTo(18 * 52);
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isEqualTo(1_025 - 18 * 52);

    budget.observe(LIST, ok("X-HubSpot-RateLimit-Secondly", "25"));
    assertThat(budget.perSecond()).isEqualTo(25);
  }

  @Test
  void whatWasSentBeforeTheRunsFirstAnswerCountsAsSentAtThatAnswer() throws InterruptedException {
    RateBudget budget = RateBudget.forTier(190, true, clock, clock::advance, null);
    millisFor(budget, LIST, 1);
    clock.advance(
        Duration.ofMillis(600)); // a cold connection: HubSpot may have counted it only now
    budget.observe(LIST, ok());

    assertThat(millisFor(budget, LIST, 18)).isEqualTo(17 * 52); // the first at 600
    // from 600, not from the send 600 ms before it
    assertThat(clock.millis() + millisFor(budget, LIST, 1)).isEqualTo(600 + 1_025);

    budget.observe(LIST, ok()); // later answers move nothing
    long second = clock.millis();
    millisFor(budget, LIST, 18);
    assertThat(clock.millis() + millisFor(budget, LIST, 1)).isEqualTo(second + 1_025);
  }

  @Test
  void sendsTakenJustBeforeAPauseOfTheJvmCountAsSentWhenItEnded() throws InterruptedException {
    JvmPauses pauses = new JvmPauses();
    RateBudget budget = new RateBudget(190, true, clock, clock::advance, null, pauses);
    budget.observe(LIST, ok("X-HubSpot-RateLimit-Secondly", "19"));
    clock.advance(Duration.ofMillis(1_000));
    long first = clock.millis();
    millisFor(budget, LIST, 1);
    // a young collection from 5 to 45 ms after that send: it left at 45 at the earliest
    pauses.add(first + 5, first + 45);

    millisFor(budget, LIST, 18);
    assertThat(clock.millis() + millisFor(budget, LIST, 1)).isEqualTo(first + 45 + 1_025);
  }

  @Test
  void aPauseOfTheJvmLongAfterASendMovesNothing() throws InterruptedException {
    JvmPauses pauses = new JvmPauses();
    RateBudget budget = new RateBudget(190, true, clock, clock::advance, null, pauses);
    budget.observe(LIST, ok("X-HubSpot-RateLimit-Secondly", "19"));
    clock.advance(Duration.ofMillis(1_000));
    long first = clock.millis();
    millisFor(budget, LIST, 1);
    pauses.add(first + 30, first + 45); // the send had 30 ms to leave: it did

    millisFor(budget, LIST, 18);
    assertThat(clock.millis() + millisFor(budget, LIST, 1)).isEqualTo(first + 1_025);
  }

  @Test
  void aSecondlyHeaderOutsideOneToAThousandIsIgnoredAndSaidOnce() throws InterruptedException {
    List<String> trace = new ArrayList<>();
    RateBudget budget = new RateBudget(100, true, clock, clock::advance, trace::add);

    for (String secondly : List.of("0", "1001", "lots", "-11")) {
      budget.observe(LIST, ok("X-HubSpot-RateLimit-Secondly", secondly));
    }

    assertThat(budget.perSecond()).isZero();
    assertThat(trace)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("ignoring X-HubSpot-RateLimit-Secondly: 0")
        .contains("1..1000");
    assertThat(millisFor(budget, LIST, 98)).isZero();
  }

  @Test
  void aSecondly429HoldsEveryRequestButSearchForASecond() throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);

    budget.observe(LIST, ScriptedTransport.json(429, "{\"policyName\":\"SECONDLY\"}", Map.of()));

    assertThat(millisFor(budget, SEARCH, 1)).isZero();
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isEqualTo(1_000);
    assertThat(millisFor(budget, LIST, 1)).isZero();
  }

  @Test
  void associationReadsDrawFromTheTenSecondWindowUntilHubSpotsAnswersShowTheyAreExempt()
      throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);
    millisFor(budget, LIST, 97);

    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isZero();
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isEqualTo(10_150);
  }

  @Test
  void threeAssociationReadsInARowWhoseRemainingDoesNotDropMakeTheExemptionHold()
      throws InterruptedException {
    List<String> trace = new ArrayList<>();
    RateBudget budget = new RateBudget(100, true, clock, clock::advance, trace::add);

    for (int i = 0; i < 1 + RateBudget.SHOWINGS; i++) { // the first is what the others compare with
      read(budget, remaining(100));
    }

    assertThat(millisFor(budget, LIST, 98 - 4)).isZero(); // the reads before were counted
    assertThat(millisFor(budget, ASSOCIATIONS, 500)).isZero();
    assertThat(trace)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("exempt from the 10-second window")
        .contains("Remaining did not drop");
  }

  @Test
  void aRemainingThatDropsAcrossAssociationReadsKeepsThemInTheWindow() throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);

    for (int i = 0; i < 10; i++) {
      read(budget, remaining(99 - i));
    }

    assertThat(millisFor(budget, LIST, 98 - 10)).isZero();
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isPositive();
  }

  @Test
  void aRemainingThatHoldsOnlyBecauseASendLeftTheWindowInBetweenIsNoShowing()
      throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);
    millisFor(budget, LIST, 1);
    budget.observe(LIST, ok()); // answered at once: it arrived when sent
    clock.advance(Duration.ofMillis(9_800));

    // each read is counted, and the list request leaving HubSpot's window makes up for one
    for (int i = 0; i < 4; i++) {
      read(budget, remaining(99));
    }

    assertThat(millisFor(budget, LIST, 98 - 4)).isZero(); // the list request has left ours too
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isPositive();
  }

  @Test
  void associationAnswersWithoutRateLimitHeadersShowTheExemptionOnceOtherAnswersCarryThem()
      throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);
    for (int i = 0; i < RateBudget.SHOWINGS; i++) {
      read(budget, ok()); // no answer carried headers yet: absence says nothing
    }
    assertThat(millisFor(budget, LIST, 98 - 3)).isZero();
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isPositive();

    budget.observe(LIST, remaining(0));
    for (int i = 0; i < RateBudget.SHOWINGS; i++) {
      read(budget, ok());
    }

    assertThat(millisFor(budget, ASSOCIATIONS, 500)).isZero();
  }

  @Test
  void aTenSecondly429OnAnExemptAssociationReadRevokesTheExemptionForTheRun()
      throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);
    budget.observe(LIST, remaining(98));
    for (int i = 0; i < RateBudget.SHOWINGS; i++) {
      read(budget, ok());
    }
    assertThat(millisFor(budget, ASSOCIATIONS, 200)).isZero();

    clock.advance(Duration.ofMillis(2_000));
    budget.observe(
        ASSOCIATIONS,
        ScriptedTransport.json(429, "{\"policyName\":\"TEN_SECONDLY_ROLLING\"}", Map.of()));
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isEqualTo(10_000);
    for (int i = 0; i < 2 * RateBudget.SHOWINGS; i++) {
      read(budget, ok()); // no longer weighed
    }

    millisFor(budget, LIST, 98 - 1 - 2 * RateBudget.SHOWINGS);
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isPositive();
  }

  @Test
  void associationAnswersNeitherSizeNorSpendTheTenSecondWindowWhileTheyMayBeExempt()
      throws InterruptedException {
    RateBudget budget = new RateBudget(100, true, clock, clock::advance);

    budget.observe(
        ASSOCIATIONS,
        ok(
            "X-HubSpot-RateLimit-Max", "250",
            "X-HubSpot-RateLimit-Interval-Milliseconds", "10000",
            "X-HubSpot-RateLimit-Remaining", "0"));

    assertThat(budget.perTenSeconds()).isEqualTo(98);
    assertThat(millisFor(budget, LIST, 98)).isZero();
  }

  @Test
  void associationReadsShownExemptFromTheWindowGoUnpacedByItsSecondTooUntilA429SecondlySaysNot()
      throws InterruptedException {
    List<String> trace = new ArrayList<>();
    RateBudget budget = RateBudget.forTier(100, true, clock, clock::advance, trace::add);
    budget.observe(LIST, remaining(98));
    for (int i = 0; i < RateBudget.SHOWINGS; i++) {
      read(budget, ok());
      clock.advance(
          Duration.ofMillis(1_000)); // each read in a second of its own, under the allowance of 10
    }
    millisFor(budget, LIST, 10); // the second is full
    clock.advance(Duration.ofMillis(100)); // and the next even gap past

    assertThat(millisFor(budget, ASSOCIATIONS, 200)).isZero();

    clock.advance(Duration.ofMillis(2_000));
    budget.observe(
        ASSOCIATIONS, ScriptedTransport.json(429, "{\"policyName\":\"SECONDLY\"}", Map.of()));
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isEqualTo(1_000);
    // the second binds them again: 10 in it, spread evenly
    assertThat(millisFor(budget, ASSOCIATIONS, 9)).isEqualTo(9 * 100);
    assertThat(millisFor(budget, ASSOCIATIONS, 1)).isPositive();
    assertThat(trace)
        .anySatisfy(line -> assertThat(line).contains("answered 429 SECONDLY"))
        .anySatisfy(line -> assertThat(line).contains("per-second allowance"));
  }

  /**
   * Association reads interleaved with list requests, as in a pull: each read answered with
   * HubSpot's count of its window, which holds the list requests and, if {@code counted}, the
   * reads.
   */
  private void readsAmidLists(RateBudget budget, boolean counted) throws InterruptedException {
    int lists = 40;
    millisFor(budget, LIST, lists);
    int reads = 0;
    for (int i = 0; i < RateBudget.READS_TO_TELL + RateBudget.SHOWINGS; i++) {
      budget.acquire(LIST);
      lists++;
      budget.acquire(ASSOCIATIONS);
      reads++;
      clock.advance(Duration.ofMillis(100));
      int inWindow = lists + (counted ? reads : 0);
      budget.observe(
          ASSOCIATIONS,
          ok(
              "X-HubSpot-RateLimit-Max",
              "100",
              "X-HubSpot-RateLimit-Remaining",
              Integer.toString(100 - inWindow)));
    }
  }

  @Test
  void readsThatHubSpotsCountOfItsWindowLeavesOutAreShownExemptAmidSteadyTraffic()
      throws InterruptedException {
    List<String> trace = new ArrayList<>();
    RateBudget budget = new RateBudget(100, true, clock, clock::advance, trace::add);

    readsAmidLists(budget, false);

    assertThat(trace).anySatisfy(line -> assertThat(line).contains("left out the"));
    assertThat(millisFor(budget, ASSOCIATIONS, 500)).isZero();
  }

  @Test
  void readsThatHubSpotsCountOfItsWindowHoldsStayInTheWindow() throws InterruptedException {
    List<String> trace = new ArrayList<>();
    RateBudget budget = new RateBudget(100, true, clock, clock::advance, trace::add);

    readsAmidLists(budget, true);

    assertThat(trace).noneSatisfy(line -> assertThat(line).contains("exempt"));
    assertThat(millisFor(budget, ASSOCIATIONS, 98)).isPositive();
  }
}
