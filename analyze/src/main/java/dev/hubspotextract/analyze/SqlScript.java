package dev.hubspotextract.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL text as a user types it, split into its statements at the semicolons that end them: not those
 * inside quotes ({@code '…'}, {@code E'…'}, {@code "…"}, {@code $tag$…$tag$}) or comments. DuckDB's
 * JDBC driver runs every statement of a text but returns only the last one's result, so each is run
 * on its own.
 */
public final class SqlScript {
  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$[A-Za-z_]*\\$");

  private SqlScript() {}

  /**
   * The statements, in order, without their semicolons; those holding only comments are left out.
   */
  public static List<String> statements(String text) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    boolean code = false; // the current statement has something besides comments and spaces
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end;
      if (c == '\'') {
        boolean escapes =
            i > 0
                && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
                && (i < 2 || !isWordChar(text.charAt(i - 2)));
        end = quoted(text, i, '\'', escapes);
      } else if (c == '"') {
        end = quoted(text, i, '"', false);
      } else if (c == '-' && text.startsWith("--", i)) {
        end = until(text, i, "\n");
        i = end;
        continue;
      } else if (c == '/' && text.startsWith("/*", i)) {
        end = until(text, i + 2, "*/");
        i = end;
        continue;
      } else if (c == '$' && dollarTag(text, i) != null) {
        String tag = dollarTag(text, i);
        end = until(text, i + tag.length(), tag);
      } else if (c == ';') {
        if (code) {
          statements.add(text.substring(start, i).strip());
        }
        start = i + 1;
        code = false;
        i++;
        continue;
      } else {
        end = i + 1;
      }
      code |= !Character.isWhitespace(c);
      i = end;
    }
    if (code) {
      statements.add(text.substring(start).strip());
    }
    return statements;
  }

  /** The index after a quoted run that starts at {@code open}; a doubled quote stays inside. */
  private static int quoted(String text, int open, char quote, boolean backslashEscapes) {
    int i = open + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return text.length(); // unclosed: DuckDB will say so
  }

  /** The index after the first {@code closing} at or after {@code from}, or the text's end. */
  private static int until(String text, int from, String closing) {
    int at = text.indexOf(closing, from);
    return at < 0 ? text.length() : at + closing.length();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static String dollarTag(String text, int at) {
    Matcher tag = DOLLAR_TAG.matcher(text).region(at, text.length());
    return tag.lookingAt() ? tag.group() : null;
  }
}
