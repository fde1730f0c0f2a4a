package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspotextract.analyze.LabelledFolderFixture.References;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.extract.FileMode;
import dev.hubspotextract.extract.ReferenceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --labels} over a folder with reference tables: each object's labelled view holds every
 * column of the object with a label after each enumeration, owner, pipeline and stage column, each
 * label the one the reference files give (computed from them in Java, {@link ExpectedLabels}); what
 * is missing is said, and its labels are the values.
 */
class LabelsTest {
  @TempDir Path dir;

  private Path folder(References references) throws Exception {
    return LabelledFolderFixture.write(
        Files.createDirectories(dir.resolve(references.name().toLowerCase())), references);
  }

  /** Every row of {@code sql}, each a map of column name to value as text. */
  private static List<Map<String, String>> rows(PulledDatabase db, String sql) throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Statement statement = db.connection().createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int n = result.getMetaData().getColumnCount();
      while (result.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
          Object value = result.getObject(i);
          row.put(result.getMetaData().getColumnLabel(i), value == null ? null : value.toString());
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<PulledTable> objects(PulledDatabase db) {
    return db.tables().stream().filter(PulledTable::object).toList();
  }

  /**
   * Checks each object's labelled view of {@code db} against the CSV files of {@code csvFolder}:
   * its columns are the object's, each labelled one followed by its label, and every label is the
   * one the reference files give.
   */
  private static void assertLabelsMatch(PulledDatabase db, Labels labels, Path csvFolder)
      throws SQLException {
    ExpectedLabels expected = ExpectedLabels.of(csvFolder);
    for (String object : List.of("deals", "tickets")) {
      Path csv = csvFolder.resolve(object + ".csv");
      List<String> header = CsvTables.header(csv);
      Map<String, ExpectedLabels.Kind> labelled = expected.labelled(object, header);
      List<String> columns = new ArrayList<>();
      for (String column : header) {
        columns.add(column);
        if (labelled.containsKey(column)) {
          columns.add(column + "_label");
        }
      }
      String view = labels.viewOf(db.folder().object(object).orElseThrow()).orElseThrow();
      assertThat(view).isEqualTo(object + "_labeled");
      assertThat(db.columns(view)).as(view).containsExactlyElementsOf(columns);

      Map<Long, Map<String, String>> records = CsvTables.byId(csv);
      List<Map<String, String>> rows = rows(db, "SELECT * FROM " + view + " ORDER BY id");
      assertThat(rows).hasSize(records.size());
      for (Map<String, String> row : rows) {
        Map<String, String> record = records.get(Long.parseLong(row.get("id")));
        labelled.forEach(
            (column, kind) ->
                assertThat(row.get(column + "_label"))
                    .as("%s %s of %s", view, column + "_label", row.get("id"))
                    .isEqualTo(expected.label(object, column, kind, record)));
      }
    }
  }

  @Test
  void everyLabelIsTheOneItsReferenceTableGives() throws Exception {
    Path in = folder(References.COMPLETE);
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      Labels labels = Labels.add(db, objects(db));

      assertThat(labels.gaps()).isEmpty();
      assertLabelsMatch(db, labels, in);
    }
  }

  @Test
  void aParquetFolderIsLabelledAsItsCsvFiles() throws Exception {
    assertAConvertedFolderIsLabelledAsItsCsvFiles(OutputFormat.PARQUET);
  }

  @Test
  void aDuckDbFolderIsLabelledAsItsCsvFiles() throws Exception {
    assertAConvertedFolderIsLabelledAsItsCsvFiles(OutputFormat.DUCKDB);
  }

