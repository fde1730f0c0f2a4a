package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.OutputFormat;
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
  }

  static final class Tiers implements ITypeConverter<Tier> {
    @Override
    public Tier convert(String typed) {
      return EnumChoice.parse(Tier.class, typed, "tier");
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
