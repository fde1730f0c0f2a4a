package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.sandbox.RecordedRequest;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large object pulled from both ends at once: the list from the bottom, search from the top. */
class SearchSplitTest {
  @TempDir Path tmp;

  @Test
  void theTwoWalksMeetInTheMiddleAndWriteExactlyTheFileTheListAloneWrites() throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder().records(4_000).latencyMillis(20).recordRequests(10_000).start()) {
      Path split = tmp.resolve("split");
      Path listOnly = tmp.resolve("list-only");

      Cli.Run run = Cli.pull(sandbox, split, "--objects", "contacts", "--associations", "none");
      List<RecordedRequest> requests = sandbox.requests();
      Cli.Run plain =
          Cli.pull(
              sandbox,
              listOnly,
              "--objects",
              "contacts",
              "--associations",
              "none",
              "--no-search-split");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(plain.exitCode()).as(plain.toString()).isZero();
      PortalChecks.objectFileMatchesPortal(split, sandbox.portal(), "contacts", Long.MAX_VALUE);
      assertThat(Files.readAllBytes(split.resolve("contacts.csv")))
          .isEqualTo(Files.readAllBytes(listOnly.resolve("contacts.csv")));
      long pages = (sandbox.portal().count("contacts") + 99) / 100;
      long listed =
          requests.stream().filter(r -> r.path().equals("/crm/v3/objects/contacts")).count();
      long searched = requests.stream().filter(r -> r.path().endsWith("/search")).count();
      assertThat(searched).as("search pages").isGreaterThan(1);
      assertThat(listed).as("list pages, a few asked for ahead").isLessThan(pages);
      assertThat(Files.list(split)).noneMatch(file -> file.toString().endsWith(".partial"));
    }
  }

  @Test
  void aSideFileThatAKilledRunLeftBehindIsDiscardedEvenByARunThatDoesNotWalk() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(150).start()) {
      Path out = tmp.resolve("out");
      Files.createDirectories(out);
      Files.writeString(out.resolve("contacts.csv.top.partial"), "1,stale,row\r\n");

      // this run does not walk (as when a resumed run has only the list's last page left)
      Cli.Run run =
          Cli.pull(
              sandbox, out, "--objects", "contacts", "--associations", "none", "--no-search-split");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
      assertThat(Files.list(out)).noneMatch(file -> file.toString().endsWith(".partial"));
    }
  }
}
