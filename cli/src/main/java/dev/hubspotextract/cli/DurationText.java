package dev.hubspotextract.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as users write it, the same in every command: {@code 90s}, {@code 30m}, {@code 1h},
 * {@code 500ms}, {@code 1.5s}. As a picocli converter a bare number is seconds; an option whose
 * number meant another unit before keeps it ({@link #parse(String, ChronoUnit)}).
 */
public final class DurationText implements ITypeConverter<Duration> {
  private static final Pattern DURATION =
      Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s|m|min|h)?", Pattern.CASE_INSENSITIVE);

  @Override
  public Duration convert(String typed) {
    try {
      return parse(typed, ChronoUnit.SECONDS);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** The same converter for an option whose bare number has always meant milliseconds. */
  static final class BareMillis implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String typed) {
      try {
        return parse(typed, ChronoUnit.MILLIS);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The duration written, a bare number being in {@code bare}; fails with a one-line reason. */
  static Duration parse(String typed, ChronoUnit bare) {
    Matcher duration = DURATION.matcher(typed.trim());
    if (!duration.matches()) {
      throw new IllegalArgumentException(
          "'" + typed + "' is not a duration: write e.g. 90s, 30m, 1h or 500ms");
    }
    long unitMillis =
        duration.group(2) == null
            ? bare.getDuration().toMillis()
            : switch (duration.group(2).toLowerCase(Locale.ROOT)) {
              case "ms" -> 1L;
              case "s" -> 1_000L;
              case "m", "min" -> 60_000L;
              default -> 3_600_000L;
            };
    BigDecimal millis = new BigDecimal(duration.group(1)).multiply(BigDecimal.valueOf(unitMillis));
    if (millis.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "'" + typed + "' is finer than a millisecond: write e.g. 1.5s or 250ms");
    }
    return Duration.ofMillis(millis.longValueExact());
  }
}
