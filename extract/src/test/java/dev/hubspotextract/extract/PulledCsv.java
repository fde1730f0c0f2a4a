package dev.hubspotextract.extract;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A CSV file a test pulled, read back as plain rows. */
public final class PulledCsv {
  private PulledCsv() {}

  /** Every row of a CSV file, header first. */
  public static List<List<String>> rows(Path file) {
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
      return reader.stream().map(CsvRecord::getFields).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
