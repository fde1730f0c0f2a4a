package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FolderLayoutTest {
  private static final Path OUT = Path.of("/data/out");
  private static final FolderLayout LAYOUT = FolderLayout.of(OUT);
  private static final ObjectType DEALS = new ObjectType("deals", "0-3", "deals", false, "deals");
  private static final ObjectType COMPANIES =
      new ObjectType("companies", "0-2", "companies", false, "companies");

  @Test
  void theTablesAndTheManifestLieInTheFolderItself() {
    assertThat(LAYOUT.objectFile(DEALS)).isEqualTo(OUT.resolve("deals.csv"));
    assertThat(LAYOUT.pairFile(new AssociationPair(DEALS, COMPANIES, List.of())))
        .isEqualTo(OUT.resolve("deals_companies.csv"));
    assertThat(LAYOUT.manifest()).isEqualTo(OUT.resolve("manifest.json"));
    assertThat(LAYOUT.databaseFile()).isEqualTo(OUT.resolve("hubspot.duckdb"));
  }

  @Test
  void aTablesFileDependsOnTheFolderFormat() {
    assertThat(FolderLayout.csvFile("deals")).isEqualTo("deals.csv");
    assertThat(FolderLayout.csvFile(FolderLayout.pairTable("deals", "companies")))
        .isEqualTo("deals_companies.csv");
    assertThat(FolderLayout.tableFile("deals", "parquet")).isEqualTo("deals.parquet");
    assertThat(FolderLayout.tableFile("deals", "duckdb")).isEqualTo("hubspot.duckdb");
    assertThat(FolderLayout.tableOf("deals_companies.parquet")).isEqualTo("deals_companies");
    assertThat(FolderLayout.ownTableNames()).containsExactly("manifest", "hubspot");
  }

  @Test
  void onlyPlainTableFilesOfAPullCountAsItsFiles() {
    for (String name : List.of("deals.csv", "deals.parquet", "hubspot.duckdb")) {
      assertThat(FolderLayout.isTableFile(name)).as(name).isTrue();
    }
    for (String name : List.of("", ".deals.csv", "../deals.csv", "a\\b.csv", "notes.partial")) {
      assertThat(FolderLayout.isTableFile(name)).as(name).isFalse();
    }
    assertThat(FolderLayout.isOneTableFile("hubspot.duckdb")).isFalse();
  }

  @Test
  void everyUnfinishedFileLiesInThePrivateFolder() {
    Path unfinished = OUT.resolve(".hubspot-extract").resolve("unfinished");
    Path deals = OUT.resolve("deals.csv");

    assertThat(LAYOUT.unfinishedFolder()).isEqualTo(unfinished);
    assertThat(FolderLayout.partialOf(deals)).isEqualTo(unfinished.resolve("deals.csv.partial"));
    assertThat(FolderLayout.excelCopyOf(deals)).isEqualTo(unfinished.resolve("deals.csv.excel"));
    assertThat(FolderLayout.convertedCopyOf(deals)).isEqualTo(unfinished.resolve("deals.csv.tmp"));
    assertThat(FolderLayout.partialOf(FolderLayout.sideFileOf(deals)))
        .isEqualTo(unfinished.resolve("deals.csv.top.partial"));
    assertThat(FolderLayout.partialOf(FolderLayout.stragglersOf(deals)))
        .isEqualTo(unfinished.resolve("deals.csv.stragglers.partial"));
    assertThat(FolderLayout.partialOf(FolderLayout.mergedOf(deals)))
        .isEqualTo(unfinished.resolve("deals.csv.merged.partial"));
  }

  @Test
  void aSegmentsFileNamesTheStartOfItsRange() {
    Path deals = OUT.resolve("deals.csv");
    Path segment = FolderLayout.partialOf(FolderLayout.segmentOf(deals, 4_200));

    assertThat(segment.getFileName()).hasToString("deals.csv.from-4200.partial");
    assertThat(FolderLayout.segmentStart(deals, segment)).hasValue(4_200);
    assertThat(FolderLayout.segmentStart(OUT.resolve("deal.csv"), segment)).isEmpty();
    assertThat(FolderLayout.segmentStart(deals, FolderLayout.partialOf(deals))).isEmpty();
    assertThat(FolderLayout.segmentStart(deals, Path.of("deals.csv.from-x.partial")))
        .as("named like a segment, of no range: a leftover")
        .isEqualTo(OptionalLong.of(-1));
  }

  @Test
  void theStateHoldsOneCheckpointPerTaskBesideTheRunsOwnFiles() {
    Path state = OUT.resolve(".hubspot-extract").resolve("state");

    assertThat(LAYOUT.lockFile()).isEqualTo(OUT.resolve(".hubspot-extract").resolve("lock"));
    assertThat(LAYOUT.stateFolder()).isEqualTo(state);
    assertThat(LAYOUT.checkpointFile("deals@42")).isEqualTo(state.resolve("deals@42.json"));
    assertThat(FolderLayout.taskOfCheckpoint("deals@42.json")).hasValue("deals@42");
    assertThat(FolderLayout.taskOfCheckpoint(LAYOUT.runFile().getFileName().toString())).isEmpty();
    assertThat(FolderLayout.taskOfCheckpoint(LAYOUT.earlierPullFile().getFileName().toString()))
        .isEqualTo(Optional.empty());
    assertThat(FolderLayout.taskOfCheckpoint("deals.json.tmp")).isEmpty();
    assertThat(FolderLayout.replacementOf(LAYOUT.runFile()))
        .isEqualTo(state.resolve("run.json.tmp"));
  }
}
