package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import dev.hubspotextract.extract.FileMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code join --labels} and {@code sql --labels} end to end over a sandbox pull and the reference
 * tables it writes: every label the one the reference files give, the same from CSV, Parquet and
 * DuckDB folders, the reference tables as SQL tables, and a partial answer (exit 4) where a
 * reference table is missing.
 */
class LabelsCommandTest {
  @TempDir static Path tmp;
  static SandboxFolders pulled;
  static Path csv;

  @BeforeAll
  static void pull() {
    pulled = SandboxFolders.start(tmp, 120, 23, "deals,companies,tickets");
    csv = pulled.pull("csv");
  }

  @AfterAll
  static void stop() {
    pulled.close();
  }

  private static Cli.Run run(String... args) {
    return Cli.run(args);
  }

  /** {@code join deals companies --labels} over {@code folder}, written to a file. */
  private static Path labelledJoin(Path folder, String name, int exitCode) {
    Path out = tmp.resolve(name);
    Cli.Run run =
        run(
            "join",
            "deals",
            "companies",
            "--labels",
            "--in",
            folder.toString(),
            "--out",
            out.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
    return out;
  }

  @Test
  void aLabelledJoinLabelsEveryColumnAsTheReferenceTablesSay() {
    List<Map<String, String>> rows = CsvTables.rows(labelledJoin(csv, "labelled.csv", 0));

    ExpectedLabels expected = ExpectedLabels.of(csv);
    int labelsThatAreNotTheValue = 0;
    for (String object : List.of("deals", "companies")) {
      String prefix = object.equals("deals") ? "deal." : "company.";
      Map<Long, Map<String, String>> records = CsvTables.byId(csv.resolve(object + ".csv"));
      Map<String, ExpectedLabels.Kind> labelled =
          expected.labelled(object, CsvTables.header(csv.resolve(object + ".csv")));
      assertThat(labelled).as(object + " has labelled columns").isNotEmpty();
      for (Map<String, String> row : rows) {
        String id = row.get(prefix + "id");
        if (id.isEmpty()) {
          continue; // a deal without a company
        }
        Map<String, String> record = records.get(Long.parseLong(id));
        for (Map.Entry<String, ExpectedLabels.Kind> column : labelled.entrySet()) {
          String label = expected.label(object, column.getKey(), column.getValue(), record);
          assertThat(emptyAsNull(row.get(prefix + column.getKey() + "_label")))
              .as("%s%s_label of %s", prefix, column.getKey(), id)
              .isEqualTo(label);
          if (label != null && !label.equals(record.get(column.getKey()))) {
            labelsThatAreNotTheValue++;
          }
        }
      }
    }
    assertThat(labelsThatAreNotTheValue).as("labels that are not the value").isPositive();
    // the portal's hard cases are among the rows checked: a second pipeline whose numeric stage
    // ids repeat the first's labels, and records of archived owners, named all the same
    assertThat(rows)
        .anySatisfy(
            row -> {
              assertThat(row.get("deal.pipeline_label")).isEqualTo("Renewals");
              assertThat(row.get("deal.dealstage")).matches("\\d+");
              assertThat(row.get("deal.dealstage_label")).isEqualTo("Closed Won");
            });
    Set<String> archivedOwners =
        CsvTables.rows(csv.resolve("owners.csv")).stream()
            .filter(owner -> owner.get("archived").equals("true"))
            .map(owner -> owner.get("id"))
            .collect(Collectors.toSet());
    assertThat(rows)
        .anySatisfy(
            row -> {
              assertThat(archivedOwners).contains(row.get("deal.hubspot_owner_id"));
              assertThat(row.get("deal.hubspot_owner_id_label"))
                  .isNotEmpty()
                  .isNotEqualTo(row.get("deal.hubspot_owner_id"));
            });
    assertThat(rows.get(0).keySet())
        .containsSubsequence("deal.dealstage", "deal.dealstage_label")
        .containsSubsequence("deal.hubspot_owner_id", "deal.hubspot_owner_id_label")
        .containsSubsequence("deal.pipeline", "deal.pipeline_label");
  }

  private static String emptyAsNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  @Test
  void parquetAndDuckDbFoldersGiveTheSameLabelledJoin() throws Exception {
    String fromCsv = Files.readString(labelledJoin(csv, "from-csv.csv", 0));
    for (OutputFormat format : List.of(OutputFormat.PARQUET, OutputFormat.DUCKDB)) {
      Path converted = Files.createDirectory(tmp.resolve("converted-" + format.label()));
      FormatConverter.convert(csv, converted, format, FileMode.PRIVATE);

      assertThat(Files.readString(labelledJoin(converted, "from-" + format.label() + ".csv", 0)))
          .as(format.label())
          .isEqualTo(fromCsv);
    }
  }

  @Test
  void sqlSeesTheReferenceTablesAndWithLabelsTheLabelledViews() throws Exception {
    Cli.Run tables = run("sql", "--in", csv.toString(), "--tables", "--labels");
    assertThat(tables.exitCode()).as(tables.toString()).isZero();
    assertThat(tables.out())
        .contains("owners", "pipelines", "pipeline_stages", "properties", "property_options")
        .contains("deals_labeled", "companies_labeled", "tickets_labeled");

    // owners typed as the manifest says, every row there
    Path owners = tmp.resolve("owners-typed.csv");
    Cli.Run typed =
        run(
            "sql",
            "--in",
            csv.toString(),
            "SELECT typeof(id) AS t, count(*) AS n FROM owners GROUP BY 1",
            "--out",
            owners.toString());
    assertThat(typed.exitCode()).as(typed.toString()).isZero();
    assertThat(CsvTables.rows(owners))
        .containsExactly(
            Map.of(
                "t",
                "BIGINT",
                "n",
                Integer.toString(CsvTables.rows(csv.resolve("owners.csv")).size())));

    // each ticket's stage label is its stage's in pipeline_stages: a join written by hand agrees
    Path disagree = tmp.resolve("disagree.csv");
    Cli.Run labelled =
        run(
            "sql",
            "--in",
            csv.toString(),
            "--labels",
            "SELECT t.id FROM tickets_labeled t LEFT JOIN pipeline_stages s ON s.object = 'tickets'"
                + " AND s.pipelineId = t.hs_pipeline AND s.id = t.hs_pipeline_stage"
                + " WHERE t.hs_pipeline_stage_label IS DISTINCT FROM coalesce(s.label,"
                + " t.hs_pipeline_stage)",
            "--out",
            disagree.toString());
    assertThat(labelled.exitCode()).as(labelled.toString()).isZero();
    assertThat(CsvTables.rows(disagree)).isEmpty();
  }

  @Test
  void aMissingScopeAnswersWithTheLabelsItCanNamesTheScopeAndExits4() throws Exception {
    Path lacking = pulled.pullWithoutScopes("no-owners-scope", Set.of("owners"));
    Path out = tmp.resolve("lacking.csv");
    Cli.Run run =
        run(
            "join",
            "deals",
            "companies",
            "--labels",
            "--in",
            lacking.toString(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.err().lines().filter(l -> l.startsWith("join: ")).toList())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("owners.csv", "crm.objects.owners.read", "./hubspot-extract pull --objects");
    List<Map<String, String>> rows = CsvTables.rows(out);
    assertThat(rows).isNotEmpty();
    List<String> stageLabels = new ArrayList<>();
    for (Map<String, String> row : rows) {
      assertThat(row.get("deal.hubspot_owner_id_label"))
          .isEqualTo(row.get("deal.hubspot_owner_id"));
      stageLabels.add(row.get("deal.dealstage_label"));
    }
    assertThat(stageLabels).as("stage labels are still there").contains("Closed Won");
    Cli.Run sql =
        run("sql", "--in", lacking.toString(), "--labels", "SELECT count(*) FROM deals_labeled");
    assertThat(sql.exitCode()).as(sql.toString()).isEqualTo(4);
    assertThat(sql.err()).contains("sql: no owner names", "crm.objects.owners.read");
  }

  @Test
  void aFolderOfAnEarlierVersionAnswersSaysToPullAgainAndExits4WithLabelsOnly() throws Exception {
    Path earlier = pulled.pullAsAnEarlierVersion("earlier");

    Cli.Run labelled =
        run("sql", "--in", earlier.toString(), "--labels", "SELECT count(*) FROM deals_labeled");
    assertThat(labelled.exitCode()).as(labelled.toString()).isEqualTo(4);
    assertThat(labelled.err())
        .contains(
            "earlier version",
            "run ./hubspot-extract pull --objects deals,companies,tickets --out " + earlier);
    assertThat(labelled.out())
        .contains(" " + CsvTables.rows(earlier.resolve("deals.csv")).size() + "\n");

    Cli.Run plain = run("sql", "--in", earlier.toString(), "SELECT count(*) FROM deals");
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
  }
}
