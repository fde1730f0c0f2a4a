package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.JoinPlanner;
import dev.hubspotextract.analyze.JoinQuery;
import dev.hubspotextract.analyze.JoinRequest;
import dev.hubspotextract.analyze.PulledDatabase;
import dev.hubspotextract.analyze.PulledFolder;
import dev.hubspotextract.analyze.QueryOutput;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code join} command: pulled objects joined along their association files. */
@Command(
    name = "join",
    mixinStandardHelpOptions = true,
    description = "Joins pulled objects along their association files.",
    footer = {
      "",
      "Every row of the first object is kept, with the columns of each linked",
      "record of the later objects: one row per linked combination. Columns are",
      "prefixed by their object's singular name (deal.dealname, company.name).",
      "A later object links to the first through first_other.csv (or",
      "other_first.csv, read in reverse); when neither exists, through the",
      "nearest earlier object that has one. A pair linked by several association",
      "types counts once.",
      "",
      "With --labels, each object's enumeration, owner, pipeline and stage columns",
      "are followed by their labels (deal.hubspot_owner_id_label = Jane Doe); a",
      "value without a label is its own. A reference table missing (a scope the",
      "pull lacked, an older pull) is named on one line and the exit code is 4.",
      "",
      "Example: join deals companies contacts --primary --out deals.csv",
    })
final class JoinCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "OBJECT",
      description = "Objects to join, in order (deals companies contacts …).")
  List<String> objects = List.of();

  @Mixin QueryFolderOptions folder;

  @Option(
      names = "--inner",
      description = "Keep only rows linked to a record of every later object (default: left join).")
  boolean inner;

  @Option(
      names = "--primary",
      description = "Only primary links, in association files that mark any (e.g. deal→company).")
  boolean primary;

  @Option(
      names = "--label",
      paramLabel = "TEXT",
      description = "Only links with this label, in association files that use it.")
  String label;

  @Option(
      names = "--columns",
      split = ",",
      paramLabel = "COLUMN",
      description =
          "Output columns, prefixed: deal.dealname,company.name or company.* (default: all).")
  List<String> columns = List.of();

  @Option(
      names = "--labels",
      description =
          "Add a COLUMN_label column after each enumeration, owner, pipeline and stage column:"
              + " deal.dealstage_label = Appointment Scheduled (from the reference tables).")
  boolean labels;

  @Option(names = "--print-sql", description = "Print the SQL the join runs and stop.")
  boolean printSql;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (objects.size() < 2) {
      throw new AnalyzeException(
          "join needs two objects or more, in the order to join them (e.g. join deals"
              + " companies), got "
              + (objects.isEmpty()
                  ? "none"
                  : "only "
                      + objects.get(0)
                      + "; for its rows alone use sql \"SELECT * FROM "
                      + objects.get(0)
                      + "\""));
    }
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(folder.in))) {
      if (folder.out != null) {
        db.folder().checkNotOverwritten(folder.out);
      }
      db.lockTo(Optional.ofNullable(folder.out)); // its own SQL needs no more
      JoinRequest request =
          new JoinRequest(objects, inner, primary, Optional.ofNullable(label), columns, labels);
      JoinQuery query = JoinPlanner.plan(db, request);
      query.notes().forEach(note -> stderr.println("join: " + Flags.show(note)));
      query.labelGaps().forEach(gap -> stderr.println("join: " + Flags.show(gap)));
      stderr.flush();
      if (printSql) {
        stdout.println(query.sql());
        stdout.flush();
        return 0;
      }
      QueryOutput.deliver(
          db.connection(),
          query.sql(),
          Optional.ofNullable(folder.out),
          folder.fileMode(),
          folder.maxRows,
          stdout,
          stderr,
          Flags::show);
      return ExitCode.ofAnswerLacking(query.labelGaps()).code();
    }
  }
}
