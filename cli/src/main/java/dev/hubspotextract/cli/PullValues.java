package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.OutputFormat;
import dev.hubspotextract.client.ApiTier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converters for the {@code pull} command's values that are not a number or a path. */
final class PullValues {
  private PullValues() {}

  /** A portal's API tier ({@link ApiTier}, the client's one table of them). */
  static final class Tiers implements ITypeConverter<ApiTier> {
    @Override
    public ApiTier convert(String typed) {
      return EnumChoice.parse(ApiTier.class, typed, "tier");
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
