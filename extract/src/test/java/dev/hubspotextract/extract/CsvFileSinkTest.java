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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileSinkTest {
  @TempDir Path dir;

  @Test
  void writesRfc4180WithCrlfQuotingOnlyWhereNeededAndNullsAsEmptyFields() throws IOException {
    Path target = dir.resolve("deals.csv");
    try (RowSink sink = new CsvFileSink(target, FileMode.PRIVATE, "id", "note", "amount")) {
      sink.write("1", "Line one\nLine two, \"quoted\"", null);
      sink.write("2", " keeps spaces ", "");
      assertThat(target).doesNotExist();
      assertThat(FolderLayout.partialOf(target)).isRegularFile();
      sink.complete();
    }

    assertThat(Files.readString(target, StandardCharsets.UTF_8))
        .isEqualTo(
            "id,note,amount\r\n1,\"Line one\nLine two, \"\"quoted\"\"\",\r\n2, keeps spaces ,\r\n");
    assertThat(FolderLayout.partialOf(target)).doesNotExist();
  }

  @Test
  void fieldsGivenAsBytesAreQuotedAlikeAndReadBackWholeEvenPastTheBuffer() throws IOException {
    Path target = dir.resolve("notes.csv");
    String huge = "é, \"x\"\r\n".repeat(20_000); // larger than the write buffer, needs quotes
    String hugePlain = "東".repeat(40_000);
    List<String> values =
        List.of("plain", "a,b", "say \"hi\"", "cr\ronly", "Zoë 🎉", "", huge, hugePlain);
    try (CsvFileSink sink = new CsvFileSink(target, FileMode.PRIVATE, "id", "value", "same")) {
      for (int i = 0; i < values.size(); i++) {
        byte[] utf8 = ("<" + values.get(i) + ">").getBytes(StandardCharsets.UTF_8);
        sink.field(String.valueOf(i));
        sink.field(utf8, 1, utf8.length - 2); // an offset into a larger array, as from a body
        sink.field(values.get(i));
        sink.endRow();
      }
      sink.complete();
    }

    List<List<String>> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(target)) {
      reader.forEach(record -> rows.add(record.getFields()));
    }
    assertThat(rows).hasSize(values.size() + 1);
    for (int i = 0; i < values.size(); i++) {
      assertThat(rows.get(i + 1)).containsExactly(String.valueOf(i), values.get(i), values.get(i));
    }
    assertThat(Files.readString(target))
        .contains("\r\n1,\"a,b\",\"a,b\"\r\n")
        .contains("\r\n7," + hugePlain + "," + hugePlain + "\r\n"); // unquoted, however long
  }

  @Test
  void aSinkClosedBeforeItCompletesLeavesNoFileBehindNotEvenAnOldOne() throws IOException {
    Path target = dir.resolve("tickets.csv");
    Files.writeString(target, "id\r\n1\r\n"); // from an earlier run
    try (RowSink sink = new CsvFileSink(target, FileMode.PRIVATE, "id")) {
      sink.write("2");
    }

    assertThat(target).doesNotExist();
    assertThat(dir.resolve("tickets.csv.partial")).doesNotExist();
  }
}
