package dev.hubspotextract.analyze;

import java.nio.file.Path;
import java.util.List;

/** The {@code pull} command line that would produce files a command is missing. */
final class PullHint {
  private PullHint() {}

  /**
   * E.g. {@code ./hubspot-extract pull --objects deals,companies --associations deals:companies}.
   */
  static String of(Path dir, List<String> objects, List<String> pairs, OutputFormat format) {
    StringBuilder hint = new StringBuilder("./hubspot-extract pull --objects ");
    hint.append(String.join(",", objects));
    if (!pairs.isEmpty()) {
      hint.append(" --associations ").append(String.join(",", pairs));
    }
    if (format != OutputFormat.CSV) {
      hint.append(" --format ").append(format.label());
    }
    return hint.append(" --out ").append(dir).toString();
  }
}
