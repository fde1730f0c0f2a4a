package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path dir;

  private static final Manifest.Column AMOUNT =
      new Manifest.Column("amount", "number", "number", "DECIMAL(38,2)", 2, null);
  private static final Manifest.Column SCORE =
      new Manifest.Column(
          "score", "number", "number", "DOUBLE", null, "a value has 19 decimals, more than 18");

  private static Manifest aPullOfEveryKindOfEntry() {
    List<Manifest.Column> dealColumns =
        List.of(
            new Manifest.Column("id", "id", null, null, null, null),
            new Manifest.Column("dealname", "string", "text", null, null, null),
            AMOUNT,
            SCORE);
    return new Manifest(
        Manifest.TOOL,
        "1.2.3",
        "csv",
        true,
        "https://api.hubapi.com",
        "2026-11-29T22:00:00.123Z",
        "2026-11-29T22:05:00Z",
        List.of(
            new Manifest.ObjectEntry(
                "deals",
                "0-3",
                null,
                null,
                "deals.csv",
                1_234,
                "complete",
                new Manifest.Skipped(3),
                new Manifest.Skipped(-1),
                7L,
                1L,
                dealColumns,
                null,
                "2026-11-29T21:59:58Z",
                new Manifest.SyncCounts(12, 3, 1, 0, 9, null)),
            new Manifest.ObjectEntry(
                "contacts__2_123",
                "2-123",
                "contacts",
                "HubSpot's name contacts belongs to a standard object",
                "contacts__2_123.csv",
                0,
                "failed",
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null)),
        List.of(
            new Manifest.AssociationEntry(
                "deals",
                "companies",
                "deals_companies.csv",
                99,
                "complete",
                3L,
                1L,
                List.of(new Manifest.Column("from_id", "id", null, null, null, null)),
                null)),
        List.of(
            new Manifest.ReferenceEntry(
                "pipelines",
                "pipelines.csv",
                3,
                "complete",
                ReferenceTable.PIPELINES.columns(),
                null,
                null,
                List.of(new Manifest.ReferenceEntry.LeftOut("tickets", "skipped", "tickets"))),
            new Manifest.ReferenceEntry(
                "owners",
                "owners.csv",
                0,
                "skipped",
                ReferenceTable.OWNERS.columns(),
                "crm.objects.owners.read",
                null,
                List.of())),
        List.of(
            new Manifest.HistoryEntry(
                "deals",
                "deals_property_history.csv",
                340,
                "complete",
                List.of("dealstage", "amount"),
                Manifest.HistoryEntry.COLUMNS,
                null),
            new Manifest.HistoryEntry(
                "tickets",
                "tickets_property_history.csv",
                0,
                "failed",
                List.of("hs_pipeline_stage"),
                Manifest.HistoryEntry.COLUMNS,
                null)),
        List.of(
            new Manifest.Failure("contacts__2_123", null, "permission", "missing scope"),
            new Manifest.Failure(null, "deals_companies", "transient", "timed out"),
            new Manifest.Failure(null, null, "property_options", null, "internal", "a bug"),
            new Manifest.Failure(
                null, null, null, "tickets_property_history", "permission", "scope")),
        List.of("tickets.csv"),
        "2026-11-30T08:00:00Z",
        null,
        new Manifest.Selection(
            List.of("deals"),
            List.of(),
            null,
            List.of("sensitive"),
            List.of("deals:companies"),
            List.of("dealstage", "deals.amount")));
  }

  @Test
  void aManifestReadsBackEqualToTheOneWritten() throws IOException {
    Manifest written = aPullOfEveryKindOfEntry();

    Path file = written.write(dir, FileMode.PRIVATE);

    assertThat(file).isEqualTo(dir.resolve("manifest.json"));
    assertThat(Manifest.read(file)).isEqualTo(written);
    assertThat(dir.resolve(FolderLayout.PRIVATE_FOLDER).resolve("unfinished")).isEmptyDirectory();
  }

  @Test
  void itsJsonKeepsTheDocumentedFieldsAndLeavesOutWhatDoesNotApply() throws IOException {
    String json = Files.readString(aPullOfEveryKindOfEntry().write(dir, FileMode.PRIVATE));

    assertThat(json)
        .contains("\"tool\" : \"hubspot-extract\"")
        .contains("\"excel\" : true")
        .contains("\"file\" : \"deals.csv\"")
        .contains("\"records\" : 1234")
        .contains("\"sensitivePropertiesSkipped\" : 3")
        .contains("\"highlySensitivePropertiesSkipped\" : \"unknown (the token cannot list them)\"")
        .contains("\"idsOutOfOrder\" : 7")
        .contains("\"decimals\" : 2")
        .contains("\"doubleBecause\" : \"a value has 19 decimals, more than 18\"")
        .contains("\"rows\" : 99")
        .contains("\"object\" : \"contacts__2_123\"")
        .contains("\"association\" : \"deals_companies\"")
        .contains("\"history\" : \"tickets_property_history\"")
        .contains("\"properties\" : [ \"dealstage\", \"amount\" ]")
        .contains(
            "\"name\" : \"updatedByUserId\",\n"
                + "      \"type\" : \"number\",\n"
                + "      \"sqlType\" : \"BIGINT\",\n"
                + "      \"decimals\" : 0")
        .contains("\"reference\" : \"property_options\"")
        .contains("\"status\" : \"skipped\"")
        .contains("\"missingScope\" : \"crm.objects.owners.read\"")
        .contains(
            "\"objectsLeftOut\" : [ {\n"
                + "      \"object\" : \"tickets\",\n"
                + "      \"status\" : \"skipped\",\n"
                + "      \"missingScope\" : \"tickets\"\n"
                + "    } ]")
        .contains("\"sqlType\" : \"BIGINT\"")
        .contains("\"removed\" : [ \"tickets.csv\" ]")
        .doesNotContain("\"table\"")
        .doesNotContain("null");
    // a table every object answered for says nothing of objects left out
    assertThat(json.indexOf("\"objectsLeftOut\""))
        .isEqualTo(json.lastIndexOf("\"objectsLeftOut\""));
    assertThat(json.indexOf("\"associations\""))
        .as("histories after the association files, then the failures")
        .isLessThan(json.indexOf("\"histories\""))
        .isLessThan(json.indexOf("\"failures\""));
    assertThat(json.indexOf("\"name\" : \"deals\""))
        .as("an entry's fields in the documented order")
        .isLessThan(json.indexOf("\"objectTypeId\" : \"0-3\""))
        .isLessThan(json.indexOf("\"file\" : \"deals.csv\""));
  }

  @Test
  void aManifestOfAnEarlierVersionReadsWithTheNewerFieldsAbsent() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("manifest.json"),
            """
            {
              "tool" : "hubspot-extract",
              "version" : "0.1.0",
              "format" : "csv",
              "source" : "https://api.hubapi.com",
              "startedAt" : "2025-01-01T00:00:00Z",
              "objects" : [ {
                "name" : "deals",
                "file" : "deals.csv",
                "records" : 2,
                "status" : "complete",
                "columns" : [ { "name" : "amount", "type" : "number" } ]
              } ],
              "associations" : [ { "from" : "deals", "to" : "companies", "file" : "deals_companies.csv" } ],
              "aFieldOfALaterVersion" : { "ignored" : true }
            }
            """);

    Manifest manifest = Manifest.read(file);

    assertThat(manifest.excel()).isFalse();
    assertThat(manifest.finishedAt()).isNull();
    assertThat(manifest.failures()).isEmpty();
    assertThat(manifest.removed()).isEmpty();
    assertThat(manifest.totalRecords()).isEqualTo(2);
    Manifest.ObjectEntry deals = manifest.objects().get(0);
    assertThat(deals.columns())
        .containsExactly(new Manifest.Column("amount", "number", null, null, null, null));
    assertThat(deals.sensitivePropertiesSkipped()).isNull();
    assertThat(deals.idsOutOfOrder()).isNull();
    assertThat(manifest.tables())
        .extracting(Manifest.TableEntry::tableName)
        .containsExactly("deals", "deals_companies");
    assertThat(manifest.histories()).isEmpty();
    assertThat(manifest.request()).isNull();
    assertThat(manifest.associations().get(0).columns()).isEmpty();
    assertThat(manifest.associations().get(0).failed()).isFalse();
    assertThat(manifest.references()).isEmpty();
  }

  @Test
  void aStaleReferenceTableIsThereForReadersItsFileTheSyncBeforesAndAFailedOneStaysFailed() {
    Manifest.ReferenceEntry pipelines = aPullOfEveryKindOfEntry().references().get(0);
    Manifest.ReferenceEntry owners = aPullOfEveryKindOfEntry().references().get(1);

    assertThat(pipelines.stale().status()).isEqualTo("stale");
    assertThat(pipelines.stale().isStale()).isTrue();
    assertThat(pipelines.stale().failed()).isFalse();
    assertThat(pipelines.stale().rows()).isEqualTo(pipelines.rows());
    assertThat(pipelines.stale().objectsLeftOut()).isEqualTo(pipelines.objectsLeftOut());
    assertThat(owners.stale().status()).isEqualTo("skipped");
    assertThat(owners.stale().failed()).isTrue();
  }

  @Test
  void aSkippedReferenceTableCountsAsFailedForReadersItsFileBeingAbsent() {
    Manifest manifest = aPullOfEveryKindOfEntry();

    assertThat(manifest.tables())
        .filteredOn(Manifest.TableEntry::failed)
        .extracting(Manifest.TableEntry::tableName)
        // the failed object and history of the fixture, and the skipped reference table
        .containsExactly("contacts__2_123", "owners", "tickets_property_history");
  }

  @Test
  void aFileThatIsNotAManifestIsNotReadAsOne() throws IOException {
    Path notJson = Files.writeString(dir.resolve("manifest.json"), "<html>");
    assertThatThrownBy(() -> Manifest.read(notJson)).isInstanceOf(IOException.class);

    Path halfDecimals =
        Files.writeString(
            dir.resolve("other.json"),
            "{\"objects\":[{\"name\":\"deals\",\"columns\":[{\"name\":\"a\",\"decimals\":2.5}]}]}");
    assertThatThrownBy(() -> Manifest.read(halfDecimals)).isInstanceOf(IOException.class);
  }

  @Test
  void onlyAManifestOfTheToolsOwnIsWrittenByIt() throws IOException {
    Path file = Files.writeString(dir.resolve("manifest.json"), "{\"tool\":\"another-exporter\"}");

    assertThat(Manifest.read(file).writtenByTheTool()).isFalse();
    assertThat(aPullOfEveryKindOfEntry().writtenByTheTool()).isTrue();
  }

  @Test
  void aConversionMovesEveryTableAndKeepsEverythingElse() {
    Manifest csv = aPullOfEveryKindOfEntry();

    Manifest duckdb =
        csv.convertedTo(
            "duckdb",
            entry -> new Manifest.Place("hubspot.duckdb", entry.tableName()),
            List.of("deals.parquet"));

    assertThat(duckdb.format()).isEqualTo("duckdb");
    assertThat(duckdb.tables())
        .extracting(Manifest.TableEntry::file, Manifest.TableEntry::table)
        .containsExactly(
            tuple("hubspot.duckdb", "deals"),
            tuple("hubspot.duckdb", "contacts__2_123"),
            tuple("hubspot.duckdb", "deals_companies"),
            tuple("hubspot.duckdb", "pipelines"),
            tuple("hubspot.duckdb", "owners"),
            tuple("hubspot.duckdb", "deals_property_history"),
            tuple("hubspot.duckdb", "tickets_property_history"));
    assertThat(duckdb.references().get(1).missingScope()).isEqualTo("crm.objects.owners.read");
    assertThat(duckdb.histories().get(0).properties()).containsExactly("dealstage", "amount");
    assertThat(duckdb.objects().get(0).columns()).isEqualTo(csv.objects().get(0).columns());
    assertThat(duckdb.objects().get(0).records()).isEqualTo(1_234);
    assertThat(duckdb.failures()).isEqualTo(csv.failures());
    assertThat(duckdb.removed()).containsExactly("deals.parquet"); // the converted folder's own
    assertThat(duckdb.excel()).isTrue();
  }

  @Test
  void referenceTablesAndHistoriesAreTablesAfterTheAssociationsAndMoveInAConversion()
      throws IOException {
    Manifest csv =
        Manifest.read(
            Files.writeString(
                dir.resolve("manifest.json"),
                """
                {
                  "tool" : "hubspot-extract", "format" : "csv",
                  "objects" : [ { "name" : "deals", "file" : "deals.csv" } ],
                  "references" : [ { "name" : "owners", "file" : "owners.csv", "rows" : 12,
                    "status" : "complete", "columns" : [ { "name" : "id", "type" : "number",
                    "sqlType" : "BIGINT" } ], "missingScope" : null, "table" : null },
                    { "name" : "pipelines", "file" : "pipelines.csv", "status" : "skipped",
                    "missingScope" : "crm.objects.deals.read" } ],
                  "histories" : [ { "object" : "deals", "file" : "deals_property_history.csv",
                    "rows" : 340, "status" : "complete", "properties" : [ "dealstage" ] } ]
                }
                """));

    assertThat(csv.tables())
        .extracting(Manifest.TableEntry::tableName)
        .containsExactly("deals", "owners", "pipelines", "deals_property_history");
    assertThat(csv.references().get(1).missingScope()).isEqualTo("crm.objects.deals.read");
    assertThat(csv.references().get(0).columns().get(0).sqlType()).isEqualTo("BIGINT");
    assertThat(csv.histories().get(0).properties()).containsExactly("dealstage");
    Manifest parquet =
        csv.convertedTo(
            "parquet",
            entry -> new Manifest.Place(entry.tableName() + ".parquet", null),
            List.of());
    assertThat(parquet.tables())
        .extracting(Manifest.TableEntry::file)
        .containsExactly(
            "deals.parquet",
            "owners.parquet",
            "pipelines.parquet",
            "deals_property_history.parquet");
    assertThat(Manifest.read(parquet.write(dir, FileMode.PRIVATE))).isEqualTo(parquet);
  }
}
