package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeByIdTest {
  @TempDir Path dir;

  /** A finished CSV file of these rows (the header, if any, first). */
  private Path csv(String name, String[]... rows) throws IOException {
    Path target = dir.resolve(name);
    try (CsvFileSink sink = new CsvFileSink(target, FileMode.PRIVATE)) {
      for (String[] row : rows) {
        sink.write(row);
      }
      sink.complete();
    }
    return target;
  }

  private static List<List<String>> rows(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
      reader.forEach(record -> rows.add(record.getFields()));
    }
    return rows;
  }

  @Test
  void rowsInAnyOrderAreMergedInByIdEachIdOnceTheFilesRowOrElseTheFirst() throws IOException {
    Path ascending =
        csv(
            "contacts.csv",
            new String[] {"id", "note"},
            new String[] {"9", "nine"},
            new String[] {"51", "fifty-one, \"in file\""},
            new String[] {"1000000000", "ten digits"});
    Path unordered =
        csv(
            "contacts.csv.stragglers",
            new String[] {"12345678901", "above all, late"},
            new String[] {"51", "a repeat of the file's"},
            new String[] {"40", "late\r\nacross lines"},
            new String[] {"3", "below all"},
            new String[] {"40", "the same id again"},
            new String[] {"100", ""});
    Path merged = dir.resolve("merged.csv");

    MergeById.Merged result;
    try (CsvFileSink out = new CsvFileSink(merged, FileMode.PRIVATE)) {
      result = MergeById.merge(ascending, unordered, out, OptionalLong.empty());
      out.complete();
    }

    assertThat(rows(merged))
        .containsExactly(
            List.of("id", "note"),
            List.of("3", "below all"),
            List.of("9", "nine"),
            List.of("40", "late\r\nacross lines"),
            List.of("51", "fifty-one, \"in file\""),
            List.of("100", ""),
            List.of("1000000000", "ten digits"),
            List.of("12345678901", "above all, late"));
    assertThat(result).isEqualTo(new MergeById.Merged(7, 2));
  }

  @Test
  void aFileWithoutRowsTakesTheRowsInIdOrder() throws IOException {
    Path header = csv("deals.csv", new String[] {"id", "amount"});
    Path unordered =
        csv(
            "deals.csv.stragglers",
            new String[] {"7", "70"},
            new String[] {"2", "20"},
            new String[] {"7", "71"});
    Path merged = dir.resolve("merged.csv");
    try (CsvFileSink out = new CsvFileSink(merged, FileMode.PRIVATE)) {
      assertThat(MergeById.merge(header, unordered, out, OptionalLong.empty()))
          .isEqualTo(new MergeById.Merged(2, 1));
      out.complete();
    }
    assertThat(rows(merged))
        .containsExactly(List.of("id", "amount"), List.of("2", "20"), List.of("7", "70"));
  }

  @Test
  void aFileThatAlreadyHoldsEveryIdIsWrittenByteForByteAsItWas() throws IOException {
    Path ascending =
        csv(
            "tickets.csv",
            new String[] {"id", "subject"},
            new String[] {"1", "a \"quoted\", multi\nline value"},
            new String[] {"2", ""});
    Path none = csv("tickets.csv.stragglers", new String[] {"2", "already there"});
    Path copy = dir.resolve("copy.csv");
    try (CsvFileSink out = new CsvFileSink(copy, FileMode.PRIVATE)) {
      assertThat(MergeById.merge(ascending, none, out, OptionalLong.empty()))
          .isEqualTo(new MergeById.Merged(2, 1));
      out.complete();
    }
    assertThat(Files.readString(copy, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(ascending, StandardCharsets.UTF_8));
  }

  @Test
  void atMostTheRowsAskedForAreWrittenTheLowestIds() throws IOException {
    Path ascending =
        csv(
            "notes.csv",
            new String[] {"id"},
            new String[] {"2"},
            new String[] {"4"},
            new String[] {"6"});
    Path unordered = csv("notes.csv.stragglers", new String[] {"3"}, new String[] {"1"});
    Path merged = dir.resolve("merged.csv");
    try (CsvFileSink out = new CsvFileSink(merged, FileMode.PRIVATE)) {
      assertThat(MergeById.merge(ascending, unordered, out, OptionalLong.of(3)))
          .isEqualTo(new MergeById.Merged(3, 0));
      out.complete();
    }
    assertThat(rows(merged))
        .containsExactly(List.of("id"), List.of("1"), List.of("2"), List.of("3"));
  }
}
