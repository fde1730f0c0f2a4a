package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.SameOutput;
import dev.hubspotextract.sandbox.ChangeReport;
import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sync} against a sandbox changed on demand: after any mix of changes, a synced folder holds
 * what a fresh pull of the same portal writes, byte for byte.
 */
// its tests run at once: each has a sandbox and folder of its own, and mostly waits on search's 5
// requests a second
@Execution(ExecutionMode.CONCURRENT)
class SyncCommandTest {
  /** Search trails writes by this much in these tests; a sync waits it out before it starts. */
  private static final Duration LAG = Duration.ofMillis(300);

  @TempDir Path dir;

  private static Sandbox sandbox(long records) {
    return Sandbox.builder().records(records).seed(7).searchLag(LAG).start();
  }

  private static void waitOutTheSearchLag() throws InterruptedException {
    Thread.sleep(LAG.toMillis() + 200);
  }

  private static void assertOk(Cli.Run run) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void aSyncAfterEveryKindOfChangeWritesWhatAFreshPullWrites() throws Exception {
    try (Sandbox sandbox = sandbox(600)) {
      Path synced = dir.resolve("synced");
      Cli.Run first = Cli.sync(sandbox, synced, "-q");
      assertOk(first);
      assertThat(synced.resolve("manifest.json")).exists(); // an empty folder is pulled

      sandbox
          .portal()
          .apply(
              List.of(
                  ChangeSet.of("contacts")
                      .create(20)
                      .update(40)
                      .bulkUpdate(60)
                      .archive(10)
                      .delete(5)
                      .relink(30)
                      .relinkTouchesModified(false),
                  ChangeSet.of("deals")
                      .update(15)
                      .archive(3)
                      .relink(10)
                      .relinkTouchesModified(true),
                  ChangeSet.of("companies").create(4).delete(2),
                  ChangeSet.of("tickets").newProperty("favourite_colour")));
      waitOutTheSearchLag();
      Cli.Run sync = Cli.sync(sandbox, synced, "--full-associations", "--verify-deletes");
      assertOk(sync);

      Path fresh = dir.resolve("fresh");
      assertOk(Cli.pull(sandbox, fresh, "-q"));
      SameOutput.assertSameTables(synced, fresh);
      assertThat(sync.out())
          .contains("contacts: ")
          .contains("20 new, 10 archived, 5 deleted")
          .contains("tickets: pulled whole, as its properties changed (new: favourite_colour)")
          .containsPattern("synced 13 objects and 29 association files in [0-9.]+ s");
    }
  }

  @Test
  void aDefaultSyncCatchesWhatMovesTheModifiedDateAndArchivesButNotSilentLinkEditsOrDeletes()
      throws Exception {
    try (Sandbox sandbox = sandbox(400)) {
      Path synced = dir.resolve("synced");
      assertOk(Cli.sync(sandbox, synced, "-q"));
      sandbox
          .portal()
          .apply(
              List.of(
                  ChangeSet.of("contacts")
                      .create(10)
                      .update(25)
                      .archive(5)
                      .relink(15)
                      .relinkTouchesModified(true),
                  ChangeSet.of("companies").update(5).create(3)));
      waitOutTheSearchLag();
      assertOk(Cli.sync(sandbox, synced, "-q"));
      Path fresh = dir.resolve("fresh");
      assertOk(Cli.pull(sandbox, fresh, "-q"));
      SameOutput.assertSameTables(synced, fresh);

      // what a default sync cannot see: links edited without a date moved, records deleted for good
      ChangeReport silent =
          sandbox
              .portal()
              .apply(ChangeSet.of("contacts").relink(10).relinkTouchesModified(false).delete(3));
      waitOutTheSearchLag();
      assertOk(Cli.sync(sandbox, synced, "-q"));
      Path fresh2 = dir.resolve("fresh2");
      assertOk(Cli.pull(sandbox, fresh2, "-q"));
      assertThat(Files.readString(synced.resolve("contacts.csv")))
          .contains(silent.deleted().get(0)); // still there
      List<ChangeReport.LinkEdit> inPulledPairs =
          silent.relinked().stream()
              .filter(
                  edit ->
                      Files.exists(fresh2.resolve(pairFileOf("contacts", edit.toObject(), fresh2))))
              .toList();
      assertThat(inPulledPairs).isNotEmpty(); // some edits are to objects no default pair links
      for (ChangeReport.LinkEdit edit : inPulledPairs) {
        String pair = pairFileOf("contacts", edit.toObject(), fresh2);
        assertThat(Files.readAllBytes(synced.resolve(pair)))
            .as(pair + " after " + edit)
            .isNotEqualTo(Files.readAllBytes(fresh2.resolve(pair)));
      }

      // the two options catch them
      assertOk(Cli.sync(sandbox, synced, "-q", "--full-associations", "--verify-deletes"));
      SameOutput.assertSameTables(synced, fresh2);
    }
  }

