package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.PulledManifests;
import dev.hubspotextract.extract.SameOutput;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull into a folder holding an earlier one replaces it whole once complete, deleting only what
 * the tool wrote; {@code sql} and {@code join} read exactly the tables the manifest lists and say
 * why a table file beside them is none.
 */
class FolderAndManifestAgreeTest {
  @TempDir Path tmp;

  @Test
  void aPullOfFewerObjectsReplacesTheEarlierPullWholeOnceItIsComplete() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    try (Sandbox full = Sandbox.builder().records(1_000).seed(5).start();
        Sandbox limited =
            Sandbox.builder()
                .records(1_000)
                .seed(5)
                .rateLimit(RateLimitTier.ENTERPRISE)
                .dailyLimit(8) // 3 requests plan contacts, the rest pull some of its pages
                .clock(clock)
                .start()) {
      Path out = tmp.resolve("out");
      assertThat(Cli.pull(full, out, "--objects", "contacts,companies,deals").exitCode()).isZero();
      List<String> earlier = SameOutput.files(out);
      Files.writeString(out.resolve("notes.partial"), "the user's own\n");
      Files.writeString(out.resolve("budget.csv"), "a table the tool did not write\r\n");
      // one cursor: what a day's requests read is then saved, where several cursors reading at
      // once can each lose the page the limit cut short, day after day
      String[] fewer = {"--objects", "contacts", "--associations", "none", "--cursors", "1"};

      Cli.Run stopped = Cli.pull(limited, out, fewer);

      assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(6);
      assertThat(SameOutput.files(out))
          .as("nothing of the earlier pull is removed before the new one is complete")
          .containsAll(earlier);

      Cli.Run finished;
      int days = 0;
      do {
        clock.advance(Duration.ofDays(1)); // the next day: the daily limit starts afresh
        days++;
        finished = Cli.pull(limited, out, fewer);
      } while (finished.exitCode() == 6 && days < 20);

      assertThat(finished.exitCode()).as(finished.toString()).isZero();
      List<String> removed = new ArrayList<>(earlier);
      removed.removeAll(SameOutput.withReferenceFiles("contacts.csv", "manifest.json"));
      assertThat(removed).contains("deals.csv", "companies.csv", "deals_companies.csv");
      assertThat(SameOutput.files(out))
          .containsExactlyInAnyOrderElementsOf(
              SameOutput.withReferenceFiles(
                  "budget.csv", "contacts.csv", "manifest.json", "notes.partial"));
      assertThat(Files.readString(out.resolve("notes.partial"))).isEqualTo("the user's own\n");
      assertThat(PulledManifests.read(out).removed()).containsExactlyElementsOf(removed);
      assertThat(finished.out())
          .contains("removed from " + out)
          .contains(String.join(", ", removed));
    }
  }

  @Test
  void sqlAndJoinReadExactlyTheManifestsTablesAndSayWhyAFileBesideThemIsNone() throws IOException {
    try (Sandbox sandbox = Sandbox.builder().records(300).start()) {
      Path out = tmp.resolve("out");
      Path other = tmp.resolve("other");
      assertThat(
              Cli.pull(sandbox, out, "--objects", "contacts,companies", "--associations", "none"))
          .extracting(Cli.Run::exitCode)
          .isEqualTo(0);
      assertThat(Cli.pull(sandbox, other, "--objects", "contacts,companies,deals"))
          .extracting(Cli.Run::exitCode)
          .isEqualTo(0);
      // left by another pull, or put there by hand: not in the manifest
      for (String file : List.of("deals.csv", "companies_contacts.csv")) {
        Files.copy(other.resolve(file), out.resolve(file));
      }
      String in = out.toString();

      Cli.Run sql = Cli.run("sql", "--in", in, "SELECT count(*) FROM deals");
      Cli.Run tables = Cli.run("sql", "--in", in, "--tables");
      Cli.Run joinObject = Cli.run("join", "contacts", "deals", "--in", in);
      Cli.Run joinPair = Cli.run("join", "companies", "contacts", "--in", in);

      String dealsUnlisted =
          out.resolve("deals.csv") + " is in the folder but not in its manifest.json";
      assertThat(sql.exitCode()).as(sql.toString()).isEqualTo(2);
      assertThat(sql.err())
          .contains("no table deals: " + dealsUnlisted)
          .contains("an earlier pull or another program")
          .doesNotContain("pg_tablespace");
      assertThat(tables.exitCode()).as(tables.toString()).isZero();
      assertThat(
              tables
                  .out()
                  .lines()
                  .skip(2) // the header and its rule
                  .filter(row -> row.contains("|"))
                  .map(row -> row.substring(0, row.indexOf('|')).strip())
                  .distinct())
          .containsExactly(
              "companies",
              "contacts",
              "owners",
              "pipeline_stages",
              "pipelines",
              "properties",
              "property_options");
      assertThat(tables.err())
          .contains(dealsUnlisted)
          .contains(out.resolve("companies_contacts.csv") + " is in the folder but not in");
      assertThat(joinObject.exitCode()).as(joinObject.toString()).isEqualTo(2);
      assertThat(joinObject.err()).contains("no table deals: " + dealsUnlisted);
      assertThat(joinPair.exitCode()).as(joinPair.toString()).isEqualTo(2);
      assertThat(joinPair.err())
          .contains("no association file links companies to contacts: ")
          .contains(out.resolve("companies_contacts.csv") + " is in the folder but not in");
    }
  }
}
