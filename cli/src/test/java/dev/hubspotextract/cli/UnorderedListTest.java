package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.PortalChecks;
import dev.hubspotextract.extract.PulledCsv;
import dev.hubspotextract.extract.PulledManifests;
import dev.hubspotextract.extract.ReadOptions;
import dev.hubspotextract.extract.RunResult;
import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pull from a HubSpot whose list pages stray from id order: shuffled, a record sent a page late,
 * another sent twice (the sandbox's {@code unordered-page} fault). With one cursor or several, the
 * file holds every record once, in id order; the manifest and {@code --verbose} say how far the
 * list strayed; and a pull stopped with stragglers saved resumes to the same file. A pair whose
 * from-object is not pulled, and so pages that object's ids from HubSpot, loses no link either.
 */
class UnorderedListTest {
  @TempDir Path tmp;

  private static Sandbox unordered(double rate) {
    return Sandbox.builder()
        .records(3_000)
        .faults(FaultPlan.parse("unordered-page=" + rate))
        .start();
  }

  @ParameterizedTest(name = "--cursors {0}")
  @ValueSource(ints = {1, ReadOptions.DEFAULT_CURSORS})
  void everyRecordIsWrittenOnceInIdOrderAndHowFarTheListStrayedIsReported(int cursors)
      throws Exception {
    try (Sandbox sandbox = unordered(0.5)) {
      Path out = tmp.resolve("out");

      Cli.Run run =
          Cli.pull(
              sandbox,
              out,
              "--objects",
              "contacts",
              "--associations",
              "none",
              "--cursors",
              String.valueOf(cursors),
              "--verbose");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
      Manifest.ObjectEntry contacts = PulledManifests.object(out, "contacts");
      long outOfOrder = contacts.idsOutOfOrder();
      long dropped = contacts.duplicateIdsDropped();
      assertThat(dropped).as("records sent twice").isPositive();
      assertThat(outOfOrder).as("each dropped one came out of order").isGreaterThan(dropped);
      assertThat(run.err())
          .contains(
              "list order: contacts: out of id order "
                  + outOfOrder
                  + ", duplicate ids dropped "
                  + dropped);
      assertThat(out.resolve(FolderLayout.PRIVATE_FOLDER)).doesNotExist();
    }
  }

  @Test
  void aPairWhoseFromObjectIsNotPulledLosesNoLinkAndSaysHowFarThatObjectsListStrayed()
      throws Exception {
    try (Sandbox sandbox = unordered(1)) {
      Path out = tmp.resolve("out");

      Cli.Run run =
          Cli.pull(
              sandbox,
              out,
              "--objects",
              "companies",
              "--associations",
              "contacts:companies",
              "--verbose");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      List<Long> fromIds =
          PortalChecks.pairFileMatchesPortal(
                  out, sandbox.portal(), "contacts", "companies", List.of())
              .stream()
              .map(row -> Long.parseLong(row.get(0)))
              .toList();
      assertThat(fromIds).as("in from-id order").isSorted();
      JsonNode pair =
          new ObjectMapper()
              .readTree(out.resolve("manifest.json").toFile())
              .path("associations")
              .get(0);
      long outOfOrder = pair.path("idsOutOfOrder").asLong();
      long dropped = pair.path("duplicateIdsDropped").asLong();
      assertThat(dropped).as("contacts sent twice").isPositive();
      assertThat(outOfOrder).as("each dropped one came out of order").isGreaterThan(dropped);
      assertThat(run.err())
          .contains(
              "list order: contacts_companies: out of id order "
                  + outOfOrder
                  + ", duplicate ids dropped "
                  + dropped);
    }
  }

  @ParameterizedTest(name = "--cursors {0}")
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

  @ParameterizedTest(name = "--cursors {0}")
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

  @ParameterizedTest(name = "--cursors {0}")
  @ValueSource(ints = {1, ReadOptions.DEFAULT_CURSORS})
  void aPullOfAtMostNRecordsWritesAtMostNWithStragglersMergedIn(int cursors) {
    try (Sandbox sandbox = unordered(1)) {
      Path out = tmp.resolve("out");

      Cli.Run run =
          Cli.pull(
              sandbox,
              out,
              "--objects",
              "contacts",
              "--associations",
              "none",
              "--count",
              "250",
              "--cursors",
              String.valueOf(cursors));

      assertThat(run.exitCode()).as(run.toString()).isZero();
      List<Long> ids =
          PulledCsv.rows(out.resolve("contacts.csv")).stream()
              .skip(1)
              .map(row -> Long.parseLong(row.get(0)))
              .toList();
      assertThat(ids).hasSize(250).isSorted().doesNotHaveDuplicates();
    }
  }

  /** A pull of contacts that meets the day's limit after twelve list pages. */
  private static RunResult stoppedAfterTwelvePages(Sandbox sandbox, Path out, int cursors)
      throws IOException {
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
      Sandbox sandbox, Path out, int cursors, Predicate<ApiRequest> dailyLimit) throws IOException {
    HubSpotClient client =
        Cli.clientThrough(
            sandbox,
            real ->
                request -> {
                  if (dailyLimit.test(request)) {
                    throw new HubSpotException(FailureCategory.RATE_LIMIT, "daily limit");
                  }
                  return real.send(request);
                });
    return Cli.resumablePull(
        client,
        Cli.plan(client, out, List.of("contacts"), "none", new ReadOptions(cursors, false)),
        2);
  }
}
