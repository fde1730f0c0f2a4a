package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The progress bar: records written, and once search has counted them, a total and the time left.
 */
class StatusPrinterTest {
  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

  private StatusPrinter printer() {
    return new StatusPrinter(
        new PrintWriter(new StringWriter()),
        false,
        new PrintStream(terminal, true, StandardCharsets.UTF_8),
        null);
  }

  /** The bar as last drawn. */
  private String bar() {
    String[] lines = terminal.toString(StandardCharsets.UTF_8).split("\r");
    return lines[lines.length - 1];
  }

  @Test
  void showsTheEstimatedTotalAPercentageAndTheTimeLeft() {
    try (StatusPrinter status = printer()) {
      status.rowsWritten(250);
      status.recordsExpected(Map.of("contacts", 1_500L, "deals", 500L));

      assertThat(bar())
          .contains("pulling", "12%", "250/2000 records", "estimated")
          .containsPattern("\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\)"); // elapsed / left
    }
  }

  @Test
  void recordsAnEarlierRunWroteAreNotLeftToDo() {
    try (StatusPrinter status = printer()) {
      status.recordsResumed("contacts", 1_000);
      status.recordsExpected(Map.of("contacts", 1_500L, "deals", 500L));
      status.rowsWritten(500);
      status.associationRowsWritten(42);
      status.recordsExpected(Map.of("contacts", 1_500L, "deals", 500L)); // draws again

      assertThat(bar()).contains("50%", "500/1000 records", "estimated · 42 links");
    }
  }

  @Test
  void aCountBelowWhatIsWrittenGrowsToIt() {
    try (StatusPrinter status = printer()) {
      status.recordsExpected(Map.of("contacts", 100L));
      status.rowsWritten(130); // created since search counted, or not yet shown by it
      status.recordsExpected(Map.of("contacts", 100L));

      assertThat(bar()).contains("100%", "130/130 records");
    }
  }
}
