package dev.hubspotextract.cli;

import dev.hubspotextract.client.ServerText;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the command line prints passes through here, so text from the server (an error
 * message, an object or property name, a value in a {@code sql} table) cannot drive the terminal:
 * control characters, other than a line end or a tab, and the characters that reorder text on
 * screen (bidi overrides) are shown as {@code \u001b}-style escapes instead of being sent ({@link
 * ServerText}). A line end written in two calls ({@code \r}, then {@code \n}) shows its {@code \r}:
 * PrintWriter writes its line separator in one call.
 */
final class PrintableWriter extends FilterWriter {
  PrintableWriter(Writer out) {
    super(out);
  }

  static String printable(String text) {
    return ServerText.escaped(text, true);
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
