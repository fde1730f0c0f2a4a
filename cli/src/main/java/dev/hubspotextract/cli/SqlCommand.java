package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.LabelGap;
import dev.hubspotextract.analyze.Labels;
import dev.hubspotextract.analyze.PulledDatabase;
import dev.hubspotextract.analyze.PulledFolder;
import dev.hubspotextract.analyze.PulledTable;
import dev.hubspotextract.analyze.QueryOutput;
import dev.hubspotextract.analyze.SqlScript;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code sql} command: SQL over a pulled folder, one typed table per file. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "Runs SQL over a pulled folder.",
    footer = {
      "",
      "Each file is a table named after it (deals, deals_companies), typed from",
      "manifest.json: number → DECIMAL(38, its most decimals), or DOUBLE when no",
      "DECIMAL holds it, date → DATE, datetime → TIMESTAMPTZ (UTC), bool → BOOLEAN,",
      "ids → BIGINT, the rest → VARCHAR. A value that does not parse as its type",
      "reads as NULL. SQL dialect: DuckDB's",
      "(https://duckdb.org/docs/sql/introduction).",
      "",
      "A query opens only the files of --in and its --out file, and no extension",
      "is fetched behind its back; --allow-external lets it open any file you can.",
      "",
      "The reference tables are tables too (owners, pipelines, pipeline_stages,",
      "properties, property_options), and so are the property histories",
      "(deals_property_history). With --labels, each object also has a labelled",
      "view (deals_labeled) with a COLUMN_label after each enumeration, owner,",
      "pipeline and stage column.",
      "",
      "Example: sql \"SELECT dealstage, count(*), sum(amount) FROM deals GROUP BY 1\"",
    })
final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      description =
          "The SQL to run: one statement or several, separated by ';', each result printed in"
              + " turn (with --out, the last one's rows go to the file).")
  String query;

  @Mixin QueryFolderOptions folder;

  @Option(names = "--tables", description = "List the tables and their columns' types, and stop.")
  boolean listTables;

  @Option(
      names = "--labels",
      description =
          "Also offer each object labelled, as the view OBJECT_labeled (deals_labeled): its"
              + " columns with a COLUMN_label after each enumeration, owner, pipeline and stage"
              + " column.")
  boolean labels;

  @Option(
      names = "--allow-external",
      description =
          "Let the query read and write any file you can, attach databases and install"
              + " extensions (default: it reads only the files of --in and writes only --out).")
  boolean allowExternal;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (query == null && !listTables) {
      throw new AnalyzeException(
          "give a QUERY, e.g. sql --in out \"SELECT count(*) FROM deals\", or --tables");
    }
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(folder.in))) {
      if (folder.out != null) {
        db.folder().checkNotOverwritten(folder.out);
      }
      if (!allowExternal) {
        db.lockTo(Optional.ofNullable(folder.out));
      }
      List<LabelGap> gaps = List.of();
      List<String> views = List.of();
      if (labels) {
        Labels labelled = Labels.add(db, db.tables().stream().filter(PulledTable::object).toList());
        gaps = labelled.gaps();
        views = labelled.views().values().stream().sorted().toList();
        gaps.forEach(gap -> stderr.println("sql: " + Flags.show(gap)));
        stderr.flush();
      }
      List<String> statements =
          listTables ? List.of(tablesQuery(db, views)) : SqlScript.statements(query);
      if (statements.isEmpty()) {
        throw new AnalyzeException("the QUERY holds no SQL statement, only spaces or comments");
      }
      for (int i = 0; i < statements.size(); i++) {
        boolean last = i == statements.size() - 1;
        if (i > 0) {
          stdout.println();
        }
        try {
          if (!allowExternal) {
            db.refuseWritingInPlace(statements.get(i));
          }
          QueryOutput.deliver(
              db.connection(),
              statements.get(i),
              last && !listTables ? Optional.ofNullable(folder.out) : Optional.empty(),
              folder.fileMode(),
              listTables ? Integer.MAX_VALUE : folder.maxRows,
              stdout,
              stderr,
              Flags::show);
        } catch (AnalyzeException e) {
          AnalyzeException explained = db.folder().explainMissingTable(e);
          throw statements.size() == 1
              ? explained
              : explained.after("statement " + (i + 1) + " of " + statements.size() + ": ");
        }
      }
      if (listTables) {
        db.folder()
            .unlistedFiles()
            .forEach(file -> stderr.println("note: " + db.folder().whyNotATable(file)));
        stderr.flush();
      }
      return ExitCode.ofAnswerLacking(gaps).code();
    }
  }

  /** The tables' columns and types, and those of the labelled views {@code views}. */
  private static String tablesQuery(PulledDatabase db, List<String> views) {
    String names =
        Stream.concat(db.tables().stream().map(PulledTable::table), views.stream())
            .map(t -> "'" + t.replace("'", "''") + "'")
            .collect(Collectors.joining(", "));
    return "SELECT table_name AS \"table\", column_name AS \"column\", data_type AS \"type\""
        + " FROM information_schema.columns WHERE table_name IN ("
        + (names.isEmpty() ? "NULL" : names)
        + ") ORDER BY table_name, ordinal_position";
  }
}
