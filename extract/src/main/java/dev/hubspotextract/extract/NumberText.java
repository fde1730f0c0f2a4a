package dev.hubspotextract.extract;

import java.nio.charset.StandardCharsets;

/**
 * What the text of a {@code number} property is to DuckDB's cast, read from its UTF-8 bytes: how
 * many integer digits and decimals it has, or that it is in exponent notation, not finite, or not a
 * number at all. The grammar is DuckDB's (measured on 1.4): ASCII whitespace around, a sign, digits
 * with single underscores between them ({@code 1_000}), a point, an exponent; anything else reads
 * as NULL whatever the SQL type, so it needs no room in a DECIMAL. Every value DuckDB would read
 * must be measured: a DECIMAL too narrow for one would round it without a word.
 */
final class NumberText {
  /** Not a number to DuckDB ({@code N/A}, {@code 12,5k}, empty): NULL as DECIMAL or DOUBLE. */
  static final long NOT_A_NUMBER = -1;

  /** In exponent notation ({@code 1.5E5}): a DOUBLE, as the column's type says. */
  static final long EXPONENT = -2;

  /** {@code inf}, {@code infinity} or {@code nan}, any case: only a DOUBLE holds them. */
  static final long NOT_FINITE = -3;

  private NumberText() {}

  /**
   * The shape of a value: one of the negative constants, or {@code integerDigits << 32 | decimals}
   * (integer digits without leading zeros; decimals with trailing zeros, as written).
   */
  static long shape(byte[] utf8, int offset, int count) {
    int i = offset;
    int end = offset + count;
    while (i < end && isSpace(utf8[i])) {
      i++;
    }
    while (end > i && isSpace(utf8[end - 1])) {
      end--;
    }
    if (i < end && (utf8[i] == '+' || utf8[i] == '-')) {
      i++;
    }
    if (i < end && isLetter(utf8[i])) {
      return isNotFinite(utf8, i, end) ? NOT_FINITE : NOT_A_NUMBER;
    }
    int integerDigits = 0;
    int digits = 0;
    boolean leadingZeros = true;
    for (; i < end; i++) {
      byte b = utf8[i];
      if (isDigit(b)) {
        leadingZeros &= b == '0';
        integerDigits += leadingZeros ? 0 : 1;
        digits++;
      } else if (!isUnderscoreBetweenDigits(utf8, i, digits > 0, end)) {
        break;
      }
    }
    int decimals = 0;
    if (i < end && utf8[i] == '.') {
      for (i++; i < end; i++) {
        if (isDigit(utf8[i])) {
          decimals++;
          digits++;
        } else if (!isUnderscoreBetweenDigits(utf8, i, decimals > 0, end)) {
          break;
        }
      }
    }
    if (digits == 0) {
      return NOT_A_NUMBER;
    }
    if (i == end) {
      return (long) integerDigits << 32 | decimals;
    }
    if (utf8[i] != 'e' && utf8[i] != 'E') {
      return NOT_A_NUMBER;
    }
    i++;
    if (i < end && (utf8[i] == '+' || utf8[i] == '-')) {
      i++;
    }
    int exponentDigits = 0;
    for (; i < end && isDigit(utf8[i]); i++) {
      exponentDigits++;
    }
    return i == end && exponentDigits > 0 ? EXPONENT : NOT_A_NUMBER;
  }

  static int integerDigits(long shape) {
    return (int) (shape >>> 32);
  }

  static int decimals(long shape) {
    return (int) shape;
  }

  /**
   * Whether a spreadsheet reads the value as a number too: digits with an optional sign, point and
   * exponent, nothing around them ({@code -12.50}, {@code 1.5E5}).
   */
  static boolean isPlainNumber(String value) {
    return value.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  }

  /** An underscore at {@code i} with a digit of the same part before it and a digit after it. */
  private static boolean isUnderscoreBetweenDigits(
      byte[] utf8, int i, boolean partHasDigits, int end) {
    return utf8[i] == '_'
        && partHasDigits
        && isDigit(utf8[i - 1])
        && i + 1 < end
        && isDigit(utf8[i + 1]);
  }

  private static boolean isNotFinite(byte[] utf8, int from, int end) {
    String word = new String(utf8, from, end - from, StandardCharsets.US_ASCII);
    return word.equalsIgnoreCase("inf")
        || word.equalsIgnoreCase("infinity")
        || word.equalsIgnoreCase("nan");
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isLetter(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  /** DuckDB's whitespace: space, tab, LF, vertical tab, form feed, CR. */
  private static boolean isSpace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r');
  }
}
