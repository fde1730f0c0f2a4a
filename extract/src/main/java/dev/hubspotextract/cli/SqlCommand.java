package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.PulledDatabase;
import dev.hubspotextract.analyze.PulledFolder;
import dev.hubspotextract.analyze.PulledTable;
import dev.hubspotextract.analyze.QueryOutput;
import dev.hubspotextract.analyze.Sql;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
      "Example: sql \"SELECT dealstage, count(*), sum(amount) FROM deals GROUP BY 1\"",
    })
final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The SQL to run.")
  String query;

  @Mixin QueryFolderOptions folder;

  @Option(names = "--tables", description = "List the tables and their columns' types, and stop.")
  boolean listTables;

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
      stderr.println(
          "hubspot-extract: give a QUERY, e.g. sql --in out \"SELECT count(*) FROM deals\", or --tables");
      stderr.flush();
      return ExitCode.USAGE.code();
    }
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(folder.in))) {
      if (folder.out != null) {
        db.folder().checkNotOverwritten(folder.out);
      }
      if (!allowExternal) {
        db.lockTo(Optional.ofNullable(folder.out));
      }
      String sql = listTables ? tablesQuery(db) : Sql.trimmed(query);
      try {
        QueryOutput.deliver(
            db.connection(),
            sql,
            listTables ? Optional.empty() : Optional.ofNullable(folder.out),
            folder.fileMode(),
            listTables ? Integer.MAX_VALUE : folder.maxRows,
            stdout,
            stderr);
      } catch (AnalyzeException e) {
        throw db.folder().explainMissingTable(e);
      }
      if (listTables) {
        db.folder()
            .unlistedFiles()
            .forEach(file -> stderr.println("note: " + db.folder().whyNotATable(file)));
        stderr.flush();
      }
      return 0;
    } catch (AnalyzeException e) {
      stderr.println("hubspot-extract: " + e.getMessage());
      stderr.flush();
      return ExitCode.USAGE.code();
    }
  }

  private static String tablesQuery(PulledDatabase db) {
    String names =
        db.tables().stream()
            .map(PulledTable::table)
            .map(t -> "'" + t.replace("'", "''") + "'")
            .collect(Collectors.joining(", "));
    return "SELECT table_name AS \"table\", column_name AS \"column\", data_type AS \"type\""
        + " FROM information_schema.columns WHERE table_name IN ("
        + (names.isEmpty() ? "NULL" : names)
        + ") ORDER BY table_name, ordinal_position";
  }
}
