package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.Transport;
import dev.hubspotextract.sandbox.PortalRecord;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An association pair stopped after two batches of from-ids and resumed after the from-ids changed
 * below that point: the resumed file is a fresh pull's, every link once.
 */
class AssociationResumeTest {
  private static final String BATCH_READ = "/crm/v4/associations/contacts/companies/batch/read";
  private static final String PAIR_FILE = "contacts_companies.csv";
  @TempDir Path tmp;
  private Sandbox sandbox;

  /** Every contact id, ascending. */
  private List<String> contactIds;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().records(3_000).seed(3).start();
    contactIds = sandbox.portal().records("contacts").map(PortalRecord::id).toList();
    assertThat(contactIds).hasSizeGreaterThan(2_500);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aPairReadFromItsObjectsFileResumesAfterTheLastFromIdThoughIdsBelowItAreGone()
      throws Exception {
    Path out = tmp.resolve("from-file");
    String fresh = freshPairFile("contacts,companies", List.of());
    stopAtThirdBatch(out, "contacts,companies", List.of());

    dropContacts(out); // below the last from-id written
    RunResult resumed = pull(out, options(out, "contacts,companies", List.of()), real -> real);

    assertThat(resumed.failures()).isEmpty();
    assertThat(Files.readString(out.resolve(PAIR_FILE))).isEqualTo(fresh);
  }

  @Test
  void aPairPagedFromHubSpotResumesAfterTheLastFromIdThoughIdsBelowItAreGone() throws Exception {
    Path out = tmp.resolve("paged");
    String fresh = freshPairFile("companies", List.of());
    stopAtThirdBatch(out, "companies", List.of());

    // the lowest 200 contacts are archived meanwhile: the list now starts above them
    String firstLeft = contactIds.get(199);
    RunResult resumed =
        pull(
            out,
            options(out, "companies", List.of()),
            real ->
                request ->
                    real.send(
                        request.pathAndQuery().startsWith("/crm/v3/objects/contacts?")
                                && !request.pathAndQuery().contains("after=")
                            ? new ApiRequest(
                                request.method(),
                                request.pathAndQuery() + "&after=" + firstLeft,
                                request.headers(),
                                request.body())
                            : request));

    assertThat(resumed.failures()).isEmpty();
    assertThat(Files.readString(out.resolve(PAIR_FILE))).isEqualTo(fresh);
  }

  @Test
  void aPairOfTheUsersIdsResumesAfterItsLastFromIdEvenWhenThatIdIsAlsoListedEarlier()
      throws Exception {
    Path out = tmp.resolve("listed");
    List<String> listed = new ArrayList<>(contactIds.subList(0, 2_500));
    listed.set(5, listed.get(1_999)); // the last id of the second batch, once more in the first
    String fresh = freshPairFile("companies", listed);
    stopAtThirdBatch(out, "companies", listed);

    RunResult resumed = pull(out, options(out, "companies", listed), real -> real);

    assertThat(resumed.failures()).isEmpty();
    assertThat(Files.readString(out.resolve(PAIR_FILE))).isEqualTo(fresh);
  }

  @Test
  void aCheckpointThatCountsFromIdsWithoutNamingOneStartsThePairAgain() throws Exception {
    Path out = tmp.resolve("count-only");
    String fresh = freshPairFile("contacts,companies", List.of());
    stopAtThirdBatch(out, "contacts,companies", List.of());
    // what a run that counted from-ids left, then fewer ids below the count
    ObjectNode saved = savedCheckpoint(out);
    saved.putNull("cursor");
    new ObjectMapper().writeValue(checkpointFile(out).toFile(), saved);
    List<String> gone = dropContacts(out);

    RunResult resumed = pull(out, options(out, "contacts,companies", List.of()), real -> real);

    assertThat(resumed.failures()).isEmpty();
    String expected =
        fresh
            .lines()
            .filter(row -> !gone.contains(row.substring(0, row.indexOf(','))))
            .map(row -> row + "\r\n")
            .collect(Collectors.joining());
    assertThat(Files.readString(out.resolve(PAIR_FILE))).isEqualTo(expected);
  }

  /**
   * Drops 200 of the lowest contacts from the pulled file, as a pull after they were archived would
   * have written it, and returns their ids.
   */
  private List<String> dropContacts(Path out) throws IOException {
    Path contacts = out.resolve("contacts.csv");
    String rows = Files.readString(contacts);
    int from = rows.indexOf("\r\n" + contactIds.get(100) + ",");
    int to = rows.indexOf("\r\n" + contactIds.get(300) + ",");
    Files.writeString(contacts, rows.substring(0, from) + rows.substring(to));
    return contactIds.subList(100, 300);
  }

  /** A pull stopped by the day's end as it reads the third batch of from-ids. */
  private void stopAtThirdBatch(Path out, String objects, List<String> listed) throws Exception {
    List<String> fromIds = listed.isEmpty() ? contactIds : listed;
    String thirdBatch = "\"id\":\"" + fromIds.get(2_000) + "\"";
    RunResult stopped =
        pull(
            out,
            options(out, objects, listed),
            real ->
                request -> {
                  if (request.path().equals(BATCH_READ)
                      && new String(request.body(), StandardCharsets.UTF_8).contains(thirdBatch)) {
                    throw new HubSpotException(FailureCategory.RATE_LIMIT, "daily limit");
                  }
                  return real.send(request);
                });
    assertThat(stopped.failures()).as("the first run stopped").isNotEmpty();
    assertThat(savedCheckpoint(out).path("cursor").asText())
        .as("the checkpoint names the last from-id of the second batch")
        .isEqualTo(fromIds.get(1_999));
  }

  private static Path checkpointFile(Path out) {
    return FolderLayout.of(out).stateFolder().resolve("contacts_companies.json");
  }

  private static ObjectNode savedCheckpoint(Path out) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(checkpointFile(out).toFile());
  }

  /** The pair's file of a pull that nothing stopped. */
  private String freshPairFile(String objects, List<String> listed) throws Exception {
    Path fresh = tmp.resolve("fresh");
    assertThat(pull(fresh, options(fresh, objects, listed), real -> real).failures()).isEmpty();
    return Files.readString(fresh.resolve(PAIR_FILE));
  }

  /**
   * {@code objects} with the pair contacts to companies: of every contact, or of the listed ones
   * (the command line's {@code --association_id_list}).
   */
  private static PullRequest options(Path out, String objects, List<String> listed) {
    return SandboxPulls.request(
        out,
        List.of(objects.split(",")),
        new AssociationSelection.Listed(
            List.of(new AssociationSelection.Pair("contacts", "companies", listed))),
        ReadOptions.DEFAULT);
  }

  /** A resumable pull (state kept as the command line keeps it) through a wire of the test's. */
  private RunResult pull(Path out, PullRequest request, UnaryOperator<Transport> wire) {
    HubSpotClient client = SandboxPulls.clientThrough(sandbox, wire);
    return SandboxPulls.resumablePull(client, SandboxPulls.plan(client, request), 2);
  }
}
