package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.OutputFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converters for the {@code pull} command's values that are not a number or a path. */
final class PullValues {
  private PullValues() {}

  /** A portal's API tier, and the requests per 10 seconds it allows (hubspot-api.md §11). */
  enum Tier {
    FREE(100),
    STARTER(100),
    PROFESSIONAL(190),
    ENTERPRISE(190),
    API_ADD_ON(250);

    final int perTenSeconds;

    Tier(int perTenSeconds) {
      this.perTenSeconds = perTenSeconds;
    }

    /** As typed: {@code api-add-on}. */
    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  static final class Tiers implements ITypeConverter<Tier> {
    @Override
    public Tier convert(String typed) {
      String wanted = typed.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      return Arrays.stream(Tier.values())
          .filter(tier -> tier.label().equals(wanted))
          .findFirst()
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "unknown tier '"
                          + typed
                          + "': use "
                          + Arrays.stream(Tier.values())
                              .map(Tier::label)
                              .collect(Collectors.joining(", "))));
    }
  }

  static final class Formats implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String typed) {
      try {
        return OutputFormat.of(typed.trim());
      } catch (AnalyzeException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