  @Test
  void moreThanTenThousandChangesInOneMillisecondAreAllFound() throws Exception {
    try (Sandbox sandbox = sandbox(12_000)) {
      Path synced = dir.resolve("synced");
      String[] contactsOnly = {"-q", "--objects", "contacts", "--associations", "none"};
      assertOk(Cli.sync(sandbox, synced, contactsOnly));
      ChangeReport bulk =
          sandbox.portal().apply(ChangeSet.of("contacts").bulkUpdate(10_500).update(50));
      assertThat(bulk.bulkUpdated()).hasSize(10_500);
      waitOutTheSearchLag();

      Cli.Run sync = Cli.sync(sandbox, synced, "--objects", "contacts", "--associations", "none");
      assertOk(sync);
      assertThat(sync.out()).contains("contacts: 10,550 updated, 0 new, 0 archived");
      Path fresh = dir.resolve("fresh");
      assertOk(Cli.pull(sandbox, fresh, contactsOnly));
      SameOutput.assertSameTables(synced, fresh);
    }
  }

  @Test
  void searchPagesWithHolesOrCutShortLoseNoChange() throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder()
            .records(3_000)
            .seed(5)
            .searchLag(LAG)
            .faults(FaultPlan.parse("search-hole=0.2,short-page=0.2,unordered-page=0.1"))
            .start()) {
      Path synced = dir.resolve("synced");
      String[] contacts = {"-q", "--objects", "contacts", "--associations", "none"};
      assertOk(Cli.sync(sandbox, synced, contacts));
      sandbox.portal().apply(ChangeSet.of("contacts").bulkUpdate(600).update(150).create(30));
      waitOutTheSearchLag();

      assertOk(Cli.sync(sandbox, synced, contacts));
      Path fresh = dir.resolve("fresh");
      assertOk(Cli.pull(sandbox, fresh, contacts));
      SameOutput.assertSameTables(synced, fresh);
    }
  }

  @Test
  void allObjectsAreResolvedAgainANewCustomObjectPulledWholeAGoneOneDropped() throws Exception {
    try (Sandbox sandbox = sandbox(200)) {
      Path synced = dir.resolve("synced");
      assertOk(Cli.sync(sandbox, synced, "-q", "--objects", "all", "--associations", "none"));
      // the folder as an earlier sync left it when the portal had another custom object, "ghosts",
      // and not yet the first custom object it has now
      ObjectNode manifest = (ObjectNode) manifest(synced);
      ArrayNode objects = manifest.withArray("objects");
      String custom = null;
      for (int i = 0; i < objects.size(); i++) {
        if (objects.get(i).path("objectTypeId").asText().startsWith("2-")) {
          custom = objects.get(i).path("name").asText();
          objects.remove(i);
          break;
        }
      }
      assertThat(custom).as("the sandbox has custom objects").isNotNull();
      Files.delete(synced.resolve(custom + ".csv"));
      ObjectNode ghosts = objects.get(0).deepCopy();
      ghosts.put("name", "ghosts").put("objectTypeId", "2-999").put("file", "ghosts.csv");
      objects.add(ghosts);
      Files.copy(
          synced.resolve(objects.get(0).path("file").asText()), synced.resolve("ghosts.csv"));
      new ObjectMapper().writeValue(synced.resolve("manifest.json").toFile(), manifest);

      Cli.Run sync = Cli.sync(sandbox, synced, "--objects", "all", "--associations", "none");

      assertOk(sync);
      assertThat(sync.out())
          .contains(custom + ": pulled whole, as new in this sync")
          .contains("ghosts: dropped");
      assertThat(synced.resolve("ghosts.csv")).doesNotExist();
      Path fresh = dir.resolve("fresh");
      assertOk(Cli.pull(sandbox, fresh, "-q", "--objects", "all", "--associations", "none"));
      SameOutput.assertSameTables(synced, fresh);
    }
  }

  @Test
  void customObjectsThatCannotBeListedAreKeptStaleNotDropped() throws Exception {
    Path synced = dir.resolve("synced");
    String[] all = {"--objects", "all", "--associations", "none"};
    try (Sandbox sandbox = sandbox(200)) {
      assertOk(Cli.sync(sandbox, synced, concat(all, "-q")));
    }
    List<String> customFiles = new java.util.ArrayList<>();
    manifest(synced)
        .path("objects")
        .forEach(
            entry -> {
              if (entry.path("objectTypeId").asText().startsWith("2-")) {
                customFiles.add(entry.path("file").asText());
              }
            });
    assertThat(customFiles).isNotEmpty();
    // the same portal, the token no longer allowed to list custom objects
    try (Sandbox unscoped =
        Sandbox.builder()
            .records(200)
            .seed(7)
            .searchLag(LAG)
            .withoutScopes(Set.of("schemas"))
            .start()) {
      Cli.Run sync = Cli.sync(unscoped, synced, all);

      assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(4);
      assertThat(sync.err()).contains("custom objects");
      assertThat(sync.out()).doesNotContain("dropped");
    }
    for (String file : customFiles) {
      assertThat(synced.resolve(file)).exists();
    }
    manifest(synced)
        .path("objects")
        .forEach(
            entry -> {
              if (entry.path("objectTypeId").asText().startsWith("2-")) {
                assertThat(entry.path("status").asText()).isEqualTo("stale");
              }
            });
  }

  @Test
  void aPairLeftStaleIsReadWholeByTheNextSync() throws Exception {
    Path synced = dir.resolve("synced");
    String[] objects = {"--objects", "contacts,deals", "--associations", "deals:contacts"};
    try (Sandbox sandbox = sandbox(300)) {
      assertOk(Cli.sync(sandbox, synced, concat(objects, "-q")));
    }
    try (Sandbox broken =
        Sandbox.builder().records(300).seed(7).searchLag(LAG).broken(Set.of("deals")).start()) {
      assertThat(Cli.sync(broken, synced, concat(objects, "-q", "--max-retries", "0")).exitCode())
          .isEqualTo(4);
    }
    assertThat(manifest(synced).at("/associations/0/status").asText()).isEqualTo("stale");
    try (Sandbox healthy = sandbox(300)) {
      healthy.portal().apply(ChangeSet.of("contacts").create(3).update(5));
      waitOutTheSearchLag();
      Cli.Run sync = Cli.sync(healthy, synced, objects);

      assertOk(sync);
      assertThat(sync.out()).contains("deals_contacts: ").contains("(read whole)");
      Path fresh = dir.resolve("fresh");
      assertOk(Cli.pull(healthy, fresh, concat(objects, "-q")));
      SameOutput.assertSameTables(synced, fresh);
    }
  }

  @Test
  void theManifestKeepsEachObjectsMarkAndWhatTheLastSyncDid() throws Exception {
    try (Sandbox sandbox = sandbox(300)) {
      Path synced = dir.resolve("synced");
      assertOk(Cli.sync(sandbox, synced, "-q", "--objects", "deals", "--associations", "none"));
      JsonNode pulled = manifest(synced).at("/objects/0");
      assertThat(pulled.path("mark").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

      sandbox.portal().apply(ChangeSet.of("deals").update(7).create(2).archive(1));
      waitOutTheSearchLag();
      assertOk(Cli.sync(sandbox, synced, "-q", "--objects", "deals", "--associations", "none"));

      JsonNode manifest = manifest(synced);
      JsonNode deals = manifest.at("/objects/0");
      assertThat(manifest.path("syncedAt").asText()).isNotEmpty();
      assertThat(manifest.has("syncing")).isFalse();
      assertThat(deals.path("mark").asText()).isGreaterThanOrEqualTo(pulled.path("mark").asText());
      assertThat(deals.at("/lastSync/updated").asLong()).isEqualTo(7);
      assertThat(deals.at("/lastSync/added").asLong()).isEqualTo(2);
      assertThat(deals.at("/lastSync/archived").asLong()).isEqualTo(1);
      assertThat(deals.at("/lastSync/requests").asLong()).isPositive();
      assertThat(deals.path("records").asLong()).isEqualTo(pulled.path("records").asLong() + 2 - 1);
    }
  }

  @Test
  void anObjectThatFailsKeepsItsFileAndMarkIsMarkedStaleAndTheRunExits4() throws Exception {
    Path synced = dir.resolve("synced");
    String[] objects = {"--objects", "contacts,deals", "--associations", "none"};
    try (Sandbox sandbox = sandbox(300)) {
      assertOk(Cli.sync(sandbox, synced, concat(objects, "-q")));
    }
    byte[] dealsBefore = Files.readAllBytes(synced.resolve("deals.csv"));
    String markBefore = manifest(synced).at("/objects/1/mark").asText();
    // the same portal, where deals now fail for good
    try (Sandbox broken =
        Sandbox.builder().records(300).seed(7).searchLag(LAG).broken(Set.of("deals")).start()) {
      Cli.Run sync = Cli.sync(broken, synced, concat(objects, "--max-retries", "0"));

      assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(4);
      assertThat(sync.err()).contains("deals:");
    }
    assertThat(Files.readAllBytes(synced.resolve("deals.csv"))).isEqualTo(dealsBefore);
    JsonNode deals = manifest(synced).at("/objects/1");
    assertThat(deals.path("status").asText()).isEqualTo("stale");
    assertThat(deals.path("mark").asText()).isEqualTo(markBefore);
  }

  @Test
  void aFolderSyncCannotVouchForIsRefusedSayingWhatToRunInstead() throws Exception {
    try (Sandbox sandbox = sandbox(200)) {
      Path counted = dir.resolve("counted");
      assertOk(Cli.pull(sandbox, counted, "-q", "--count", "5"));
      Cli.Run fromCount = Cli.sync(sandbox, counted);
      assertThat(fromCount.exitCode()).as(fromCount.toString()).isEqualTo(2);
      assertThat(fromCount.err())
          .contains("at most 5 records per object")
          .contains("pull it again");

      Path deals = dir.resolve("deals");
      assertOk(Cli.pull(sandbox, deals, "-q", "--objects", "deals"));
      Cli.Run otherObjects = Cli.sync(sandbox, deals, "--objects", "contacts");
      assertThat(otherObjects.exitCode()).as(otherObjects.toString()).isEqualTo(2);
      assertThat(otherObjects.err())
          .contains(
              "other objects to pull (deals)",
              "(contacts)",
              "the same objects to pull (--objects)");

      Files.writeString(deals.resolve("manifest.json"), "{\"tool\": \"hubspot-extract\", \"obj");
      Cli.Run damaged = Cli.sync(sandbox, deals, "--objects", "deals");
      assertThat(damaged.exitCode()).as(damaged.toString()).isEqualTo(2);
      assertThat(damaged.err()).contains("damaged");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "duckdb"})
  void aFolderOfAnotherFormatIsSyncedThroughItsCsvTablesAndHoldsWhatAFreshPullWrites(String format)
      throws Exception {
    try (Sandbox sandbox = sandbox(400)) {
      Path synced = dir.resolve("synced");
      String[] objects = {"--objects", "contacts,companies,deals", "--format", format};
      assertOk(Cli.sync(sandbox, synced, concat(objects, "-q"))); // an empty folder is pulled
      Path base = FolderLayout.of(synced).csvBase();
      assertThat(base.resolve("manifest.json")).isRegularFile();
      assertThat(synced).isDirectoryNotContaining("glob:**.csv");

      sandbox
          .portal()
          .apply(
              List.of(
                  ChangeSet.of("contacts")
                      .create(12)
                      .update(30)
                      .archive(6)
                      .delete(3)
                      .relink(10)
                      .relinkTouchesModified(false),
                  ChangeSet.of("deals").update(10).create(2).archive(1),
                  ChangeSet.of("companies").newProperty("favourite_colour")));
      waitOutTheSearchLag();
      Cli.Run sync =
          Cli.sync(sandbox, synced, concat(objects, "--full-associations", "--verify-deletes"));
      assertOk(sync);
      assertThat(sync.out())
          .contains("12 new, 6 archived, 3 deleted")
          .contains("companies: pulled whole, as its properties changed (new: favourite_colour)");

      Path fresh = dir.resolve("fresh");
      assertOk(Cli.pull(sandbox, fresh, concat(objects, "-q")));
      SameConvertedOutput.assertSameTables(synced, fresh);
      assertThat(manifest(synced).path("format").asText()).isEqualTo(format);
      assertThat(manifest(synced).has("syncing")).isFalse();
      assertThat(manifest(synced).path("syncedAt").asText()).isNotEmpty();
    }
  }

  @Test
  void aConvertedFolderIsSyncedOnlyInItsFormatAndOnlyWithTheCsvTablesItWasConvertedFrom()
      throws Exception {
    try (Sandbox sandbox = sandbox(200)) {
      Path folder = dir.resolve("parquet");
      String[] deals = {"--objects", "deals", "--associations", "none"};
      String[] asParquet = concat(deals, "--format", "parquet");
      assertOk(Cli.pull(sandbox, folder, concat(asParquet, "-q")));

      Cli.Run asCsv = Cli.sync(sandbox, folder, deals);
      assertThat(asCsv.exitCode()).as(asCsv.toString()).isEqualTo(2);
      assertThat(asCsv.err())
          .contains("holds parquet files, not csv")
          .contains("sync it in parquet, its file format (--format), or pull it again");
      Cli.Run asExcel = Cli.sync(sandbox, folder, concat(deals, "--excel"));
      assertThat(asExcel.exitCode()).as(asExcel.toString()).isEqualTo(2);
      assertThat(asExcel.err()).contains("leave out --excel");

      // as a pull of an earlier version left it: converted, its CSV files deleted
      deleteTree(FolderLayout.of(folder).csvBase());
      Cli.Run withoutBase = Cli.sync(sandbox, folder, asParquet);
      assertThat(withoutBase.exitCode()).as(withoutBase.toString()).isEqualTo(2);
      assertThat(withoutBase.err())
          .contains("holds parquet files without the CSV tables they were converted from")
          .contains("pull it again in the same file format (--format)");

      assertOk(Cli.pull(sandbox, folder, concat(asParquet, "-q"))); // which keeps them again
      assertOk(Cli.sync(sandbox, folder, concat(asParquet, "-q")));

      // pulled as CSV, the folder has no base any more: nothing would sync it
      assertOk(Cli.pull(sandbox, folder, concat(deals, "-q")));
      assertThat(SameOutput.files(folder))
          .containsExactlyElementsOf(SameOutput.withReferenceFiles("deals.csv", "manifest.json"));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The association file of two objects in a pulled folder, whichever the pair starts at. */
  private static String pairFileOf(String one, String other, Path dir) {
    String forward = one + "_" + other + ".csv";
    return Files.exists(dir.resolve(forward)) ? forward : other + "_" + one + ".csv";
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  private static JsonNode manifest(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
  }
}
