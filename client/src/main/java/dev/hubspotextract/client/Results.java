package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Walks the objects of a top-level {@code "results"} array with the streaming parser. */
final class Results {
  private Results() {}

  /** Called with the parser on each result's START_OBJECT; must consume it to its END_OBJECT. */
  @FunctionalInterface
  interface ResultReader {
    void read() throws IOException;
  }

  static void forEachResult(JsonParser parser, ResultReader reader) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("expected a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if (field.equals("results") && token == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          reader.read();
        }
      } else {
        parser.skipChildren();
      }
    }
  }
}
