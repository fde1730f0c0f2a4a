package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped pull whose unfinished file was damaged in place before the resume (same size, other
 * bytes, as two writers or a faulty disk leave it): the file is fetched again, never continued or
 * renamed into place, and the resumed output is a fresh pull's.
 */
class DamagedResumeTest {
  @TempDir Path tmp;
  private Sandbox sandbox;
  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().records(1_000).seed(5).start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void anUnfinishedFileOverwrittenWithZerosIsFetchedAgain() throws Exception {
    Path out = tmp.resolve("damaged");
    AtomicInteger pages = new AtomicInteger();
    RunResult stopped =
        pull(out, "contacts", request -> isNextPage(request) && pages.incrementAndGet() == 4);
    assertThat(stopped.failures()).as("the first run stopped").isNotEmpty();
    Path partial = FolderLayout.partialOf(out.resolve("contacts.csv"));
    assertThat(savedRows(out, "contacts")).as("rows the stopped run kept").isPositive();

    zeroed(partial);
    RunResult resumed = pull(out, "contacts", request -> false);

    assertThat(resumed.failures()).isEmpty();
    assertThat(Files.readAllBytes(out.resolve("contacts.csv"))).isEqualTo(fresh("contacts.csv"));
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains(partial.toString())
        .contains("does not hold what its checkpoint says");
  }

  @Test
  void anUnfinishedFileOfAFinishedObjectKilledBeforeItsRenameIsNotRenamedWhenDamaged()
      throws Exception {
    Path out = tmp.resolve("complete");
    // the second object stops the run once the first is complete
    RunResult stopped =
        pull(
            out,
            "contacts,companies",
            request -> isNextPage(request) && Files.exists(out.resolve("contacts.csv")));
    assertThat(stopped.failures()).as("the first run stopped").isNotEmpty();
    assertThat(Files.readString(FolderLayout.of(out).stateFolder().resolve("contacts.json")))
        .contains("\"complete\":true");
    // what a kill between the checkpoint saying complete and the rename leaves, then damaged
    Path partial = FolderLayout.partialOf(out.resolve("contacts.csv"));
    Files.move(out.resolve("contacts.csv"), partial);
    zeroed(partial);

    RunResult resumed = pull(out, "contacts,companies", request -> false);

    assertThat(resumed.failures()).isEmpty();
    assertThat(Files.readAllBytes(out.resolve("contacts.csv"))).isEqualTo(fresh("contacts.csv"));
    assertThat(warnings).anyMatch(warning -> warning.contains(partial.toString()));
  }

  private static long savedRows(Path out, String task) throws IOException {
    return new ObjectMapper()
        .readTree(FolderLayout.of(out).stateFolder().resolve(task + ".json").toFile())
        .path("rows")
        .asLong();
  }

  /** Every byte of the file turned to NUL, its size kept. */
  private static void zeroed(Path file) throws IOException {
    Files.write(file, new byte[(int) Files.size(file)]);
  }

  /** A list page after an object's first. */
  private static boolean isNextPage(ApiRequest request) {
    return request.pathAndQuery().startsWith("/crm/v3/objects/")
        && request.pathAndQuery().contains("after=");
  }

  /** The file as a pull that nothing stopped writes it. */
  private byte[] fresh(String file) throws IOException {
    Path out = tmp.resolve("fresh");
    assertThat(pull(out, "contacts,companies", request -> false).failures()).isEmpty();
    return Files.readAllBytes(out.resolve(file));
  }

  /**
   * A resumable pull of {@code objects} by one cursor each, one object at a time (state kept as the
   * command line keeps it), stopped as by the daily limit at the first request {@code stopAt}
   * accepts.
   */
  private RunResult pull(Path out, String objects, Predicate<ApiRequest> stopAt) {
    HubSpotClient client =
        SandboxPulls.clientThrough(
            sandbox,
            real ->
                request -> {
                  if (stopAt.test(request)) {
                    throw new HubSpotException(FailureCategory.RATE_LIMIT, "daily limit");
                  }
                  return real.send(request);
                });
    Plan plan =
        SandboxPulls.plan(
            client, SandboxPulls.objectsOnly(out, new ReadOptions(1, false), objects.split(",")));
    return SandboxPulls.resumablePull(client, plan, 1, Clock.systemUTC(), warnings::add);
  }
}
