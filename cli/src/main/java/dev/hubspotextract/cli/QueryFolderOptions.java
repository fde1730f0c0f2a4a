package dev.hubspotextract.cli;

import dev.hubspotextract.extract.FileMode;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options {@code join} and {@code sql} share: the pulled folder, the result file, rows shown.
 */
final class QueryFolderOptions {
  @Option(
      names = "--in",
      paramLabel = "DIR",
      defaultValue = "out",
      description = "The folder pull wrote (default: ${DEFAULT-VALUE}).")
  Path in;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write every row to FILE (.csv or .parquet); without it, print the first rows.")
  Path out;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  int maxRows;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "50",
      description = "Rows printed without --out (default: ${DEFAULT-VALUE}).")
  void maxRows(int rows) {
    if (rows < 0) {
      throw new ParameterException(
          command.commandLine(),
          "--max-rows must be 0 or more, got " + rows + " (--out FILE writes every row)");
    }
    this.maxRows = rows;
  }

  @Option(
      names = "--keep-umask",
      description =
          "Give --out the permissions your umask says (default: yours alone, 600: CRM data is"
              + " personal data).")
  boolean keepUmask;

  FileMode fileMode() {
    return keepUmask ? FileMode.UMASK : FileMode.PRIVATE;
  }
}
