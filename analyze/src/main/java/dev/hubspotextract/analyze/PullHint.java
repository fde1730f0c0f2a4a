package dev.hubspotextract.analyze;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The pull that would write files a command is missing. Messages say it in {@link #words()}; a
 * front end may show it its own way instead (the command line, as the command to run: {@code
 * ./hubspot-extract pull --objects deals,companies --associations deals:companies --out out}).
 *
 * @param dir the folder to pull into
 * @param objects the objects to pull, as the user named them; empty for the default ones
 * @param pairs association pairs to write ({@code deals:companies}); empty for the default ones
 * @param format the format to pull in
 */
public record PullHint(Path dir, List<String> objects, List<String> pairs, OutputFormat format) {
  public PullHint {
    Objects.requireNonNull(dir, "dir is null");
    objects = List.copyOf(objects);
    pairs = List.copyOf(pairs);
    Objects.requireNonNull(format, "format is null");
  }

  /** A pull of the default objects into {@code dir}, in {@code format}. */
  static PullHint into(Path dir, OutputFormat format) {
    return new PullHint(dir, List.of(), List.of(), format);
  }

  /**
   * The pull in words, as a message says it: {@code pull deals, tickets with the association pair
   * deals:tickets into out}.
   */
  public String words() {
    StringBuilder words = new StringBuilder("pull");
    if (!objects.isEmpty()) {
      words.append(' ').append(String.join(", ", objects));
    }
    if (!pairs.isEmpty()) {
      words
          .append(" with the association pair")
          .append(pairs.size() == 1 ? " " : "s ")
          .append(String.join(", ", pairs));
    }
    words.append(" into ").append(dir);
    if (format != OutputFormat.CSV) {
      words.append(" as ").append(format.label());
    }
    return words.toString();
  }
}
