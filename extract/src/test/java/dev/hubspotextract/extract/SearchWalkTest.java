package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.Transport;
import dev.hubspotextract.sandbox.RecordedRequest;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large object read as a {@link ReadMode.SearchWalk} ({@code --search-walk}), pulled from both
 * ends at once: the list from the bottom, search from the top ({@link TopWalk}).
 */
class SearchWalkTest {
  @TempDir Path tmp;

  @Test
  void theTwoWalksMeetInTheMiddleAndWriteExactlyTheFileTheListAloneWrites() throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder().records(4_000).latencyMillis(20).recordRequests(10_000).start()) {
      Path split = tmp.resolve("split");
      Path listOnly = tmp.resolve("list-only");

      RunResult walked = pullContacts(sandbox, split, true, wire -> wire);
      List<RecordedRequest> requests = sandbox.requests();
      RunResult plain = pullContacts(sandbox, listOnly, false, wire -> wire);

      assertThat(walked.failures()).isEmpty();
      assertThat(plain.failures()).isEmpty();
      PortalChecks.objectFileMatchesPortal(split, sandbox.portal(), "contacts", Long.MAX_VALUE);
      assertThat(Files.readAllBytes(split.resolve("contacts.csv")))
          .isEqualTo(Files.readAllBytes(listOnly.resolve("contacts.csv")));
      long pages = (sandbox.portal().count("contacts") + 99) / 100;
      long listed =
          requests.stream().filter(r -> r.path().equals("/crm/v3/objects/contacts")).count();
      long searched = requests.stream().filter(r -> r.path().endsWith("/search")).count();
      assertThat(searched).as("search pages").isGreaterThan(1);
      assertThat(listed).as("list pages, a few asked for ahead").isLessThan(pages);
      try (Stream<Path> files = Files.list(split)) {
        assertThat(files).noneMatch(file -> file.toString().endsWith(".partial"));
      }
      assertThat(FolderLayout.partialOf(split.resolve("contacts.csv.top"))).doesNotExist();
    }
  }

  @Test
  void aSideFileThatAKilledRunLeftBehindIsDiscardedEvenByARunThatDoesNotWalk() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(150).start()) {
      Path out = tmp.resolve("out");
      // the tool's own folders, owner-only as a killed run leaves them: they are kept as they are
      OutputFolder.privateFolder(OutputFolder.prepare(out, FileMode.PRIVATE, warning -> {}));
      Path sideFile = FolderLayout.partialOf(out.resolve("contacts.csv.top"));
      Files.writeString(sideFile, "1,stale,row\r\n");

      // this run does not walk (as when a resumed run has only the list's last page left); it
      // keeps no state, whose opening would empty the unfinished folder before the object starts
      RunResult run = pullContacts(sandbox, out, false, wire -> wire);

      assertThat(run.failures()).isEmpty();
      PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
      assertThat(sideFile).doesNotExist();
    }
  }

  @Test
  void aRecordSearchDidNotShowYetWhenTheWalkStartedIsFetchedAtTheEnd() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(3_000).latencyMillis(5).start()) {
      Path split = tmp.resolve("split");
      Path listOnly = tmp.resolve("list-only");

      RunResult lagging =
          pullContacts(sandbox, split, true, SearchWalkTest::hidingTheTopOfTheFirstSearch);
      RunResult plain = pullContacts(sandbox, listOnly, false, wire -> wire);

      assertThat(lagging.failures()).isEmpty();
      assertThat(plain.failures()).isEmpty();
      assertThat(Files.readAllBytes(split.resolve("contacts.csv")))
          .isEqualTo(Files.readAllBytes(listOnly.resolve("contacts.csv")));
    }
  }

  private static RunResult pullContacts(
      Sandbox sandbox, Path out, boolean searchWalk, UnaryOperator<Transport> wire) {
    HubSpotClient client = SandboxPulls.clientThrough(sandbox, wire);
    Plan plan =
        SandboxPulls.plan(
            client, SandboxPulls.objectsOnly(out, new ReadOptions(1, searchWalk), "contacts"));
    return SandboxPulls.pull(client, plan, 2);
  }

  /**
   * The first search from the top answers without its highest record, as HubSpot does for a record
   * created moments before ("a few moments" to appear in search, hubspot-api.md §6).
   */
  private static Transport hidingTheTopOfTheFirstSearch(Transport wire) {
    AtomicBoolean hidden = new AtomicBoolean();
    ObjectMapper json = new ObjectMapper();
    return request -> {
      ApiResponse response = wire.send(request);
      if (!request.path().endsWith("/search") || hidden.getAndSet(true)) {
        return response;
      }
      try {
        ObjectNode body = (ObjectNode) json.readTree(response.body());
        ((ArrayNode) body.get("results")).remove(0);
        return new ApiResponse(
            response.status(),
            Map.of("Content-Type", List.of("application/json")),
            json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
