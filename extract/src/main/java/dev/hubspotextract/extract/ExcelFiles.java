package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.client.FailureCategory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Makes a finished pull's CSV files what {@code --excel} asks for. With it, each file starts with a
 * UTF-8 byte order mark (so Excel reads UTF-8, not the system's code page) and its cells go through
 * {@link FormulaGuard}; without it, each file is byte for byte what HubSpot sent. A file is
 * rewritten under a temporary name and renamed, and one already in the wanted form (a conversion
 * cut short and run again) is left alone. Runs only once every task is done: an association task
 * reads ids from its object's file.
 */
public final class ExcelFiles {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private ExcelFiles() {}

  /**
   * Converts (or converts back) every file the run completed.
   *
   * @throws ExtractException (output) when a file cannot be rewritten; the same command finishes it
   */
  public static void apply(RunResult result, boolean excel, FileMode mode) {
    try {
      rewriteAll(result, excel, mode);
    } catch (IOException e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          "cannot rewrite the CSV files in "
              + result.plan().outDir()
              + (excel ? " for a spreadsheet: " : " as HubSpot sent them: ")
              + OutputFolder.reason(e)
              + ". Run the same command again to finish it.",
          e);
    }
  }

  private static void rewriteAll(RunResult result, boolean excel, FileMode mode)
      throws IOException {
    Plan plan = result.plan();
    for (int i = 0; i < plan.objects().size() && i < result.objects().size(); i++) {
      PlannedObject object = plan.objects().get(i);
      if (result.objects().get(i).completed()) {
        rewrite(
            FolderLayout.of(plan.outDir()).objectFile(object.type()),
            ObjectTask.numberProperties(object),
            excel,
            mode);
      }
    }
    for (ReferenceResult reference : result.references()) {
      if (reference.completed()) {
        rewrite(
            FolderLayout.of(plan.outDir()).referenceFile(reference.table()),
            reference.table().columns().stream()
                .filter(column -> column.type().equals("number"))
                .map(Manifest.Column::name)
                .collect(java.util.stream.Collectors.toSet()),
            excel,
            mode);
      }
    }
    for (int i = 0; i < plan.pairs().size() && i < result.associations().size(); i++) {
      if (result.associations().get(i).completed()) {
        rewrite(
            FolderLayout.of(plan.outDir()).pairFile(plan.pairs().get(i)),
            Set.of(), // ids and type ids: digits, never guarded
            excel,
            mode);
      }
    }
    for (int i = 0; i < plan.histories().size() && i < result.histories().size(); i++) {
      if (result.histories().get(i).completed()) {
        // values, sources and labels as typed in HubSpot: guarded like any text
        rewrite(
            FolderLayout.of(plan.outDir()).historyFile(plan.histories().get(i)),
            Set.of(),
            excel,
            mode);
      }
    }
  }

  /** Whether a CSV file was written for a spreadsheet: it starts with the byte order mark. */
  public static boolean isExcel(Path csv) throws IOException {
    try (InputStream in = Files.newInputStream(csv, LinkOption.NOFOLLOW_LINKS)) {
      return Arrays.equals(in.readNBytes(BOM.length), BOM);
    }
  }

  /**
   * Rewrites one file for a spreadsheet ({@code excel}) or back as HubSpot sent it; {@code numbers}
   * names its number columns.
   */
  static void rewrite(Path file, Set<String> numbers, boolean excel, FileMode mode)
      throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || isExcel(file) == excel) {
      return;
    }
    OutputFolder.privateFolder(file.getParent());
    Path temp = FolderLayout.excelCopyOf(file);
    try (CsvReader<CsvRecord> reader =
            CsvReader.builder()
                .detectBomHeader(true)
                .skipEmptyLines(false)
                .ofCsvRecord(file, StandardCharsets.UTF_8);
        FileChannel channel = NewFiles.channel(temp, mode)) {
      if (excel) {
        channel.write(ByteBuffer.wrap(BOM));
      }
      CsvEncoder csv = new CsvEncoder(channel);
      Iterator<CsvRecord> rows = reader.iterator();
      boolean[] number = {};
      for (boolean header = true; rows.hasNext(); header = false) {
        List<String> fields = rows.next().getFields();
        if (header) {
          number = new boolean[fields.size()];
          for (int column = 0; column < fields.size(); column++) {
            number[column] = numbers.contains(FormulaGuard.unguard(fields.get(column)));
          }
        }
        for (int column = 0; column < fields.size(); column++) {
          String value = fields.get(column);
          boolean numeric = !header && column < number.length && number[column];
          csv.field(excel ? FormulaGuard.guard(value, numeric) : FormulaGuard.unguard(value));
        }
        csv.endRow();
      }
      csv.close();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    FileMoves.replace(temp, file);
  }
}
