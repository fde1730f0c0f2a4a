package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's number columns are measured as its rows are written, or read back when they were not.
 */
class NumberColumnsTest {
  private static final List<String> HEADER = List.of("id", "amount", "name", "score");
  private static final Set<String> NUMBERS = Set.of("amount", "score");

  @TempDir Path dir;

  private CsvFileSink measuredSink(Path target) throws IOException {
    CsvFileSink sink = new CsvFileSink(target, FileMode.PRIVATE, HEADER.toArray(String[]::new));
    sink.measure(new NumberColumns(HEADER, NUMBERS));
    return sink;
  }

  private static void bytesRow(CsvFileSink sink, String... fields) {
    for (String field : fields) {
      byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
      sink.field(utf8, 0, utf8.length);
    }
    sink.endRow();
  }

  @Test
  void measuresWhatIsWrittenAsTheFileWouldReadBack() throws IOException {
    Path target = dir.resolve("deals.csv");
    Map<String, DecimalFit> measured;
    try (CsvFileSink sink = measuredSink(target)) {
      sink.write("1", "2817055.53", "12.345", "7");
      bytesRow(sink, "2", "-0.5", "a, name", "1.5E5");
      sink.write("3", "", "x", "N/A");
      measured = sink.measured().orElseThrow().fits();
      sink.complete();
    }

    assertThat(measured)
        .containsExactly(
            Map.entry("amount", new DecimalFit(7, 2, null)),
            Map.entry("score", new DecimalFit(1, 0, "a value is in exponent notation")));
    assertThat(NumberColumns.read(target, NUMBERS).fits()).isEqualTo(measured);
    assertThat(measured.get("amount").sqlType()).isEqualTo("DECIMAL(38,2)");
    assertThat(measured.get("score").sqlType()).isEqualTo("DOUBLE");
  }

  @Test
  void aResumedFileIsNotTakenForItsLaterRowsAlone() throws IOException {
    Path target = dir.resolve("deals.csv");
    CsvFileSink first = measuredSink(target);
    first.write("1", "10.125", "", "");
    long bytes = first.flush();
    Checkpoint checkpoint =
        new Checkpoint(null, 0, bytes, 1, false).at(bytes, first.checksumOf(bytes));
    first.suspend();

    try (CsvFileSink resumed = CsvFileSink.resume(target, checkpoint).orElseThrow()) {
      resumed.measure(new NumberColumns(HEADER, NUMBERS));
      resumed.write("2", "5", "", "");
      assertThat(resumed.measured()).isEmpty();
      resumed.complete();
    }

    assertThat(NumberColumns.read(target, NUMBERS).fits().get("amount"))
        .isEqualTo(new DecimalFit(2, 3, null));
  }

  @Test
  void aWholeMeasuredFileAppendedAddsItsMeasurePartOfOneDoesNot() throws IOException {
    CsvFileSink segment = new CsvFileSink(dir.resolve("seg.csv"), FileMode.PRIVATE);
    segment.measure(new NumberColumns(HEADER, NUMBERS));
    segment.write("9", "1.1234", "", "");
    long end = segment.flush();

    try (CsvFileSink whole = measuredSink(dir.resolve("whole.csv"));
        CsvFileSink part = measuredSink(dir.resolve("part.csv"))) {
      whole.write("1", "1.5", "", "");
      whole.append(segment, 0, end);
      part.append(segment, 1, end);

      assertThat(whole.measured().orElseThrow().fits().get("amount"))
          .isEqualTo(new DecimalFit(1, 4, null));
      assertThat(part.measured()).isEmpty();
    }
    segment.abandon();
  }

  @Test
  void tooManyDecimalsOrDigitsForADecimalMakeADouble() {
    assertThat(new DecimalFit(1, 19, null).notDecimal()).contains("19 decimals");
    assertThat(new DecimalFit(30, 9, null).notDecimal()).contains("more than 38 digits");
    assertThat(new DecimalFit(20, 18, null).sqlType()).isEqualTo("DECIMAL(38,18)");
  }
}
