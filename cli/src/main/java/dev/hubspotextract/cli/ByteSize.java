package dev.hubspotextract.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A size as users write it: {@code 256MiB}, {@code 1GiB}, {@code 500MB}, {@code 1048576}. */
final class ByteSize implements ITypeConverter<Long> {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,15})\\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?", Pattern.CASE_INSENSITIVE);

  @Override
  public Long convert(String typed) {
    Matcher size = SIZE.matcher(typed.trim());
    if (!size.matches()) {
      throw new TypeConversionException(
          "'" + typed + "' is not a size: write e.g. 256MiB, 1GiB, 500MB or a number of bytes");
    }
    long number = Long.parseLong(size.group(1));
    String unit = size.group(2) == null ? "b" : size.group(2).toLowerCase(Locale.ROOT);
    long multiplier =
        switch (unit) {
          case "kb" -> 1_000L;
          case "kib" -> 1L << 10;
          case "mb" -> 1_000_000L;
          case "mib" -> 1L << 20;
          case "gb" -> 1_000_000_000L;
          case "gib" -> 1L << 30;
          case "tb" -> 1_000_000_000_000L;
          case "tib" -> 1L << 40;
          default -> 1L;
        };
    long bytes;
    try {
      bytes = Math.multiplyExact(number, multiplier);
    } catch (ArithmeticException e) {
      throw new TypeConversionException("'" + typed + "' is too large");
    }
    if (bytes < 1) {
      throw new TypeConversionException("'" + typed + "' must be at least 1 byte");
    }
    return bytes;
  }
}
