package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.PortalChecks;
import dev.hubspotextract.extract.PulledCsv;
import dev.hubspotextract.extract.PulledManifests;
import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.PortalRecord;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default pull against a portal as unruly as HubSpot: records created, changed and archived
 * while it runs (their ids anywhere, not only at the top), search lagging far behind and leaving
 * holes in its pages. It writes every record that existed when it started and was not archived
 * before it ended, once, in ascending id order.
 */
class UnrulyPortalTest {
  @TempDir Path tmp;

  @Test
  void everyRecordThatLivedThroughThePullIsWrittenOnceWhateverSearchShows() throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(6_000)
            .latencyMillis(3)
            .churnPerSecond(1_500) // some contacts surely archived in a pull of a second or less
            .searchLag(Duration.ofMinutes(5)) // longer than the pull
            .faults(FaultPlan.parse("search-hole=0.5"))
            .start()) {
      Set<String> before = ids(sandbox);
      Path out = tmp.resolve("out");

      Cli.Run run = Cli.pull(sandbox, out, "--objects", "contacts", "--associations", "none");

      Set<String> after = ids(sandbox);
      assertThat(run.exitCode()).as(run.toString()).isZero();
      List<String> written =
          PulledCsv.rows(out.resolve("contacts.csv")).stream()
              .skip(1)
              .map(row -> row.get(0))
              .toList();
      Set<String> lived = new HashSet<>(before);
      lived.retainAll(after);
      assertThat(lived).as("churn ran during the pull").hasSizeLessThan(before.size());
      assertThat(new HashSet<>(written)).as("no record twice").hasSize(written.size());
      // differences of sets, not AssertJ's containsAll, which compares every pair of 6,000 ids
      assertThat(missing(lived, written)).as("records that lived through the pull").isEmpty();
      assertThat(written.stream().map(Long::parseLong).toList()).isSorted();
      Set<String> ever = new HashSet<>(before);
      ever.addAll(after);
      sandbox.portal().archivedRecords("contacts").forEach(record -> ever.add(record.id()));
      assertThat(missing(written, ever)).as("records written that never existed").isEmpty();
    }
  }

  @Test
  void anObjectHubSpotKeepsFailingFailsAloneAndTheRestIsWritten() throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder().records(300).broken(Set.of("feedback_submissions")).start()) {
      Path out = tmp.resolve("out");

      Cli.Run run = Cli.pull(sandbox, out, "--max-retries", "1");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
      assertThat(run.err()).contains("feedback_submissions: HubSpot answered 500");
      assertThat(PulledManifests.read(out).failures())
          .extracting(Manifest.Failure::object)
          .containsExactly("feedback_submissions");
      PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
      PortalChecks.pairFileMatchesPortal(out, sandbox.portal(), "deals", "companies", List.of());
    }
  }

  @Test
  void whenTheFirstThreeObjectsFailTheSameWayTheRunStopsInsteadOfTryingEveryOther() {
    try (Sandbox sandbox =
        Sandbox.builder().records(300).broken(Set.of("contacts", "companies", "deals")).start()) {
      Cli.Run run =
          Cli.pull(
              sandbox,
              tmp.resolve("out"),
              "--objects",
              "contacts,companies,deals,tickets,notes",
              "--threads",
              "1",
              "--max-retries",
              "0");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
      assertThat(run.err()).contains("the first three objects all failed (external)");
      assertThat(sandbox.requests())
          .noneMatch(request -> request.path().startsWith("/crm/v3/objects/notes"));
    }
  }

  /** Those of {@code ids} that {@code in} lacks. */
  private static Set<String> missing(Collection<String> ids, Collection<String> in) {
    Set<String> missing = new HashSet<>(ids);
    missing.removeAll(new HashSet<>(in));
    return missing;
  }

  private static Set<String> ids(Sandbox sandbox) {
    return sandbox.portal().records("contacts").map(PortalRecord::id).collect(Collectors.toSet());
  }
}
