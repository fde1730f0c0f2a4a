package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Jackson's streaming parser and generator, shared; plus the few token helpers every page needs.
 */
final class Json {
  static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  static JsonParser parser(byte[] body) {
    try {
      return FACTORY.createParser(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the bytes are one complete JSON value: a cut-short body fails this cheaply. */
  static boolean isComplete(byte[] body) {
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** A scalar as the text HubSpot sent (numbers and booleans as written), or null for JSON null. */
  static String scalarText(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token.isScalarValue()) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }

  /**
   * A whole number HubSpot sent (as a number, or as text of digits), or null for anything else: a
   * field the tool only copies is not worth failing a body over.
   */
  static Integer intOrNull(JsonParser parser) throws IOException {
    String text = scalarText(parser);
    if (text == null || !text.matches("-?\\d{1,9}")) {
      return null;
    }
    return Integer.valueOf(text);
  }

  /** A whole number of up to 18 digits HubSpot sent (a user id), or null for anything else. */
  static Long longOrNull(JsonParser parser) throws IOException {
    String text = scalarText(parser);
    if (text == null || !text.matches("-?\\d{1,18}")) {
      return null;
    }
    return Long.valueOf(text);
  }

  /** {@code true} or {@code false} as HubSpot sent it (JSON or text), or null for anything else. */
  static Boolean boolOrNull(JsonParser parser) throws IOException {
    String text = scalarText(parser);
    return "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
  }

  /** What a token is, for a message about a body in the wrong shape: "a string", "a list", … */
  static String kindOf(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  /** Writes a JSON body with the streaming generator. */
  static byte[] write(JsonWriter writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes one JSON body. */
  @FunctionalInterface
  interface JsonWriter {
    void write(JsonGenerator generator) throws IOException;
  }
}
