package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pull from a HubSpot whose list pages stray from id order: shuffled, a record sent a page late,
 * another sent twice (the sandbox's {@code unordered-page} fault). With one cursor or several, the
 * file holds every record once, in id order ({@link Stragglers}, {@link MergeById}); the run counts
 * how far the list strayed; and a pull stopped with stragglers saved resumes to the same file. A
 * pair whose from-object is not pulled, and so pages that object's ids from HubSpot ({@link
 * ListedIds}), loses no link either.
 */
class UnorderedListTest {
  @TempDir Path tmp;

  private static Sandbox unordered(double rate) {
    return Sandbox.builder()
        .records(3_000)
        .faults(FaultPlan.parse("unordered-page=" + rate))
        .start();
  }

  @ParameterizedTest(name = "cursors {0}")
  @ValueSource(ints = {1, ReadOptions.DEFAULT_CURSORS})
  void everyRecordIsWrittenOnceInIdOrderAndHowFarTheListStrayedIsCounted(int cursors) {
    try (Sandbox sandbox = unordered(0.5)) {
      Path out = tmp.resolve("out");

      RunResult result = pull(sandbox, out, cursors, request -> false);

      assertThat(result.failures()).isEmpty();
      PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
      ListOrder contacts = result.objects().get(0).listOrder();
      assertThat(contacts.duplicateIdsDropped()).as("records sent twice").isPositive();
      assertThat(contacts.idsOutOfOrder())
          .as("each dropped one came out of order")
          .isGreaterThan(contacts.duplicateIdsDropped());
      assertThat(out.resolve(FolderLayout.PRIVATE_FOLDER)).doesNotExist();
    }
  }

  @Test
  void aPairWhoseFromObjectIsNotPulledLosesNoLinkAndCountsHowFarThatObjectsListStrayed() {
    try (Sandbox sandbox = unordered(1)) {
      Path out = tmp.resolve("out");
      HubSpotClient client = SandboxPulls.clientThrough(sandbox, real -> real);
      PullRequest companiesAndTheirContacts =
          SandboxPulls.request(
              out,
              List.of("companies"),
              new AssociationSelection.Listed(
                  List.of(new AssociationSelection.Pair("contacts", "companies", List.of()))),
              ReadOptions.DEFAULT);

      RunResult result =
          SandboxPulls.resumablePull(
              client, SandboxPulls.plan(client, companiesAndTheirContacts), 2);

      assertThat(result.failures()).isEmpty();
      List<Long> fromIds =
          PortalChecks.pairFileMatchesPortal(
                  out, sandbox.portal(), "contacts", "companies", List.of())
              .stream()
              .map(row -> Long.parseLong(row.get(0)))
              .toList();
      assertThat(fromIds).as("in from-id order").isSorted();
      ListOrder pair = result.associations().get(0).listOrder();
      assertThat(pair.duplicateIdsDropped()).as("contacts sent twice").isPositive();
      assertThat(pair.idsOutOfOrder())
          .as("each dropped one came out of order")
          .isGreaterThan(pair.duplicateIdsDropped());
    }
  }

  @ParameterizedTest(name = "cursors {0}")
  @ValueSource(ints = {1, ReadOptions.DEFAULT_CURSORS})
  void aPullStoppedWithStragglersSavedResumesToTheSameFile(int cursors) throws Exception {
    try (Sandbox sandbox = unordered(1)) {
      Path out = tmp.resolve("out");

      RunResult stopped = stoppedAfterTwelvePages(sandbox, out, cursors);

      assertThat(stopped.failures()).as("the first run stopped").isNotEmpty();
      JsonNode saved =
          new ObjectMapper()
              .readTree(
                  FolderLayout.of(out).stateFolder().resolve("contacts.stragglers.json").toFile());
      assertThat(saved.path("bytes").asLong()).as("stragglers saved").isPositive();
      assertThat(FolderLayout.partialOf(out.resolve("contacts.csv.stragglers"))).isNotEmptyFile();

      RunResult resumed = pull(sandbox, out, cursors, request -> false);

      assertThat(resumed.failures()).isEmpty();
      PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
      assertThat(resumed.objects().get(0).listOrder().idsOutOfOrder())
          .as("counted by both runs")
          .isGreaterThanOrEqualTo(saved.path("position").asLong());
      assertThat(out.resolve(FolderLayout.PRIVATE_FOLDER)).doesNotExist();
    }
  }

  @ParameterizedTest(name = "cursors {0}")
  @ValueSource(ints = {1, ReadOptions.DEFAULT_CURSORS})
  void aStoppedPullWhoseStragglersAreGoneReadsTheObjectAfresh(int cursors) throws Exception {
    try (Sandbox sandbox = unordered(1)) {
      Path out = tmp.resolve("out");
      RunResult stopped = stoppedAfterTwelvePages(sandbox, out, cursors);
      assertThat(stopped.failures()).isNotEmpty();
      Files.delete(FolderLayout.partialOf(out.resolve("contacts.csv.stragglers")));

      RunResult resumed = pull(sandbox, out, cursors, request -> false);

      assertThat(resumed.failures()).isEmpty();
      PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
    }
  }

  @ParameterizedTest(name = "cursors {0}")
  @ValueSource(ints = {1, ReadOptions.DEFAULT_CURSORS})
  void aPullOfAtMostNRecordsWritesAtMostNWithStragglersMergedIn(int cursors) {
    try (Sandbox sandbox = unordered(1)) {
      Path out = tmp.resolve("out");
      HubSpotClient client = SandboxPulls.clientThrough(sandbox, real -> real);
      PullRequest atMost250 =
          new PullRequest(
              List.of("contacts"),
              new AssociationSelection.None(),
              List.of(),
              OptionalLong.of(250),
              out,
              Set.of(),
              new ReadOptions(cursors, false));

      RunResult result =
          SandboxPulls.resumablePull(client, SandboxPulls.plan(client, atMost250), 2);

      assertThat(result.failures()).isEmpty();
      List<Long> ids =
          PulledCsv.rows(out.resolve("contacts.csv")).stream()
              .skip(1)
              .map(row -> Long.parseLong(row.get(0)))
              .toList();
      assertThat(ids).hasSize(250).isSorted().doesNotHaveDuplicates();
    }
  }

  /** A pull of contacts that meets the day's limit after twelve list pages. */
  private static RunResult stoppedAfterTwelvePages(Sandbox sandbox, Path out, int cursors) {
    AtomicInteger pages = new AtomicInteger();
    return pull(
        sandbox,
        out,
        cursors,
        request ->
            request.pathAndQuery().startsWith("/crm/v3/objects/contacts?")
                && pages.incrementAndGet() > 12);
  }

  /**
   * A resumable pull of contacts (state kept as the command line keeps it) through a wire that
   * answers the requests {@code dailyLimit} picks with HubSpot's daily limit.
   */
  private static RunResult pull(
      Sandbox sandbox, Path out, int cursors, Predicate<ApiRequest> dailyLimit) {
    HubSpotClient client =
        SandboxPulls.clientThrough(
            sandbox,
            real ->
                request -> {
                  if (dailyLimit.test(request)) {
                    throw new HubSpotException(FailureCategory.RATE_LIMIT, "daily limit");
                  }
                  return real.send(request);
                });
    return SandboxPulls.resumablePull(
        client,
        SandboxPulls.plan(
            client, SandboxPulls.objectsOnly(out, new ReadOptions(cursors, false), "contacts")),
        2);
  }
}
