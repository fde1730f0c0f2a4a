package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.Transport;
import dev.hubspotextract.sandbox.PortalHistoryEntry;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --history} through the engine: every row of a history file against the sandbox's own
 * histories, its order, the batches of 50, a stopped history resumed, and what is refused.
 */
class PropertyHistoryPullTest {
  /** How HubSpot (and the sandbox) writes a time: milliseconds always. */
  private static final DateTimeFormatter SENT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final Pattern INPUT = Pattern.compile("\\{\"id\":\"(\\d+)\"\\}");
  @TempDir Path tmp;
  private Sandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().records(1_200).seed(5).start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void everyRowIsAChangeTheSandboxListsSortedByIdThenPropertyAsNamedThenTime() {
    Path out = tmp.resolve("out");
    List<String> history = List.of("dealstage", "hs_pipeline_stage", "amount", "tickets.subject");
    RunResult result = pull(request(out, history, "deals", "tickets"), real -> real);

    assertThat(result.failures()).isEmpty();
    assertThat(result.plan().histories())
        .extracting(h -> h.type().name() + ":" + String.join(",", h.properties()))
        .containsExactly("deals:dealstage,amount", "tickets:hs_pipeline_stage,subject");
    long rows = assertHistoryIsThePortals(out, "deals", List.of("dealstage", "amount"));
    rows += assertHistoryIsThePortals(out, "tickets", List.of("hs_pipeline_stage", "subject"));
    assertThat(result.totalHistoryRows()).isEqualTo(rows);
  }

  @Test
  void allIsEveryPropertyOfTheObjectInColumnOrderAndFiftyRecordsARequest() {
    Path out = tmp.resolve("out");
    List<String> bodies = new CopyOnWriteArrayList<>();
    RunResult result =
        pull(
            request(out, List.of("all"), "products"),
            real ->
                request -> {
                  String body =
                      request.body() == null
                          ? ""
                          : new String(request.body(), StandardCharsets.UTF_8);
                  if (body.contains("propertiesWithHistory")) {
                    bodies.add(body);
                  }
                  return real.send(request);
                });

    assertThat(result.failures()).isEmpty();
    List<String> columns = result.plan().objects().get(0).propertyNames();
    assertHistoryIsThePortals(out, "products", columns);
    long records = sandbox.portal().count("products");
    assertThat(bodies).hasSize((int) ((records + 49) / 50));
    List<String> asked = new ArrayList<>();
    for (String body : bodies) {
      Matcher ids = INPUT.matcher(body);
      int inputs = 0;
      while (ids.find()) {
        asked.add(ids.group(1));
        inputs++;
      }
      assertThat(inputs).isBetween(1, 50);
    }
    assertThat(asked).hasSize((int) records);
  }

  @Test
  void aHistoryStoppedAfterTwoBatchesResumesAfterTheLastIdWrittenAndEndsAsAFreshPull()
      throws Exception {
    List<String> history = List.of("dealstage", "hs_lastmodifieddate");
    Path fresh = tmp.resolve("fresh");
    assertThat(pull(request(fresh, history, "deals"), real -> real).failures()).isEmpty();
    String third = "\"id\":\"" + ids("deals").get(100) + "\"";

    Path out = tmp.resolve("stopped");
    RunResult stopped =
        pull(
            request(out, history, "deals"),
            real ->
                request -> {
                  String body =
                      request.body() == null
                          ? ""
                          : new String(request.body(), StandardCharsets.UTF_8);
                  if (body.contains("propertiesWithHistory") && body.contains(third)) {
                    throw new HubSpotException(FailureCategory.RATE_LIMIT, "daily limit");
                  }
                  return real.send(request);
                });
    assertThat(stopped.failures()).isNotEmpty();
    assertThat(out.resolve("deals_property_history.csv")).doesNotExist();
    Path checkpoint = FolderLayout.of(out).stateFolder().resolve("deals_property_history.json");
    assertThat(new ObjectMapper().readTree(checkpoint.toFile()).path("cursor").asText())
        .isEqualTo(ids("deals").get(99));

    List<String> asked = new CopyOnWriteArrayList<>();
    RunResult resumed =
        pull(
            request(out, history, "deals"),
            real ->
                request -> {
                  String body =
                      request.body() == null
                          ? ""
                          : new String(request.body(), StandardCharsets.UTF_8);
                  if (body.contains("propertiesWithHistory")) {
                    INPUT.matcher(body).results().forEach(m -> asked.add(m.group(1)));
                  }
                  return real.send(request);
                });

    assertThat(resumed.failures()).isEmpty();
    assertThat(asked)
        .as("the first 100 deals are not read again")
        .doesNotContain(ids("deals").get(99));
    assertThat(Files.readString(out.resolve("deals_property_history.csv")))
        .isEqualTo(Files.readString(fresh.resolve("deals_property_history.csv")));
  }

