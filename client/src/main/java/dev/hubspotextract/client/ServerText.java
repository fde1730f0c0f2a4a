package dev.hubspotextract.client;

import java.util.Locale;

/**
 * Text that came from a server (a name, a message), made safe to show: control characters and the
 * characters that reorder text on screen (bidi overrides) become visible {@code \u001b}-style
 * escapes, so such text can neither drive a terminal nor break a one-line message.
 */
public final class ServerText {
  private ServerText() {}

  /** Whether a character would act on a terminal or a line instead of being shown. */
  public static boolean isUnsafe(char c) {
    return Character.isISOControl(c)
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }

  /**
   * The text with every unsafe character escaped; with {@code keepLines}, line ends ({@code \n},
   * {@code \r\n}) and tabs stay as they are (for text that is printed, not quoted in a line).
   */
  public static String escaped(String text, boolean keepLines) {
    StringBuilder shown = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean kept =
          keepLines
              && (c == '\n'
                  || c == '\t'
                  || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n'));
      if (!kept && isUnsafe(c)) {
        if (shown == null) {
          shown = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        shown.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (shown != null) {
        shown.append(c);
      }
    }
    return shown == null ? text : shown.toString();
  }

  /** The text escaped onto one line and cut to {@code max} characters (with … when cut). */
  public static String excerpt(String text, int max) {
    String line = escaped(text, false);
    return line.length() <= max ? line : line.substring(0, max) + "…";
  }
}
