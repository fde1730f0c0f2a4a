package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.PortalChecks;
import dev.hubspotextract.extract.PulledCsv;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull through a server that sends what HubSpot never would: names that leave the folder or take
 * another output's file, property names no reader takes, escape sequences for the terminal. The
 * pull stays inside {@code --out}, fails only what it must, and says so in one clear line.
 */
class HostileServerTest {
  @TempDir Path tmp;
  private Sandbox sandbox;
  private HostileHubSpot hostile;
  private String petsId;
  private String vehiclesId;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.builder().records(100).start();
    hostile = HostileHubSpot.before(sandbox);
    petsId = sandbox.portal().objectType("pets").objectTypeId();
    vehiclesId = sandbox.portal().objectType("vehicles").objectTypeId();
  }

  @AfterEach
  void stop() {
    hostile.close();
    sandbox.close();
  }

  private Path out() {
    return tmp.resolve("work").resolve("out");
  }

  private Cli.Run pull(String... extra) {
    return Cli.run(hostile.pullArgs(out(), extra));
  }

  private HostileHubSpot renameSchema(String from, String to) {
    return hostile.rewrite(
        "/crm-object-schemas/v3/schemas",
        body -> body.replace("\"name\":\"" + from + "\"", "\"name\":\"" + to + "\""));
  }

  private JsonNode manifest() throws IOException {
    return new ObjectMapper().readTree(out().resolve("manifest.json").toFile());
  }

  @Test
  void aCustomObjectNamedToLeaveTheFolderFailsAloneAndNothingIsWrittenOutside() throws Exception {
    Path outside = tmp.resolve("escaped.csv");
    Files.writeString(outside, "mine\n");
    Path absolute = tmp.resolve("abs").resolve("x");
    renameSchema("pets", "../../escaped");
    renameSchema("vehicles", absolute.toString());

    Cli.Run run = pull("--objects", "all", "--associations", "none");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(Files.readString(outside)).isEqualTo("mine\n");
    assertThat(tmp.resolve("abs")).doesNotExist();
    try (Stream<Path> files = Files.walk(tmp)) {
      assertThat(files.filter(f -> !f.startsWith(out())).map(f -> tmp.relativize(f).toString()))
          .containsExactlyInAnyOrder("", "escaped.csv", "work");
    }
    assertThat(run.err())
        .contains(petsId + ": HubSpot sent a custom object named '../../escaped'")
        .contains("not a HubSpot schema name")
        .contains(vehiclesId + ": HubSpot sent a custom object named '" + absolute + "'");
    PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "contacts", Long.MAX_VALUE);
    assertThat(manifest().path("failures").findValuesAsText("object"))
        .containsExactlyInAnyOrder(petsId, vehiclesId);
  }

  @Test
  void aCustomObjectNamedLikeAnotherOutputIsWrittenUnderItsTypeIdAndQueriedSo() throws Exception {
    renameSchema("pets", "contacts");
    renameSchema("vehicles", "Deals_Companies");
    String pets = "contacts__" + petsId.replace('-', '_');
    String vehicles = "Deals_Companies__" + vehiclesId.replace('-', '_');

    Cli.Run run = pull("--objects", "all");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "contacts", Long.MAX_VALUE);
    assertThat(PulledCsv.rows(out().resolve("deals_companies.csv")).get(0))
        .startsWith("from_id", "to_id");
    assertThat(PulledCsv.rows(out().resolve(pets + ".csv")))
        .hasSize((int) sandbox.portal().count("pets") + 1);
    assertThat(PulledCsv.rows(out().resolve(vehicles + ".csv")))
        .hasSize((int) sandbox.portal().count("vehicles") + 1);
    JsonNode renamed = manifest().path("objects").findParents("schemaName").get(0);
    assertThat(renamed.path("name").asText()).isEqualTo(pets);
    assertThat(renamed.path("schemaName").asText()).isEqualTo("contacts");
    assertThat(renamed.path("file").asText()).isEqualTo(pets + ".csv");

    Cli.Run sql = Cli.run("sql", "--in", out().toString(), "SELECT count(*) AS n FROM " + pets);
    assertThat(sql.exitCode()).as(sql.toString()).isZero();
    assertThat(sql.out()).contains(String.valueOf(sandbox.portal().count("pets")));
  }

  @Test
  void aPropertyNameWithALineBreakFailsItsObjectWhileOddNamesAreQuotedEverywhere()
      throws Exception {
    hostile.rewrite(
        "/crm/v3/properties/deals",
        body -> body.replace("\"name\":\"dealname\"", "\"name\":\"deal\\nname\""));
    hostile.rewrite(
        "/crm/v3/properties/companies",
        body -> body.replace("\"name\":\"domain\"", "\"name\":\"do,m\\\"ain x\""));

    Cli.Run run = pull("--objects", "deals,companies", "--associations", "none");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.err())
        .contains("deals: HubSpot sent a property of deals named 'deal\\u000aname'")
        .doesNotContain("deal\nname");
    assertThat(out().resolve("deals.csv")).doesNotExist();
    assertThat(PulledCsv.rows(out().resolve("companies.csv")).get(0)).contains("do,m\"ain x");

    Cli.Run sql =
        Cli.run(
            "sql",
            "--in",
            out().toString(),
            "SELECT count(\"do,m\"\"ain x\") AS odd, count(*) AS n FROM companies");
    assertThat(sql.exitCode()).as(sql.toString()).isZero();
    assertThat(sql.out()).contains(String.valueOf(sandbox.portal().count("companies")));
  }

  @Test
  void noControlCharacterFromTheServerReachesTheTerminal() {
    hostile.answer(
        "/crm/v3/properties/tickets",
        400,
        "{\"status\":\"error\",\"message\":\"bad \\u001b]0;owned\\u0007 \\u001b[2J\\r\\u202etxt\","
            + "\"category\":\"VALIDATION_ERROR\"}",
        Map.of());

    Cli.Run run = pull("--objects", "contacts,tickets", "--associations", "none");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.out() + run.err())
        .contains("bad ", "owned", "\\u202etxt") // the bidi override shown, not obeyed
        .doesNotContain("\u001b", "\u0007", "\r", "\u202e");
  }

  @Test
  void rateLimitHeadersOutsideSaneRangesAreIgnoredAndThePullCompletes() {
    hostile
        .header("X-HubSpot-RateLimit-Max", "2147483647")
        .header("X-HubSpot-RateLimit-Remaining", "-1");

    Cli.Run run =
        Cli.run(
            "pull",
            "--base-url",
            hostile.baseUrl().toString(),
            "--token",
            sandbox.token(),
            "--tier",
            "api-add-on",
            "--objects",
            "contacts,companies",
            "--out",
            out().toString(),
            "--verbose");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains("ignoring X-HubSpot-RateLimit-Max: 2147483647")
        .contains("ignoring X-HubSpot-RateLimit-Remaining: -1");
    PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "contacts", Long.MAX_VALUE);
  }

  @Test
  void aRetryAfterOfYearsStopsThePullResumablyInsteadOfWaiting() {
    hostile.answer(
        "/crm/v3/objects/deals",
        429,
        "{\"status\":\"error\",\"message\":\"slow down\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}",
        Map.of("Retry-After", "999999999"));

    Cli.Run run = pull("--objects", "contacts,deals", "--associations", "none");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
    assertThat(run.err())
        .contains("HubSpot asked to come back later")
        .contains("Retry-After: 999999999")
        .contains("run the same command again");
    assertThat(run.err().lines().filter(line -> line.startsWith("hubspot-extract:"))).hasSize(1);

    hostile.behave();
    Cli.Run later = pull("--objects", "contacts,deals", "--associations", "none");

    assertThat(later.exitCode()).as(later.toString()).isZero();
    assertThat(later.out()).contains("resuming");
    PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "deals", Long.MAX_VALUE);
  }

  @Test
  void aManifestThatPointsOutsideItsFolderIsRefusedBySqlAndJoin() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret.csv"), "id\r\nTOP-SECRET\r\n");
    Cli.Run run = pull("--objects", "contacts,companies");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    Path manifest = out().resolve("manifest.json");
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replace("\"file\" : \"contacts.csv\"", "\"file\" : \"../../secret.csv\""));

    Cli.Run sql = Cli.run("sql", "--in", out().toString(), "SELECT * FROM contacts");
    Cli.Run join = Cli.run("join", "contacts", "companies", "--in", out().toString());

    for (Cli.Run refused : List.of(sql, join)) {
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err()).contains("lists a file outside its folder");
      assertThat(refused.out() + refused.err()).doesNotContain("TOP-SECRET");
    }
    assertThat(secret).exists();
  }

  @Test
  void queryResultsAreTheOwnersAloneUnlessKeepUmaskSaysOtherwise() throws Exception {
    assertThat(pull("--objects", "contacts", "--associations", "none").exitCode()).isZero();
    Path result = tmp.resolve("result.csv");
    Path umaskProbe = Files.createFile(tmp.resolve("probe"));

    Cli.Run sql =
        Cli.run(
            "sql", "--in", out().toString(), "SELECT id FROM contacts", "--out", result.toString());
    assertThat(sql.exitCode()).as(sql.toString()).isZero();
    assertThat(permissions(result)).isEqualTo("rw-------");

    Cli.Run kept =
        Cli.run(
            "sql",
            "--in",
            out().toString(),
            "SELECT id FROM contacts",
            "--out",
            result.toString(),
            "--keep-umask");
    assertThat(kept.exitCode()).as(kept.toString()).isZero();
    assertThat(permissions(result)).isEqualTo(permissions(umaskProbe));
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void anEndlessBodyFailsItsObjectAtTheSizeLimitAndTheRestIsWritten() {
    hostile.endlessBody("/crm/v3/objects/deals");

    Cli.Run run =
        pull("--objects", "contacts,deals", "--associations", "none", "--max-body-size", "4MiB");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.err())
        .contains("deals:")
        .contains("passed the limit of 4194304 bytes")
        .contains("raise the body size limit (--max-body-size)");
    PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "contacts", Long.MAX_VALUE);
    assertThat(out().resolve("deals.csv")).doesNotExist();
  }

  @Test
  void linksPlantedInTheFolderAreReplacedNotFollowed() throws Exception {
    Files.createDirectories(out());
    Path victim = tmp.resolve("victim.txt");
    Files.writeString(victim, "precious\n");
    Files.createSymbolicLink(out().resolve("contacts.csv"), victim);
    Files.createSymbolicLink(out().resolve("manifest.json"), victim);

    Cli.Run run = pull("--objects", "contacts", "--associations", "none");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
    assertThat(out().resolve("contacts.csv")).isRegularFile();
    assertThat(Files.isSymbolicLink(out().resolve("manifest.json"))).isFalse();
    PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "contacts", Long.MAX_VALUE);
  }

  @Test
  void aPrivateFolderThatIsALinkIsRefusedBeforeAnyRequest() throws Exception {
    Files.createDirectories(out());
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(out().resolve(FolderLayout.PRIVATE_FOLDER), elsewhere);
    long before = sandbox.requestCount();

    Cli.Run run = pull("--objects", "contacts", "--associations", "none");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
    assertThat(run.err()).contains(FolderLayout.PRIVATE_FOLDER + " is a link");
    assertThat(elsewhere).isEmptyDirectory();
    assertThat(sandbox.requestCount()).isEqualTo(before);
  }

  @Test
  void whatThePullWritesIsTheOwnersAloneUnlessKeepUmaskSaysOtherwise() throws Exception {
    Cli.Run run = pull("--objects", "contacts,companies");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(permissions(tmp.resolve("work"))).isEqualTo("rwx------");
    assertThat(permissions(out())).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(out())) {
      assertThat(files.map(HostileServerTest::permissions)).isNotEmpty().containsOnly("rw-------");
    }

    Path shared = Files.createDirectories(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path umaskProbe = Files.createFile(tmp.resolve("probe"));
    Cli.Run keep =
        Cli.run(
            hostile.pullArgs(
                shared, "--objects", "contacts", "--associations", "none", "--keep-umask"));
    Cli.Run warned =
        Cli.run(hostile.pullArgs(shared, "--objects", "contacts", "--associations", "none"));

    assertThat(keep.exitCode()).as(keep.toString()).isZero();
    assertThat(keep.err()).doesNotContain("warning");
    assertThat(warned.exitCode()).as(warned.toString()).isZero();
    assertThat(warned.err()).contains("warning: other users can open " + shared);
    assertThat(permissions(shared)).isEqualTo("rwxr-xr-x");
    assertThat(permissions(shared.resolve("contacts.csv"))).isEqualTo("rw-------");
    assertThat(permissions(shared.resolve("manifest.json"))).isEqualTo("rw-------");
    Cli.Run again =
        Cli.run(
            hostile.pullArgs(
                shared, "--objects", "contacts", "--associations", "none", "--keep-umask"));
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(permissions(shared.resolve("contacts.csv"))).isEqualTo(permissions(umaskProbe));
    // the reference tables too, written beside the objects
    for (String reference : List.of("owners.csv", "pipelines.csv", "properties.csv")) {
      assertThat(permissions(shared.resolve(reference)))
          .as(reference)
          .isEqualTo(permissions(umaskProbe));
    }
  }

  @Test
  void credentialsInTheBaseUrlArePrintedNowhereAndRefused() {
    String withPassword = hostile.baseUrl().toString().replace("http://", "http://user:s3cret-pw@");

    Cli.Run run =
        Cli.run(
            "pull",
            "--base-url",
            withPassword,
            "--token",
            sandbox.token(),
            "--out",
            out().toString(),
            "--dry-run");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("must not hold a user name or password");
    assertThat(run.out() + run.err()).doesNotContain("s3cret-pw");
  }

  @Test
  void plainHttpToAnotherMachineIsRefusedBeforeAnyRequestUnlessInsecureHttpSaysSo() {
    Cli.Run run =
        Cli.run("pull", "--base-url", "http://crm.example.com", "--token", "pat-x", "--dry-run");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("unencrypted").contains("--insecure-http");
    List<String> warnings = new java.util.ArrayList<>();
    assertThat(BaseUrl.parse("http://crm.example.com", true, warnings::add).getHost())
        .isEqualTo("crm.example.com");
    assertThat(warnings).singleElement().asString().contains("unencrypted");
    for (String local : List.of("http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1")) {
      assertThat(BaseUrl.parse(local, false, warnings::add).getScheme()).isEqualTo("http");
    }
    assertThat(warnings).hasSize(1);
  }

  /** The one line a run that met a server that is not HubSpot ends with, on stderr. */
  private void assertEndsAsNotHubSpot(Cli.Run run, String answered) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
    assertThat(run.err().lines().toList())
        .as(run.toString())
        .singleElement()
        .asString()
        .startsWith(
            "hubspot-extract: "
                + hostile.baseUrl()
                + " does not look like HubSpot's API: it answered "
                + answered)
        .contains("Check the base URL (--base-url): HubSpot's API is https://api.hubapi.com")
        .doesNotContain("[Source:");
  }

  @Test
  void aServerWhoseFirstAnswerIsNotInHubSpotsShapeEndsTheRunWithExit5AndOneLine() {
    hostile.answer("/crm/v3/properties/", 200, "{\"results\":\"nope\"}", Map.of());

    Cli.Run run = pull();

    assertEndsAsNotHubSpot(
        run,
        "JSON not in HubSpot's shape (\"results\" is a string, not a list) while reading the"
            + " properties of contacts");
    assertThat(out().resolve("manifest.json")).doesNotExist();
    assertThat(out().resolve("contacts.csv")).doesNotExist();
  }

  @Test
  void aServerAnsweringAnEmptyListToEverythingIsNotHubSpotRatherThanAnEmptyPull() {
    hostile.answer("/", 200, "{\"results\":[]}", Map.of());

    Cli.Run run = pull();

    assertEndsAsNotHubSpot(run, "no properties at all while reading the properties of contacts");
    assertThat(out().resolve("manifest.json")).doesNotExist();
  }

  @Test
  void htmlPagesAndTextAnsweredWithSuccessAreNotHubSpotEither() {
    hostile.answer(
        "/",
        200,
        "<html><body>Welcome to nginx!</body></html>",
        Map.of("Content-Type", "text/html"));
    assertEndsAsNotHubSpot(
        pull("--objects", "all"),
        "an HTML page (\"Welcome to nginx!\") while listing custom object schemas");

    hostile.behave().answer("/", 200, "hello", Map.of("Content-Type", "text/plain"));
    assertEndsAsNotHubSpot(
        pull(), "text that is not JSON (\"hello\") while reading the properties of contacts");
  }

  @Test
  void pagesOfOneObjectInAnotherShapeFailItAloneButOfTwoObjectsEndTheRun() throws IOException {
    hostile.answer("/crm/v3/objects/deals", 200, "{\"results\":{}}", Map.of());

    Cli.Run one = pull("--objects", "contacts,deals", "--associations", "none");

    assertThat(one.exitCode()).as(one.toString()).isEqualTo(4);
    assertThat(one.err())
        .contains(
            "deals: "
                + hostile.baseUrl()
                + " does not look like HubSpot's API: it answered JSON not in HubSpot's shape"
                + " (\"results\" is an object, not a list) while listing deals");
    assertThat(manifest().get("failures").get(0).get("kind").asText()).isEqualTo("not_hubspot");
    PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "contacts", Long.MAX_VALUE);

    hostile.answer("/crm/v3/objects/companies", 200, "{\"results\":[\"x\"]}", Map.of());
    Cli.Run two =
        Cli.run(
            hostile.pullArgs(
                tmp.resolve("two"),
                "--objects",
                "companies,deals",
                "--associations",
                "none",
                "--threads",
                "1"));

    assertThat(two.exitCode()).as(two.toString()).isEqualTo(5);
    assertThat(two.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("hubspot-extract: " + hostile.baseUrl() + " does not look like HubSpot's API")
        .contains("run the same command again");
  }

  @Test
  void errorAnswersKeepTheirCategoryWhateverTheirBody() {
    hostile.answer(
        "/crm/v3/properties/deals",
        403,
        "<html>Forbidden</html>",
        Map.of("Content-Type", "text/html"));

    Cli.Run run = pull("--objects", "contacts,deals", "--associations", "none");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.err()).contains("deals: HubSpot refused reading the properties of deals (403");
  }

  private static String permissions(Path path) {
    try {
      return PosixFilePermissions.toString(
          Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
