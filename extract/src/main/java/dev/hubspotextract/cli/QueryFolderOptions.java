package dev.hubspotextract.cli;

import dev.hubspotextract.extract.FileMode;
import java.nio.file.Path;
import picocli.CommandLine.Option;

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

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "50",
      description = "Rows printed without --out (default: ${DEFAULT-VALUE}).")
  int maxRows;

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
