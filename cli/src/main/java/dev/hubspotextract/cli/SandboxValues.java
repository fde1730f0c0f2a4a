package dev.hubspotextract.cli;

import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.SecondlyLimit;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for the {@code sandbox} command's values, each parsed by the sandbox's own
 * type, whose message says what is wrong and how to write it.
 */
final class SandboxValues {
  private SandboxValues() {}

  static final class Tier implements ITypeConverter<RateLimitTier> {
    @Override
    public RateLimitTier convert(String typed) {
      return parsed(RateLimitTier::parse, typed);
    }
  }

  static final class Secondly implements ITypeConverter<SecondlyLimit> {
    @Override
    public SecondlyLimit convert(String typed) {
      return parsed(SecondlyLimit::parse, typed);
    }
  }

  static final class Faults implements ITypeConverter<FaultPlan> {
    @Override
    public FaultPlan convert(String typed) {
      return parsed(FaultPlan::parse, typed);
    }
  }

  static final class TimeZone implements ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String typed) {
      try {
        return ZoneId.of(typed.trim());
      } catch (DateTimeException e) {
        throw new TypeConversionException(
            "unknown time zone '"
                + typed
                + "': use a region like America/New_York, Europe/Berlin or UTC");
      }
    }
  }

  /** The value {@code parse} makes of the text; its complaint as picocli shows a bad value. */
  private static <T> T parsed(Function<String, T> parse, String typed) {
    try {
      return parse.apply(typed);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
