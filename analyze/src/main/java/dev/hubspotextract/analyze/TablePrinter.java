package dev.hubspotextract.analyze;

import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Prints a {@link QueryPreview} as an aligned text table. Hand-written because it is a few lines
 * and no small library prints JDBC results; long values are cut and line breaks shown as {@code ↵}.
 */
public final class TablePrinter {
  private static final int MAX_WIDTH = 40;
  private static final String NULL = "NULL";

  private TablePrinter() {}

  /**
   * Prints the table, then how many rows it shows, and how to get those left out as {@code show}
   * shows text that names settings.
   */
  public static void print(QueryPreview preview, PrintWriter out, Function<UserText, String> show) {
    int count = preview.columns().size();
    List<List<String>> cells = new ArrayList<>();
    for (List<String> row : preview.rows()) {
      cells.add(row.stream().map(TablePrinter::cell).toList());
    }
    int[] widths = new int[count];
    for (int i = 0; i < count; i++) {
      widths[i] = length(cell(preview.columns().get(i)));
      for (List<String> row : cells) {
        widths[i] = Math.max(widths[i], length(row.get(i)));
      }
    }
    List<String> header = preview.columns().stream().map(TablePrinter::cell).toList();
    out.println(line(header, widths, null));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < count; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (List<String> row : cells) {
      out.println(line(row, widths, preview.numeric()));
    }
    long shown = preview.rows().size();
    long omitted = preview.totalRows() - shown;
    if (omitted > 0) {
      String howToSeeThem =
          show.apply(
              UserText.of(
                  "write them all to a result file, or raise the rows shown to see more",
                  Setting.RESULT_FILE,
                  Setting.MAX_ROWS));
      out.printf(
          "(%d of %d rows shown, %d omitted: %s)%n",
          shown, preview.totalRows(), omitted, howToSeeThem);
    } else {
      out.printf("(%d row%s)%n", shown, shown == 1 ? "" : "s");
    }
    out.flush();
  }

  private static String line(List<String> values, int[] widths, List<Boolean> numeric) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String pad = " ".repeat(widths[i] - length(value));
      boolean right = numeric != null && numeric.get(i);
      line.append(i == 0 ? "" : " | ").append(right ? pad + value : value + pad);
    }
    return line.toString().stripTrailing();
  }

  private static String cell(String value) {
    if (value == null) {
      return NULL;
    }
    String flat =
        value.replace("\r\n", "↵").replace('\n', '↵').replace('\r', '↵').replace('\t', ' ');
    if (length(flat) > MAX_WIDTH) {
      return TerminalWidth.cut(flat, MAX_WIDTH - 1) + "…";
    }
    return flat;
  }

  /** Columns on a terminal, not characters: a wide one (山) takes two. */
  private static int length(String text) {
    return TerminalWidth.of(text);
  }
}
