package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The fields of HubSpot's error body that decide what to do: message, category, policyName (429)
 * and the scopes a 403 names. Read leniently: a 414, HubSpot's edge or a proxy may answer with HTML
 * or plain text; such a body keeps only a short excerpt of its text, on one line, so a message
 * never carries a page of markup. Whatever the body, the status alone decides what happens.
 */
record ErrorBody(
    String message, String category, String policyName, List<String> scopes, String excerpt) {
  /** Characters of a message or an excerpt kept in one of our messages. */
  static final int MESSAGE_CHARS = 300;

  private static final int EXCERPT_CHARS = 120;

  /** Bytes of a non-JSON body looked at for its excerpt: the start says what it is. */
  private static final int EXCERPT_BYTES = 4_096;

  private static final Pattern SCRIPTS =
      Pattern.compile("(?is)<(script|style)\\b.*?(</\\1\\s*>|$)|<!--.*?(-->|$)");
  private static final Pattern TAGS = Pattern.compile("<[^>]*>?");

  ErrorBody {
    scopes = List.copyOf(scopes);
    message = oneLine(message, MESSAGE_CHARS);
    category = oneLine(category, 60);
  }

  static ErrorBody parse(byte[] body) {
    String[] fields = new String[3];
    List<String> scopes = new ArrayList<>();
    try (JsonParser parser = Json.parser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new ErrorBody(null, null, null, List.of(), excerpt(body));
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "message" -> fields[0] = Json.scalarText(parser);
          case "category", "errorType" -> {
            String value = Json.scalarText(parser);
            if (fields[1] == null || name.equals("category")) {
              fields[1] = value;
            }
          }
          case "policyName" -> fields[2] = Json.scalarText(parser);
          default -> collectScopes(parser, scopes);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON or cut short: keep what was read, and a glimpse of what was not JSON at all
      if (fields[0] == null && fields[1] == null && fields[2] == null && scopes.isEmpty()) {
        return new ErrorBody(null, null, null, List.of(), excerpt(body));
      }
    }
    return new ErrorBody(fields[0], fields[1], fields[2], scopes, null);
  }

  /**
   * The start of a body that is not JSON as one short line of text: markup, scripts and entities
   * out, runs of white space and control characters made one space; null when no text is left.
   */
  static String excerpt(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, EXCERPT_BYTES), StandardCharsets.UTF_8);
    text = TAGS.matcher(SCRIPTS.matcher(text).replaceAll(" ")).replaceAll(" ");
    text =
        text.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    return oneLine(text, EXCERPT_CHARS);
  }

  /**
   * Text from a server made fit for one line of a message: control characters and runs of white
   * space become one space, and past {@code max} characters it is cut with "…"; null when blank.
   */
  static String oneLine(String text, int max) {
    if (text == null) {
      return null;
    }
    StringBuilder line = new StringBuilder(Math.min(text.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && line.length() <= max; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u00a0') {
        space = line.length() > 0;
      } else {
        if (space) {
          line.append(' ');
          space = false;
        }
        line.append(c);
      }
    }
    if (line.length() == 0) {
      return null;
    }
    return line.length() > max ? line.substring(0, max) + "…" : line.toString();
  }

  /** Finds string arrays under any key containing "scopes" (requiredGranularScopes, …). */
  private static void collectScopes(JsonParser parser, List<String> scopes) throws IOException {
    if (!parser.currentToken().isStructStart()) {
      return;
    }
    int depth = 0;
    boolean inScopes = false;
    int scopesDepth = -1;
    do {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        depth++;
      } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        depth--;
        if (inScopes && depth < scopesDepth) {
          inScopes = false;
        }
      } else if (token == JsonToken.FIELD_NAME
          && parser.currentName().toLowerCase().contains("scopes")) {
        inScopes = true;
        scopesDepth = depth + 1;
      } else if (inScopes && token == JsonToken.VALUE_STRING) {
        if (!scopes.contains(parser.getText())) {
          scopes.add(parser.getText());
        }
      }
      if (depth == 0) {
        return;
      }
    } while (parser.nextToken() != null);
  }
}
