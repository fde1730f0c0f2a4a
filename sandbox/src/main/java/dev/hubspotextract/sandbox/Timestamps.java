package dev.hubspotextract.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Formats epoch milliseconds as HubSpot does ({@code 2024-03-01T12:34:56.789Z}). Hand-written
 * because the serving path formats four timestamps per record and {@code DateTimeFormatter} costs
 * more than the rest of the record.
 */
final class Timestamps {
  private Timestamps() {}

  static String iso(long epochMillis) {
    byte[] out = new byte[24];
    format(epochMillis, out, 0);
    return new String(out, StandardCharsets.US_ASCII);
  }

  /**
   * The timestamp as a quoted JSON string in UTF-8 ({@code "2024-03-01T12:34:56.789Z"}, quotes
   * included).
   */
  static byte[] isoQuoted(long epochMillis) {
    byte[] out = new byte[26];
    out[0] = '"';
    format(epochMillis, out, 1);
    out[25] = '"';
    return out;
  }

  private static void format(long epochMillis, byte[] out, int at) {
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
    // civil-from-days (H. Hinnant), valid for the proleptic Gregorian calendar
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long year = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    if (month <= 2) {
      year++;
    }
    digits(out, at, year, 4);
    out[at + 4] = '-';
    digits(out, at + 5, month, 2);
    out[at + 7] = '-';
    digits(out, at + 8, day, 2);
    out[at + 10] = 'T';
    digits(out, at + 11, msOfDay / 3_600_000, 2);
    out[at + 13] = ':';
    digits(out, at + 14, msOfDay / 60_000 % 60, 2);
    out[at + 16] = ':';
    digits(out, at + 17, msOfDay / 1000 % 60, 2);
    out[at + 19] = '.';
    digits(out, at + 20, msOfDay % 1000, 3);
    out[at + 23] = 'Z';
  }

  static String date(long epochMillis) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L)).toString();
  }

  private static void digits(byte[] out, int at, long value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      out[at + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Parses a filter value the way HubSpot's search accepts it: epoch milliseconds, an ISO-8601
   * instant, or a date.
   *
   * @throws IllegalArgumentException when the text is none of these
   */
  static long parseMillis(String text) {
    String t = text.trim();
    if (!t.isEmpty()
        && t.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')
        && t.indexOf('-', 1) < 0) {
      return Long.parseLong(t);
    }
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(t).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        try {
          return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e3) {
          throw new IllegalArgumentException(
              "'" + text + "' is not a timestamp: use epoch milliseconds or ISO-8601", e3);
        }
      }
    }
  }
}
