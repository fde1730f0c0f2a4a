package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.extract.DefaultPairs;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.ObjectCatalog;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.PortalChecks;
import dev.hubspotextract.extract.PulledCsv;
import dev.hubspotextract.extract.ReferenceTable;
import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.PortalObjectType;
import dev.hubspotextract.sandbox.PortalRecord;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.RecordedRequest;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.sandbox.SandboxBuilder;
import dev.hubspotextract.sandbox.SecondlyLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

// its tests run at once: each has a sandbox and folder of its own, and the slowest wait on a rate
// limit
@Execution(ExecutionMode.CONCURRENT)
class PullCommandTest {
  private static final String TOKEN = "pat-na1-" + UUID.randomUUID();
  @TempDir Path tmp;

  private static Sandbox start(Function<SandboxBuilder, SandboxBuilder> options) {
    return options.apply(Sandbox.builder().port(0).token(TOKEN).records(300).seed(7)).start();
  }

  private Cli.Run pull(Sandbox sandbox, String... args) {
    return Cli.pull(sandbox, out(), args);
  }

  private Path out() {
    return tmp.resolve("out");
  }

  private JsonNode manifest() throws IOException {
    return new ObjectMapper().readTree(out().resolve("manifest.json").toFile());
  }

  @Test
  void pullsEveryStandardObjectAndDefaultPairExactlyAsTheSandboxHoldsThem() throws IOException {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run = pull(sandbox);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      for (ObjectType type : ObjectCatalog.STANDARD) {
        PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), type.name(), Long.MAX_VALUE);
        assertThat(run.out())
            .containsPattern(
                "(?m)^" + type.name() + ": \\d+ records, \\d+ requests, \\d+\\.\\d s$");
      }
      assertThat(DefaultPairs.among(ObjectCatalog.STANDARD)).hasSize(29);
      for (List<String> pair : DefaultPairs.PAIRS) {
        PortalChecks.pairFileMatchesPortal(
            out(), sandbox.portal(), pair.get(0), pair.get(1), List.of());
        assertThat(run.out())
            .containsPattern(
                "(?m)^" + pair.get(0) + "_" + pair.get(1) + ": \\d+ rows, \\d+ requests");
      }
      for (ReferenceTable table : ReferenceTable.values()) {
        assertThat(run.out())
            .containsPattern("(?m)^" + table.tableName() + ": \\d+ rows, \\d+ requests");
      }
      assertThat(run.out())
          .containsPattern(
              "(?m)^job completed: 13 objects \\(\\d+ records\\), 29 association files \\(\\d+ rows\\), \\d+ requests, \\d+\\.\\d s, 0 failed$");
      try (Stream<Path> files = Files.list(out())) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .noneMatch(name -> name.endsWith(".partial"))
            .hasSize(13 + 29 + ReferenceTable.values().length + 1);
      }

      JsonNode manifest = manifest();
      assertThat(manifest.path("tool").asText()).isEqualTo("hubspot-extract");
      assertThat(manifest.path("source").asText()).isEqualTo(sandbox.baseUrl().toString());
      assertThat(manifest.path("failures")).isEmpty();
      assertThat(manifest.path("objects")).hasSize(13);
      JsonNode contacts = manifest.path("objects").get(0);
      assertThat(contacts.path("name").asText()).isEqualTo("contacts");
      assertThat(contacts.path("objectTypeId").asText()).isEqualTo("0-1");
      assertThat(contacts.path("status").asText()).isEqualTo("complete");
      assertThat(contacts.path("records").asLong()).isEqualTo(sandbox.portal().count("contacts"));
      assertThat(contacts.path("columns").get(0).path("type").asText()).isEqualTo("id");
      Map<String, String> types = new java.util.HashMap<>();
      contacts
          .path("columns")
          .forEach(c -> types.put(c.path("name").asText(), c.path("type").asText()));
      sandbox
          .portal()
          .properties("contacts")
          .forEach(p -> assertThat(types).containsEntry(p.name(), p.type()));
      assertThat(manifest.path("associations")).hasSize(29);
      JsonNode first = manifest.path("associations").get(0);
      assertThat(first.path("from").asText() + "_" + first.path("to").asText() + ".csv")
          .isEqualTo(first.path("file").asText());
      assertThat(first.path("rows").asLong())
          .isEqualTo(PulledCsv.rows(out().resolve(first.path("file").asText())).size() - 1);
    }
  }

  @Test
  void writesEveryLinkOfACompanyWithMoreThanAThousandContactsFollowingEveryPage() {
    try (Sandbox sandbox = start(b -> b.records(5_000).associationPageSize(300))) {
      Cli.Run run =
          pull(sandbox, "--objects", "companies,contacts", "--associations", "companies:contacts");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      List<List<String>> rows =
          PortalChecks.pairFileMatchesPortal(
              out(), sandbox.portal(), "companies", "contacts", List.of());
      Map<String, Long> linksPerCompany =
          rows.stream().collect(Collectors.groupingBy(row -> row.get(0), Collectors.counting()));
      assertThat(linksPerCompany.values()).anyMatch(count -> count > 1_000);
      PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "companies", Long.MAX_VALUE);
    }
  }

  @Test
  void pullsTheEmbeddedSandboxWithNoToken() {
    Cli.Run run = Cli.run("pull", "--sandbox", "--out", out().toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(out().resolve("contacts.csv")).isRegularFile();
    assertThat(out().resolve("deals_companies.csv")).isRegularFile();
    assertThat(out().resolve("manifest.json")).isRegularFile();
    assertThat(run.out()).contains("job completed: 13 objects");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void acceptsTheOriginalConnectorsDefaultObjectListWithItsDotAndACount() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run =
          Cli.run(
              "pull",
              "--base-url",
              sandbox.baseUrl().toString(),
              "--access_token",
              TOKEN,
              "--out",
              out().toString(),
              "--object_list",
              "contacts,companies,deals,tickets,products,line_items,quotes,feedback_submissions,"
                  + "calls,emails,meetings,notes.tasks",
              "--count",
              "5");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      for (ObjectType type : ObjectCatalog.STANDARD) {
        PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), type.name(), 5);
      }
      // associations of the 5 pulled deals only
      List<String> deals =
          sandbox.portal().records("deals").limit(5).map(PortalRecord::id).toList();
      PortalChecks.pairFileMatchesPortal(out(), sandbox.portal(), "deals", "companies", deals);
    }
  }

  @Test
  void resolvesObjectsInAnyCaseSingularOrPluralAndCustomObjectsByNameOrTypeId() {
    try (Sandbox sandbox = start(b -> b)) {
      String vehiclesId =
          sandbox.portal().objectTypes().stream()
              .filter(t -> t.name().equals("vehicles"))
              .map(PortalObjectType::objectTypeId)
              .findFirst()
              .orElseThrow();

      Cli.Run run =
          pull(
              sandbox,
              "--objects",
              "Contact,DEALS,line_item,pets," + vehiclesId,
              "--associations",
              "pets:contacts");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      for (String type : List.of("contacts", "deals", "line_items", "pets", "vehicles")) {
        PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), type, Long.MAX_VALUE);
      }
      PortalChecks.pairFileMatchesPortal(out(), sandbox.portal(), "pets", "contacts", List.of());
      assertThat(out().resolve("deals_contacts.csv")).doesNotExist();
    }
  }

  @Test
  void objectsAllIncludesCustomObjects() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run = pull(sandbox, "--objects", "all", "--associations", "none", "--count", "3");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      for (PortalObjectType type : sandbox.portal().objectTypes()) {
        PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), type.name(), 3);
      }
      assertThat(out().resolve("deals_companies.csv")).doesNotExist();
    }
  }

  @Test
  void writesTheAssociationsOfTheGivenIdsToObjectTypeUnderscoreToObjectType() {
    try (Sandbox sandbox = start(b -> b)) {
      List<String> ids =
          sandbox.portal().records("deals").skip(10).limit(3).map(PortalRecord::id).toList();

      Cli.Run run =
          pull(
              sandbox,
              "--object_list",
              "deals",
              "--count",
              "2",
              "--object_type",
              "deal",
              "--to_object_type",
              "Companies",
              "--association_id_list",
              String.join(",", ids));

      assertThat(run.exitCode()).as(run.toString()).isZero();
      PortalChecks.pairFileMatchesPortal(out(), sandbox.portal(), "deals", "companies", ids);
      PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "deals", 2);
    }
  }

  @Test
  void writesTheAssociationsOfEveryPulledObjectTypeRecordWhenNoIdsAreGiven() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run =
          pull(
              sandbox,
              "--object_list",
              "contacts",
              "--count",
              "40",
              "--object_type",
              "contacts",
              "--to_object_type",
              "companies");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      List<String> pulled =
          sandbox.portal().records("contacts").limit(40).map(PortalRecord::id).toList();
      PortalChecks.pairFileMatchesPortal(out(), sandbox.portal(), "contacts", "companies", pulled);
    }
  }

  @Test
  void pairsWhoseFromObjectIsNotPulledPageItsIds() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run = pull(sandbox, "--objects", "contacts", "--associations", "tickets:contacts");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      PortalChecks.pairFileMatchesPortal(out(), sandbox.portal(), "tickets", "contacts", List.of());
      assertThat(out().resolve("tickets.csv")).doesNotExist();
    }
  }

  @Test
  void narrowsColumnsToTheGivenProperties() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run =
          pull(
              sandbox,
              "--objects",
              "contacts",
              "--properties",
              "lastname,email",
              "--associations",
              "none");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      List<List<String>> rows = PulledCsv.rows(out().resolve("contacts.csv"));
      assertThat(rows.get(0))
          .containsExactly("id", "createdAt", "updatedAt", "archived", "email", "lastname");
      PortalRecord first = sandbox.portal().records("contacts").findFirst().orElseThrow();
      assertThat(rows.get(1).get(4)).isEqualTo(String.valueOf(first.properties().get("email")));
    }
  }

  @Test
  void aMistypedObjectFailsBeforeAnyRequestSuggestingTheStandardNameWithExitCode2() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run = pull(sandbox, "--objects", "contacts,contcts");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .contains("unknown object 'contcts': did you mean contacts?")
          .contains("contacts, companies, deals")
          .doesNotContain("\tat ");
      assertThat(run.err().lines()).hasSize(1);
      assertThat(sandbox.requests()).isEmpty();
      assertThat(out().resolve("contacts.csv")).doesNotExist();
    }
  }

  @Test
  void anUnknownObjectFailsWithTheValidNamesAndExitCode2BeforeAnyDataIsRead() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run = pull(sandbox, "--objects", "contacts,widgets");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .contains("unknown object 'widgets'")
          .contains("contacts, companies, deals")
          .contains("pets")
          .doesNotContain("\tat ");
      assertThat(run.err().lines()).hasSize(1);
      // only the custom-object lookup that proves the name unknown; no property or record read
      assertThat(sandbox.requests())
          .extracting(RecordedRequest::path)
          .containsExactly("/crm-object-schemas/v3/schemas");
      assertThat(out().resolve("contacts.csv")).doesNotExist();
    }
  }

  @Test
  void anUnknownObjectInAPairNamesTheFlagAndReadsNoData() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run = pull(sandbox, "--associations", "deals:compnies");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains("--associations: unknown object 'compnies'");
      assertThat(run.err().lines()).hasSize(1);
      assertThat(sandbox.requests()).isEmpty();
    }
  }

  @Test
  void standardObjectNamesNeedNoCustomObjectLookup() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run = pull(sandbox, "--objects", "Deal,company", "--dry-run");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      // each object's properties at the three sensitivity levels; no schema lookup
      assertThat(sandbox.requests())
          .extracting(RecordedRequest::path)
          .containsOnly("/crm/v3/properties/deals", "/crm/v3/properties/companies")
          .hasSize(6);
    }
  }

  @Test
  void aDryRunNamesTheFilesOfTheChosenFormat() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run parquet =
          pull(sandbox, "--objects", "deals,companies", "--format", "parquet", "--dry-run");
      Cli.Run duckdb =
          pull(sandbox, "--objects", "deals,companies", "--format", "duckdb", "--dry-run");

      assertThat(parquet.exitCode()).as(parquet.toString()).isZero();
      assertThat(parquet.out())
          .contains("→ deals.parquet", "→ deals_companies.parquet")
          .doesNotContain(".csv");
      assertThat(duckdb.exitCode()).as(duckdb.toString()).isZero();
      assertThat(duckdb.out())
          .contains("→ hubspot.duckdb (table deals)", "→ hubspot.duckdb (table deals_companies)")
          .doesNotContain(".csv");
    }
  }

  @Test
  void badFlagsExitWith2AndOneClearLine() {
    for (String[] args :
        List.of(
            new String[] {"pull", "--sandbox", "--count", "abc"},
            new String[] {"pull", "--sandbox", "--count", "0"},
            new String[] {"pull", "--sandbox", "--threads", "0"},
            new String[] {"pull", "--sandbox", "--associations", "deals"},
            new String[] {"pull", "--sandbox", "--to_object_type", "companies"},
            new String[] {"pull", "--sandbox", "--no-such-flag"})) {
      Cli.Run run = Cli.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run).isEqualTo(2);
      assertThat(run.err()).as(String.join(" ", args)).doesNotContain("\tat ").isNotBlank();
    }
  }

  @Test
  void anEmptyListIsAUsageErrorNeverAQuietEverything() {
    for (String[] typed :
        List.of(
            new String[] {"--objects", ""},
            new String[] {"--objects", ",,,"},
            new String[] {"--object_list", " ; "},
            new String[] {"--properties", ""},
            new String[] {
              "--object_type", "deals", "--to_object_type", "companies", "--association_id_list", ""
            })) {
      List<String> args = new ArrayList<>(List.of("pull", "--sandbox", "--dry-run"));
      args.addAll(List.of(typed));
      Cli.Run run = Cli.run(args.toArray(String[]::new));

      String flag = typed[typed.length - 2];
      assertThat(run.exitCode()).as(args + "\n" + run).isEqualTo(2);
      assertThat(run.err().lines().toList())
          .singleElement()
          .asString()
          .contains(flag.equals("--object_list") ? "--objects" : flag, "names nothing: give ");
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void sandboxWithABaseUrlIsAUsageErrorNotAQuietChoice() {
    Cli.Run run = Cli.run("pull", "--sandbox", "--base-url", "http://127.0.0.1:8080", "--dry-run");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .contains("--sandbox and --base-url do not go together")
        .contains("without --sandbox");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnknownTierOrFormatIsOneLineThatNamesTheFlagAndItsChoices() {
    Cli.Run tier = Cli.run("pull", "--sandbox", "--tier", "gold", "--dry-run");
    Cli.Run format = Cli.run("pull", "--sandbox", "--format", "xls", "--dry-run");

    assertThat(tier.exitCode()).as(tier.toString()).isEqualTo(2);
    assertThat(tier.err().lines())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("--tier")
        .contains("unknown tier 'gold'")
        .contains("free, starter, professional, enterprise, api-add-on");
    assertThat(format.exitCode()).as(format.toString()).isEqualTo(2);
    assertThat(format.err().lines())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("--format")
        .contains("unknown format 'xls'")
        .contains("csv, parquet, duckdb");
    assertThat(Cli.run("pull", "--sandbox", "--tier", "API_Add_On", "--dry-run").exitCode())
        .isZero();
  }

  @Test
  void aMisspeltFlagCommandOrPropertyIsMetWithWhatWasMeant() {
    Cli.Run flag = Cli.run("pull", "--sandbox", "--dryrun");
    assertThat(flag.exitCode()).isEqualTo(2);
    assertThat(flag.err()).contains("Unknown option: '--dryrun'; did you mean --dry-run?");

    Cli.Run command = Cli.run("pul", "--sandbox");
    assertThat(command.exitCode()).isEqualTo(2);
    assertThat(command.err()).contains("'pul', '--sandbox'; did you mean pull?");

    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run property =
          pull(sandbox, "--objects", "deals", "--properties", "dealnme,amount,zzz", "--dry-run");

      assertThat(property.exitCode()).as(property.toString()).isEqualTo(2);
      assertThat(property.err())
          .contains(
              "properties asked for name dealnme (did you mean dealname?), zzz, which no chosen");
    }
  }

  @Test
  void theTokenIsReadFromATokenFileAndNeverShownWhateverGoesWrong() throws IOException {
    Path file = tmp.resolve("token");
    Files.writeString(file, TOKEN + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    try (Sandbox sandbox = start(b -> b)) {
      List<String> args =
          List.of(
              "pull",
              "--base-url",
              sandbox.baseUrl().toString(),
              "--token-file",
              file.toString(),
              "--rate-limit",
              "100000",
              "--objects",
              "deals",
              "--associations",
              "none",
              "--out",
              out().toString());
      Cli.Run run = Cli.run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.err()).isEmpty();
      PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "deals", Long.MAX_VALUE);

      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      Cli.Run shared = Cli.run(args.toArray(String[]::new));
      assertThat(shared.exitCode()).as(shared.toString()).isZero();
      assertThat(shared.err()).contains("warning: other users can read --token-file", "chmod 600");

      List<String> both = new ArrayList<>(args);
      both.addAll(List.of("--token", TOKEN));
      assertThat(Cli.run(both.toArray(String[]::new)).err())
          .contains("--token and --token-file both give the access token: keep one");
    }
    Files.writeString(file, TOKEN + "\nsecond line " + TOKEN);
    Map<Path, String> refused =
        Map.of(
            file,
            "holds more than one word or line",
            tmp.resolve("missing"),
            "cannot be read (NoSuchFileException)",
            Files.writeString(tmp.resolve("empty"), "\n"),
            "is empty");
    refused.forEach(
        (path, why) -> {
          Cli.Run run = Cli.run("pull", "--token-file", path.toString(), "--dry-run");
          assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
          assertThat(run.err()).contains("--token-file " + path + " " + why);
          assertThat(run.out() + run.err()).doesNotContain(TOKEN);
        });
  }

  @Test
  void noTokenIsAUsageErrorThatSaysWhereToPutOne() {
    Cli.Run run = Cli.run("pull", "--token", "", "--out", out().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("HUBSPOT_ACCESS_TOKEN").contains("--token");
  }

  @Test
  void aWidePortalExportsEveryPropertyWithoutA414AtTwoCallsPerHundredRecords() {
    try (Sandbox sandbox = start(b -> b.contactProperties(1_200).maxRequestLineLength(8_000))) {
      Cli.Run run =
          pull(sandbox, "--objects", "contacts", "--associations", "none", "--cursors", "1");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(sandbox.portal().properties("contacts")).hasSizeGreaterThanOrEqualTo(1_200);
      PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "contacts", Long.MAX_VALUE);
      assertThat(sandbox.requests()).extracting(RecordedRequest::status).doesNotContain(414);
      long records = sandbox.portal().count("contacts");
      long pages = (records + 99) / 100;
      assertThat(run.out())
          .contains("contacts: " + records + " records, " + (2 * pages) + " requests");
    }
  }

  @Test
  void aRejectedTokenFailsFastWithExitCode3AndSaysHowToFixIt() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run =
          Cli.run(
              "pull",
              "--base-url",
              sandbox.baseUrl().toString(),
              "--token",
              "pat-na1-wrong",
              "--out",
              out().toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
      assertThat(run.err())
          .contains("HubSpot rejected the access token (401")
          .contains("Check the access token (--token-file, --token or $HUBSPOT_ACCESS_TOKEN)")
          .doesNotContain("\tat ");
      assertThat(run.err().lines()).hasSize(1);
      assertThat(sandbox.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void aMissingScopeFailsThatObjectOnlyLeavesNoFileForItAndExitsWith4() throws IOException {
    try (Sandbox sandbox = start(b -> b.withoutScopes(Set.of("tickets")))) {
      Cli.Run run = pull(sandbox, "--objects", "contacts,tickets,companies");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
      assertThat(out().resolve("tickets.csv")).doesNotExist();
      assertThat(FolderLayout.partialOf(out().resolve("tickets.csv"))).doesNotExist();
      PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "contacts", Long.MAX_VALUE);
      PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), "companies", Long.MAX_VALUE);
      PortalChecks.pairFileMatchesPortal(
          out(), sandbox.portal(), "companies", "contacts", List.of());
      assertThat(run.err())
          .contains("tickets")
          .containsIgnoringCase("scope")
          .doesNotContain("\tat ");
      assertThat(run.out()).contains("job completed").contains("failed: tickets");
      JsonNode manifest = manifest();
      assertThat(manifest.path("failures").toString())
          .contains("\"object\":\"tickets\"")
          .contains("permission");
      assertThat(manifest.path("objects").toString())
          .contains("\"name\":\"tickets\"")
          .contains("\"status\":\"failed\"");
    }
  }

  @Test
  void theDailyLimitStopsTheRunWithExitCode6AndSaysWhenItResets() throws IOException {
    // 9 requests plan (each object's properties at three sensitivity levels), 3 pull
    try (Sandbox sandbox = start(b -> b.rateLimit(RateLimitTier.FREE).dailyLimit(12))) {
      Cli.Run run = pull(sandbox, "--objects", "contacts,companies,deals");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
      assertThat(run.err()).contains("daily").contains("midnight").doesNotContain("\tat ");
      assertThat(run.err().lines()).hasSize(1);
      // partial files may stay for a resumed run; none of them looks like a finished .csv
      JsonNode manifest = manifest();
      assertThat(manifest.path("failures").toString()).contains("rate_limit");
      for (JsonNode object : manifest.path("objects")) {
        if (object.path("status").asText().equals("complete")) {
          PortalChecks.objectFileMatchesPortal(
              out(), sandbox.portal(), object.path("name").asText(), Long.MAX_VALUE);
        } else {
          assertThat(out().resolve(object.path("file").asText())).doesNotExist();
        }
      }
    }
  }

  @Test
  void anUnreachableHostExitsWith5InOneLine() {
    Cli.Run run =
        Cli.run(
            "pull",
            "--base-url",
            "http://127.0.0.1:9",
            "--token",
            TOKEN,
            "--out",
            out().toString(),
            "--max-retries",
            "1");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
    assertThat(run.err()).contains("cannot connect to http://127.0.0.1:9").doesNotContain("\tat ");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void anOutputFolderThatCannotBeCreatedExitsWith7BeforeAnyRequest() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run =
          Cli.run(
              "pull",
              "--base-url",
              sandbox.baseUrl().toString(),
              "--token",
              TOKEN,
              "--out",
              file.resolve("sub").toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
      assertThat(run.err())
          .contains("Choose another output folder (--out)")
          .doesNotContain("\tat ");
      assertThat(sandbox.requestCount()).isZero();
    }
  }

  @Test
  void finishesAgainstARateLimitedSandboxWithTheRightRowsAndNoRefusal() {
    try (Sandbox sandbox = start(b -> b.rateLimit(RateLimitTier.FREE))) {
      // pull() sets a budget far above the tier's 100 per 10 s, but the sandbox's
      // X-HubSpot-RateLimit-Secondly (10) paces every request: no 429 is met
      Cli.Run run = pull(sandbox);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      for (String type : List.of("contacts", "companies", "deals", "line_items")) {
        PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), type, Long.MAX_VALUE);
      }
      PortalChecks.pairFileMatchesPortal(out(), sandbox.portal(), "deals", "line_items", List.of());
      assertThat(sandbox.requests()).extracting(RecordedRequest::status).doesNotContain(429);
    }
  }

  @Test
  void keepsWithinAnEnforcedPerSecondAllowanceFromItsFirstRequestAndRecoversWhereItGuessedWrong() {
    for (SecondlyLimit limit : SecondlyLimit.values()) {
      try (Sandbox sandbox =
          start(b -> b.records(150).rateLimit(RateLimitTier.FREE).secondlyLimit(limit))) {
        // the tier's own budget: the run's first burst (every object's properties) must keep
        // within 10 a second before any answer has said so
        List<String> args = new ArrayList<>(Cli.pullArgs(sandbox, out(), "--tier", "free"));
        args.subList(args.indexOf("--rate-limit"), args.indexOf("--rate-limit") + 2).clear();
        args.addAll(List.of("--objects", "contacts,companies,deals", "--restart"));
        Cli.Run run = Cli.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String type : List.of("contacts", "companies", "deals")) {
          PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), type, Long.MAX_VALUE);
        }
        PortalChecks.pairFileMatchesPortal(
            out(), sandbox.portal(), "deals", "companies", List.of());
        if (limit != SecondlyLimit.ALL) {
          assertThat(sandbox.requests()).extracting(RecordedRequest::status).doesNotContain(429);
        } // with ALL, association reads shown exempt from the window meet a 429 and slow down
      }
    }
  }

  @Test
  void associationReadsGoUnpacedByTheWindowOnlyWhereHubSpotsCountShowsThemExempt() {
    for (boolean counted : List.of(false, true)) {
      try (Sandbox sandbox =
          start(
              b ->
                  b.records(5_000) // one company has 1,500 contacts: 30 pages of its links
                      .rateLimit(RateLimitTier.PROFESSIONAL)
                      .associationPageSize(50)
                      .associationReadsCounted(counted))) {
        List<String> args =
            new ArrayList<>(Cli.pullArgs(sandbox, out(), "--tier", "professional", "--verbose"));
        args.subList(args.indexOf("--rate-limit"), args.indexOf("--rate-limit") + 2).clear();
        args.addAll(
            List.of("--objects", "companies,contacts", "--associations", "companies:contacts"));
        Cli.Run run = Cli.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        PortalChecks.pairFileMatchesPortal(
            out(), sandbox.portal(), "companies", "contacts", List.of());
        assertThat(sandbox.requests()).extracting(RecordedRequest::status).doesNotContain(429);
        if (counted) {
          assertThat(run.err()).doesNotContain("exempt from the 10-second window");
        } else {
          assertThat(run.err()).contains("are exempt from the 10-second window");
        }
      }
    }
  }

  @Test
  void finishesAgainstAFaultySandboxWithTheRightRows() {
    try (Sandbox sandbox =
        start(
            b -> b.faults(FaultPlan.parse("5xx=0.05,reset=0.03,truncate=0.03,short-page=0.05")))) {
      Cli.Run run =
          pull(sandbox, "--objects", "contacts,companies,deals,tickets", "--max-retries", "8");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      for (String type : List.of("contacts", "companies", "deals", "tickets")) {
        PortalChecks.objectFileMatchesPortal(out(), sandbox.portal(), type, Long.MAX_VALUE);
      }
      for (List<String> pair :
          List.of(
              List.of("deals", "companies"),
              List.of("companies", "contacts"),
              List.of("tickets", "deals"))) {
        PortalChecks.pairFileMatchesPortal(
            out(), sandbox.portal(), pair.get(0), pair.get(1), List.of());
      }
      assertThat(sandbox.requests())
          .extracting(RecordedRequest::status)
          .anyMatch(s -> s >= 500 || s == 0);
    }
  }

  @Test
  void theTokenNeverAppearsInOutputTracesOrFiles() throws IOException {
    try (Sandbox sandbox = start(b -> b.withoutScopes(Set.of("tickets")))) {
      Cli.Run run = pull(sandbox, "--verbose", "--objects", "contacts,tickets,deals");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
      assertThat(run.err()).contains("http > GET /crm/v3/objects/contacts").contains("Bearer ***");
      assertThat(run.out() + run.err()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(8));
      try (Stream<Path> files = Files.walk(tmp)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(Files.readString(file)).as(file.toString()).doesNotContain(TOKEN.substring(8));
        }
      }
    }
  }

  @Test
  void aDryRunPrintsThePlanAndWritesNothing() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run = pull(sandbox, "--dry-run", "--objects", "deals,companies");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out())
          .contains("deals")
          .contains("0-3")
          .contains("deals_companies.csv")
          .contains(sandbox.portal().properties("deals").size() + " properties");
      assertThat(out()).doesNotExist();
      assertThat(sandbox.requests())
          .extracting(RecordedRequest::path)
          .allMatch(p -> p.startsWith("/crm/v3/properties/"));
    }
  }

  @Test
  void aDryRunShowsHowEachObjectWillBeRead() {
    try (Sandbox sandbox = start(b -> b.contactProperties(2_000))) {
      Cli.Run split = pull(sandbox, "--dry-run", "--objects", "contacts,deals");
      Cli.Run limited = pull(sandbox, "--dry-run", "--objects", "deals", "--count", "5");
      Cli.Run walked = pull(sandbox, "--dry-run", "--objects", "deals", "--search-walk");
      Cli.Run single = pull(sandbox, "--dry-run", "--objects", "deals", "--cursors", "1");

      assertThat(split.exitCode()).as(split.toString()).isZero();
      assertThat(readLines(split))
          .containsExactly(
              "read: 4 list cursors on id ranges past the first page; ids listed, then batch read"
                  + " (too many properties for a GET)",
              "read: 4 list cursors on id ranges past the first page" + LISTED);
      assertThat(readLines(limited)).containsExactly("read: 1 list cursor" + LISTED);
      assertThat(readLines(walked))
          .containsExactly(
              "read: 1 list cursor up, a search walk down from the top past the first page"
                  + LISTED);
      assertThat(readLines(single)).containsExactly("read: 1 list cursor" + LISTED);
    }
  }

  /** How a read line ends for an object whose list pages carry its properties. */
  private static final String LISTED = "; records listed with their properties";

  /** The plan's read line of each object, in the plan's order. */
  private static List<String> readLines(Cli.Run dryRun) {
    return dryRun
        .out()
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith("read: "))
        .toList();
  }

  @Test
  void quietPrintsNothingWhenAllGoesWell() {
    try (Sandbox sandbox = start(b -> b)) {
      Cli.Run run = pull(sandbox, "--quiet", "--objects", "products");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).isEmpty();
      assertThat(out().resolve("products.csv")).isRegularFile();
    }
  }
}
