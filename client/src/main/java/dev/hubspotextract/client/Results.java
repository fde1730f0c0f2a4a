package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Walks the objects of a top-level {@code "results"} array with the streaming parser. The shape is
 * HubSpot's or the body fails: a {@code "results"} that is missing, not a list, or holds anything
 * but objects is an answer from something else, never an empty result.
 */
final class Results {
  private Results() {}

  /** Called with the parser on each result's START_OBJECT; must consume it to its END_OBJECT. */
  @FunctionalInterface
  interface ResultReader {
    void read() throws IOException;
  }

  static void forEachResult(JsonParser parser, ResultReader reader) throws IOException {
    forEachResult(parser, reader, null);
  }

  /**
   * As {@link #forEachResult(JsonParser, ResultReader)}, also calling {@code errorReader} on each
   * object of a batch answer's {@code "errors"} list (207), which must then be a list of objects
   * when present and not null.
   */
  static void forEachResult(JsonParser parser, ResultReader reader, ResultReader errorReader)
      throws IOException {
    requireObject(parser.nextToken());
    boolean results = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if (field.equals("results")) {
        requireList(token);
        results = true;
        JsonToken item;
        while ((item = parser.nextToken()) == JsonToken.START_OBJECT) {
          reader.read();
        }
        requireEndOfList(item);
      } else if (field.equals("errors") && errorReader != null && token != JsonToken.VALUE_NULL) {
        if (token != JsonToken.START_ARRAY) {
          throw new IOException("\"errors\" is " + Json.kindOf(token) + ", not a list");
        }
        JsonToken item;
        while ((item = parser.nextToken()) == JsonToken.START_OBJECT) {
          errorReader.read();
        }
        if (item != JsonToken.END_ARRAY) {
          throw new IOException("\"errors\" holds " + Json.kindOf(item) + ", not only objects");
        }
      } else {
        parser.skipChildren();
      }
    }
    requireResults(results);
  }

  /** Fails unless the body starts as a JSON object. */
  static void requireObject(JsonToken first) throws IOException {
    if (first != JsonToken.START_OBJECT) {
      throw new IOException("the body is " + Json.kindOf(first) + ", not an object");
    }
  }

  /** Fails unless {@code "results"} is a list. */
  static void requireList(JsonToken results) throws IOException {
    if (results != JsonToken.START_ARRAY) {
      throw new IOException("\"results\" is " + Json.kindOf(results) + ", not a list");
    }
  }

  /** Fails unless the token after the last result object ends the list. */
  static void requireEndOfList(JsonToken after) throws IOException {
    if (after != JsonToken.END_ARRAY) {
      throw new IOException("\"results\" holds " + Json.kindOf(after) + ", not only objects");
    }
  }

  /** Fails when the body had no {@code "results"}. */
  static void requireResults(boolean seen) throws IOException {
    if (!seen) {
      throw new IOException("no \"results\" list");
    }
  }
}