  private void assertAConvertedFolderIsLabelledAsItsCsvFiles(OutputFormat format) throws Exception {
    Path csv = folder(References.COMPLETE);
    Path converted = Files.createDirectory(dir.resolve(format.label()));
    FormatConverter.convert(csv, converted, format, FileMode.PRIVATE);

    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(converted))) {
      assertThat(db.tables())
          .extracting(PulledTable::table)
          .contains("owners", "pipelines", "pipeline_stages", "properties", "property_options");
      Labels labels = Labels.add(db, objects(db));

      assertThat(labels.gaps()).isEmpty();
      assertLabelsMatch(db, labels, csv);
    }
  }

  @Test
  void aMultiSelectValueGetsTheLabelOfEachPartInItsOrderAndAPartWithoutOneKeepsIt()
      throws Exception {
    Path in = folder(References.COMPLETE);
    Map<String, String> tagLabels = new LinkedHashMap<>();
    CsvTables.rows(in.resolve("property_options.csv")).stream()
        .filter(o -> o.get("property").equals("deal_tags"))
        .forEach(o -> tagLabels.put(o.get("value"), o.get("label")));
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      Labels.add(db, objects(db));

      Map<String, String> labelOf = new LinkedHashMap<>();
      rows(db, "SELECT DISTINCT deal_tags, deal_tags_label FROM deals_labeled")
          .forEach(r -> labelOf.put(r.get("deal_tags"), r.get("deal_tags_label")));
      assertThat(labelOf.get("b;a")).isEqualTo(tagLabels.get("b") + ";" + tagLabels.get("a"));
      assertThat(labelOf.get("c;zzz;a"))
          .isEqualTo(tagLabels.get("c") + ";zzz;" + tagLabels.get("a"));
      assertThat(labelOf).containsEntry(null, null);
    }
  }

  @Test
  void anArchivedOwnerStillNamesTheRecordsItOwns() throws Exception {
    Path in = folder(References.COMPLETE);
    Map<String, String> archived =
        CsvTables.rows(in.resolve("owners.csv")).stream()
            .filter(o -> o.get("archived").equals("true"))
            .findFirst()
            .orElseThrow();
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      Labels.add(db, objects(db));

      List<Map<String, String>> owned =
          rows(
              db,
              "SELECT DISTINCT hubspot_owner_id_label FROM deals_labeled WHERE hubspot_owner_id = '"
                  + archived.get("id")
                  + "'");
      assertThat(owned)
          .extracting(r -> r.get("hubspot_owner_id_label"))
          .containsExactly(archived.get("firstName") + " " + archived.get("lastName"));
    }
  }

  @Test
  void aStageIsLabelledWithinItsRecordsPipelineOrTheFirstPipelineWithoutOne() throws Exception {
    Path in = folder(References.COMPLETE);
    Map<String, String> closedWon = new LinkedHashMap<>();
    CsvTables.rows(in.resolve("pipeline_stages.csv")).stream()
        .filter(s -> s.get("id").equals("closedwon"))
        .forEach(s -> closedWon.put(s.get("pipelineId"), s.get("label")));
    assertThat(closedWon.keySet()).as("a stage id in two pipelines").hasSize(2);
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      Labels.add(db, objects(db));

      Map<String, String> byPipeline = new LinkedHashMap<>();
      rows(
              db,
              "SELECT DISTINCT coalesce(pipeline, '') AS p, dealstage_label FROM deals_labeled"
                  + " WHERE dealstage = 'closedwon'")
          .forEach(r -> byPipeline.put(r.get("p"), r.get("dealstage_label")));
      assertThat(byPipeline)
          .containsEntry("default", closedWon.get("default"))
          .containsEntry("renewals", closedWon.get("renewals"))
          // no pipeline: the first pipeline's (pipelines.csv's displayOrder)
          .containsEntry("", closedWon.get("default"))
          // a pipeline that is not there: no stage of it, so the value
          .containsEntry("gone", "closedwon");
    }
  }

  @Test
  void aSkippedOwnersTableIsAPermissionGapNamingItsScopeAndOwnersKeepTheirIds() throws Exception {
    Path in = folder(References.OWNERS_SKIPPED);
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      Labels labels = Labels.add(db, objects(db));

      assertThat(labels.gaps()).hasSize(1);
      LabelGap gap = labels.gaps().get(0);
      assertThat(gap.tables()).containsExactly(ReferenceTable.OWNERS);
      assertThat(gap.category()).isEqualTo(FailureCategory.PERMISSION);
      assertThat(gap.text().text())
          .contains("owners.csv")
          .contains(LabelledFolderFixture.OWNERS_SCOPE)
          .contains("pull deals, tickets into " + in);
      assertThat(
              rows(
                  db,
                  "SELECT count(*) AS n FROM deals_labeled WHERE hubspot_owner_id_label IS DISTINCT"
                      + " FROM hubspot_owner_id OR hs_all_owner_ids_label IS DISTINCT FROM"
                      + " hs_all_owner_ids"))
          .extracting(r -> r.get("n"))
          .containsExactly("0");
      // the other labels are there
      assertThat(
              rows(
                  db,
                  "SELECT count(*) AS n FROM deals_labeled WHERE deal_type_label = 'New Business'"))
          .extracting(r -> r.get("n"))
          .doesNotContain("0");
    }
  }

  @Test
  void pipelinesWrittenWithoutOneObjectsRowsAreAGapForThatObjectAloneNamingTheScope()
      throws Exception {
    Path in = folder(References.COMPLETE);
    // as a pull whose token could not list the tickets' pipelines writes them
    for (String file : List.of("pipelines.csv", "pipeline_stages.csv")) {
      List<String> lines = Files.readAllLines(in.resolve(file));
      assertThat(lines).anyMatch(line -> line.startsWith("tickets,"));
      Files.write(in.resolve(file), lines.stream().filter(l -> !l.startsWith("tickets,")).toList());
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(in.resolve("manifest.json").toFile());
    for (JsonNode entry : manifest.path("references")) {
      if (entry.path("name").asText().startsWith("pipeline")) {
        ((ObjectNode) entry)
            .putArray("objectsLeftOut")
            .addObject()
            .put("object", "tickets")
            .put("status", "skipped")
            .put("missingScope", "tickets");
      }
    }
    json.writeValue(in.resolve("manifest.json").toFile(), manifest);
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      Labels labels = Labels.add(db, objects(db));

      assertThat(labels.gaps())
          .extracting(LabelGap::tables, LabelGap::category)
          .containsExactly(
              tuple(List.of(ReferenceTable.PIPELINES), FailureCategory.PERMISSION),
              tuple(List.of(ReferenceTable.PIPELINE_STAGES), FailureCategory.PERMISSION));
      assertThat(labels.gaps().get(1).text().text())
          .isEqualTo(
              "no stage labels for tickets: "
                  + in.resolve("pipeline_stages.csv")
                  + " was pulled without them: the access token lacks the scope tickets. Add it"
                  + " to the private app's scopes in HubSpot, then pull deals, tickets into "
                  + in);
      // the tickets' stages are their values; the deals' have their labels
      assertThat(
              rows(
                  db,
                  "SELECT count(*) AS n FROM tickets_labeled WHERE hs_pipeline_stage_label IS"
                      + " DISTINCT FROM hs_pipeline_stage"))
          .extracting(r -> r.get("n"))
          .containsExactly("0");
      assertThat(
              rows(
                  db,
                  "SELECT dealstage_label FROM deals_labeled WHERE dealstage ="
                      + " 'appointmentscheduled' AND pipeline = 'default' LIMIT 1"))
          .extracting(r -> r.get("dealstage_label"))
          .containsExactly("Appointment Scheduled");
    }
  }

  @Test
  void aPropertiesTableWithoutItsTypeColumnIsAGapNamingItNotAQueryError() throws Exception {
    Path in = folder(References.COMPLETE);
    Path properties = in.resolve("properties.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(properties));
    assertThat(lines.get(0)).startsWith("object,name,label,type,");
    lines.set(0, lines.get(0).replace(",type,", ",kind,")); // edited by hand, say
    Files.write(properties, lines);
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      Labels labels = Labels.add(db, objects(db));

      assertThat(labels.gaps()).hasSize(1);
      LabelGap gap = labels.gaps().get(0);
      assertThat(gap.tables()).containsExactly(ReferenceTable.PROPERTIES);
      assertThat(gap.category()).isEqualTo(FailureCategory.USAGE);
      assertThat(gap.text().text())
          .contains(properties.toString())
          .contains("has no column type")
          .contains("pull deals, tickets into " + in);
      // without the types, enumerations are not known; owner, pipeline and stage columns are
      assertThat(db.columns("deals_labeled"))
          .contains("dealstage_label", "pipeline_label", "hubspot_owner_id_label")
          .doesNotContain("deal_type_label");
    }
  }

  @Test
  void aFolderOfAnEarlierVersionGetsOneGapAndItsViewsWithTheValuesAsLabels() throws Exception {
    Path in = folder(References.NONE);
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      Labels labels = Labels.add(db, objects(db));

      assertThat(labels.gaps()).hasSize(1);
      LabelGap gap = labels.gaps().get(0);
      assertThat(gap.category()).isEqualTo(FailureCategory.USAGE);
      assertThat(gap.text().text())
          .contains("earlier version")
          .contains("pull deals, tickets into");
      assertThat(gap.pull()).isPresent();
      // no properties: enumerations are not known; owner, pipeline and stage columns are, by name
      assertThat(db.columns("deals_labeled"))
          .contains("dealstage_label", "pipeline_label", "hubspot_owner_id_label")
          .doesNotContain("deal_type_label");
      assertThat(
              rows(
                  db,
                  "SELECT count(*) AS n FROM deals_labeled WHERE dealstage_label IS DISTINCT FROM"
                      + " dealstage"))
          .extracting(r -> r.get("n"))
          .containsExactly("0");
    }
  }

  @Test
  void aJoinWithLabelsPutsEachLabelAfterItsPrefixedColumn() throws Exception {
    Path in = folder(References.COMPLETE);
    ExpectedLabels expected = ExpectedLabels.of(in);
    Map<Long, Map<String, String>> deals = CsvTables.byId(in.resolve("deals.csv"));
    Map<Long, Map<String, String>> tickets = CsvTables.byId(in.resolve("tickets.csv"));
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(in))) {
      JoinQuery query =
          JoinPlanner.plan(
              db,
              new JoinRequest(
                  List.of("tickets", "deals"), false, false, Optional.empty(), List.of(), true));

      assertThat(query.labelGaps()).isEmpty();
      assertThat(query.columns())
          .containsSubsequence("ticket.hs_pipeline_stage", "ticket.hs_pipeline_stage_label")
          .containsSubsequence("deal.dealstage", "deal.dealstage_label", "deal.hs_all_owner_ids")
          .containsSubsequence("deal.pipeline", "deal.pipeline_label");
      List<Map<String, String>> rows = rows(db, query.sql());
      assertThat(rows).hasSize(tickets.size());
      for (Map<String, String> row : rows) {
        Map<String, String> ticket = tickets.get(Long.parseLong(row.get("ticket.id")));
        Map<String, String> deal = deals.get(Long.parseLong(row.get("deal.id")));
        expected
            .labelled("tickets", List.copyOf(ticket.keySet()))
            .forEach(
                (column, kind) ->
                    assertThat(row.get("ticket." + column + "_label"))
                        .isEqualTo(expected.label("tickets", column, kind, ticket)));
        expected
            .labelled("deals", List.copyOf(deal.keySet()))
            .forEach(
                (column, kind) ->
                    assertThat(row.get("deal." + column + "_label"))
                        .isEqualTo(expected.label("deals", column, kind, deal)));
      }
    }
  }
}