  @Test
  void aPullWithAnotherHistoryDoesNotResumeThisOne() {
    Path out = tmp.resolve("out");
    HubSpotClient client = SandboxPulls.clientThrough(sandbox, real -> real);
    Plan dealstage = SandboxPulls.plan(client, request(out, List.of("dealstage"), "deals"));
    Plan amount = SandboxPulls.plan(client, request(out, List.of("amount"), "deals"));
    Plan none = SandboxPulls.plan(client, request(out, List.of(), "deals"));

    assertThat(dealstage.fingerprint())
        .isNotEqualTo(amount.fingerprint())
        .isNotEqualTo(none.fingerprint());
    RunState.open(dealstage, false, FileMode.PRIVATE);
    assertThatThrownBy(() -> RunState.open(amount, false, FileMode.PRIVATE))
        .isInstanceOf(ExtractException.class)
        .hasMessageContaining("unfinished pull of different objects, properties or options");
  }

  @Test
  void anUnknownPropertyOrAnObjectNotPulledIsAUsageErrorNamingItAndTheFix() {
    Path out = tmp.resolve("out");
    HubSpotClient client = SandboxPulls.clientThrough(sandbox, real -> real);

    assertThatThrownBy(
            () -> SandboxPulls.plan(client, request(out, List.of("dealstge"), "deals", "tickets")))
        .isInstanceOfSatisfying(
            ExtractException.class,
            e -> {
              assertThat(e.category()).isEqualTo(FailureCategory.USAGE);
              assertThat(e.settings()).containsExactly(Setting.HISTORY);
            })
        .hasMessage(
            "the property history asked for names dealstge (did you mean dealstage?), which no"
                + " object to pull has: check the spelling (HubSpot's internal names, like"
                + " dealstage or hs_lastmodifieddate), or use all for every property pulled");
    assertThatThrownBy(
            () -> SandboxPulls.plan(client, request(out, List.of("deals.subject"), "deals")))
        .hasMessageStartingWith(
            "the property history asked for names deals.subject, which deals does not have");
    assertThatThrownBy(
            () -> SandboxPulls.plan(client, request(out, List.of("tickets.subject"), "deals")))
        .isInstanceOfSatisfying(
            ExtractException.class, e -> assertThat(e.settings()).containsExactly(Setting.OBJECTS))
        .hasMessage(
            "the property history asked for names tickets.subject, but tickets is not among the"
                + " objects to pull (deals): add it to the objects to pull, or name a property of"
                + " one of them in the property history");
  }

  /**
   * Checks every row of an object's history file against the sandbox's histories of its records, in
   * the file's id order, and returns the rows.
   */
  private long assertHistoryIsThePortals(Path out, String object, List<String> properties) {
    List<List<String>> rows = PulledCsv.rows(out.resolve(object + "_property_history.csv"));
    assertThat(rows.get(0))
        .containsExactly(
            "id",
            "property",
            "value",
            "timestamp",
            "sourceType",
            "sourceId",
            "sourceLabel",
            "updatedByUserId");
    List<List<String>> expected = new ArrayList<>();
    List<String> ids =
        PulledCsv.rows(out.resolve(object + ".csv")).stream().skip(1).map(r -> r.get(0)).toList();
    assertThat(ids).isNotEmpty();
    for (String id : ids) {
      for (String property : properties) {
        List<PortalHistoryEntry> newestFirst = sandbox.portal().history(object, id, property);
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
          PortalHistoryEntry e = newestFirst.get(i);
          expected.add(
              List.of(
                  id,
                  property,
                  e.value(),
                  SENT.format(e.timestamp()), // as the sandbox sends it, milliseconds always
                  e.sourceType(),
                  Objects.toString(e.sourceId(), ""),
                  Objects.toString(e.sourceLabel(), ""),
                  Objects.toString(e.updatedByUserId(), "")));
        }
      }
    }
    assertThat(expected).hasSizeGreaterThan(ids.size());
    assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(expected);
    return expected.size();
  }

  private List<String> ids(String object) {
    return sandbox.portal().records(object).map(r -> r.id()).toList();
  }

  private static PullRequest request(Path out, List<String> history, String... objects) {
    return SandboxPulls.objectsOnly(out, ReadOptions.DEFAULT, objects).withHistory(history);
  }

  /** A resumable pull (state kept as the command line keeps it) through a wire of the test's. */
  private RunResult pull(PullRequest request, UnaryOperator<Transport> wire) {
    HubSpotClient client = SandboxPulls.clientThrough(sandbox, wire);
    return SandboxPulls.resumablePull(client, SandboxPulls.plan(client, request), 2);
  }
}
