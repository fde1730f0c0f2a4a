package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete answer: status, headers and body bytes (bodies are built in memory so Content-Length
 * is exact).
 */
final class Response {
  static final JsonFactory JSON = new JsonFactory();
  static final String JSON_TYPE = "application/json;charset=utf-8";

  /** Writes a JSON body with Jackson's streaming generator. */
  @FunctionalInterface
  interface JsonBody {
    void write(JsonGenerator g) throws IOException;
  }

  final int status;
  final byte[] body;
  final String contentType;
  final Map<String, String> headers = new LinkedHashMap<>();

  Response(int status, byte[] body, String contentType) {
    this.status = status;
    this.body = body;
    this.contentType = contentType;
  }

  static Response json(int status, JsonBody writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Response(status, out.toByteArray(), JSON_TYPE);
  }

  static Response text(int status, String contentType, String text) {
    return new Response(status, text.getBytes(StandardCharsets.UTF_8), contentType);
  }

  Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
