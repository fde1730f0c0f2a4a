package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileSinkTest {
  @TempDir Path dir;

  @Test
  void writesRfc4180WithCrlfQuotingOnlyWhereNeededAndNullsAsEmptyFields() throws IOException {
    Path target = dir.resolve("deals.csv");
    try (RowSink sink = new CsvFileSink(target, "id", "note", "amount")) {
      sink.write("1", "Line one\nLine two, \"quoted\"", null);
      sink.write("2", " keeps spaces ", "");
      assertThat(target).doesNotExist();
      assertThat(dir.resolve("deals.csv.partial")).exists();
      sink.complete();
    }

    assertThat(Files.readString(target, StandardCharsets.UTF_8))
        .isEqualTo(
            "id,note,amount\r\n1,\"Line one\nLine two, \"\"quoted\"\"\",\r\n2, keeps spaces ,\r\n");
    assertThat(dir.resolve("deals.csv.partial")).doesNotExist();
  }

  @Test
  void aSinkClosedBeforeItCompletesLeavesNoFileBehindNotEvenAnOldOne() throws IOException {
    Path target = dir.resolve("tickets.csv");
    Files.writeString(target, "id\r\n1\r\n"); // from an earlier run
    try (RowSink sink = new CsvFileSink(target, "id")) {
      sink.write("2");
    }

    assertThat(target).doesNotExist();
    assertThat(dir.resolve("tickets.csv.partial")).doesNotExist();
  }
}
