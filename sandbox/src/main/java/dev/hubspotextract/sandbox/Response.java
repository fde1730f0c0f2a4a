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

  /** A growable buffer whose array can be sent without copying. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(256 * 1024);
    }

    byte[] array() {
      return buf;
    }
  }

  /**
   * Each server thread builds one response at a time and sends it before building the next, so it
   * can reuse one buffer (pages are ~200 KB; allocating and copying them dominated the serving
   * path).
   */
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private static final int MAX_KEPT_BUFFER = 8 * 1024 * 1024;

  final int status;
  final byte[] body;
  final int length;
  final String contentType;
  final Map<String, String> headers = new LinkedHashMap<>();

  Response(int status, byte[] body, String contentType) {
    this(status, body, body.length, contentType);
  }

  private Response(int status, byte[] body, int length, String contentType) {
    this.status = status;
    this.body = body;
    this.length = length;
    this.contentType = contentType;
  }

  /**
   * A JSON answer written into this thread's reusable buffer: valid until the thread builds its
   * next response.
   */
  static Response json(int status, JsonBody writer) {
    Buffer out = BUFFERS.get();
    if (out.array().length > MAX_KEPT_BUFFER) {
      out = new Buffer();
      BUFFERS.set(out);
    }
    out.reset();
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Response(status, out.array(), out.size(), JSON_TYPE);
  }

  private static final ThreadLocal<RawJson> RAW =
      ThreadLocal.withInitial(() -> new RawJson(256 * 1024));

  /** This thread's raw JSON buffer, emptied; valid until the thread builds its next response. */
  static RawJson rawBuffer() {
    RawJson out = RAW.get();
    if (out.array().length > MAX_KEPT_BUFFER) {
      out = new RawJson(256 * 1024);
      RAW.set(out);
    }
    out.reset();
    return out;
  }

  static Response raw(int status, RawJson out) {
    return new Response(status, out.array(), out.length(), JSON_TYPE);
  }

  /**
   * The body as a fresh array (for tests and logging; the serving path sends {@code body[0,
   * length)}).
   */
  byte[] bytes() {
    return java.util.Arrays.copyOf(body, length);
  }

  static Response text(int status, String contentType, String text) {
    return new Response(status, text.getBytes(StandardCharsets.UTF_8), contentType);
  }

  Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
