package dev.hubspotextract.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the command line prints passes through here, so text from the server (an error
 * message, an object or property name, a value in a {@code sql} table) cannot drive the terminal:
 * control characters, other than a line end or a tab, and the characters that reorder text on
 * screen (bidi overrides) are shown as {@code \u001b}-style escapes instead of being sent.
 */
final class PrintableWriter extends FilterWriter {
  PrintableWriter(Writer out) {
    super(out);
  }

  /** Whether a character would act on the terminal instead of being shown. */
  static boolean isUnsafe(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    return Character.isISOControl(c)
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }

  /** The text with every unsafe character escaped. */
  static String printable(String text) {
    StringBuilder shown = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isUnsafe(c)) {
        if (shown == null) {
          shown = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        shown.append(String.format("\\u%04x", (int) c));
      } else if (shown != null) {
        shown.append(c);
      }
    }
    return shown == null ? text : shown.toString();
  }

  @Override
  public void write(int c) throws IOException {
    out.write(printable(String.valueOf((char) c)));
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    out.write(printable(new String(chars, offset, length)));
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    out.write(printable(text.substring(offset, offset + length)));
  }
}
