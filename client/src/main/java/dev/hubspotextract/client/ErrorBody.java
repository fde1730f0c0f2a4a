package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of HubSpot's error body that decide what to do: message, category, policyName (429)
 * and the scopes a 403 names. Read leniently: a 414 or a proxy error may not be JSON at all.
 */
record ErrorBody(String message, String category, String policyName, List<String> scopes) {
  ErrorBody {
    scopes = List.copyOf(scopes);
  }

  static ErrorBody parse(byte[] body) {
    String[] fields = new String[3];
    List<String> scopes = new ArrayList<>();
    try (JsonParser parser = Json.parser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new ErrorBody(null, null, null, List.of());
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
      // not JSON or cut short: keep what was read
    }
    return new ErrorBody(fields[0], fields[1], fields[2], scopes);
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
