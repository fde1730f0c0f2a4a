package dev.hubspotextract.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Policy: reads a request body of at most {@code limit} bytes, and answers 413 for a longer one
 * without buffering more than the limit (a declared length is refused before reading; a chunked
 * body is cut off once past the limit).
 */
final class BodyReader {
  private final int limit;

  BodyReader(int limit) {
    this.limit = limit;
  }

  /** The body as UTF-8 text, empty when there is none; throws a 413 when it is over the limit. */
  String read(HttpExchange exchange) throws IOException {
    long declared = declaredLength(exchange.getRequestHeaders());
    if (declared == 0) {
      return ""; // GETs, the hot path: nothing to read
    }
    if (declared > limit) {
      throw ErrorBodies.bodyTooLarge(limit);
    }
    // the stream is left open: the server drains a bounded rest of it once the answer is sent
    byte[] bytes = exchange.getRequestBody().readNBytes(declared > 0 ? (int) declared : limit + 1);
    if (bytes.length > limit) {
      throw ErrorBodies.bodyTooLarge(limit);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Whether the request comes with a body that is still unread when it is refused before {@link
   * #read} (its connection then cannot serve another request cleanly).
   */
  static boolean announcesBody(Headers headers) {
    return declaredLength(headers) != 0;
  }

  /** The Content-Length, 0 when there is none, -1 when unknown (chunked). */
  private static long declaredLength(Headers headers) {
    if (headers.containsKey("Transfer-Encoding")) {
      return -1;
    }
    String length = headers.getFirst("Content-Length");
    if (length == null) {
      return 0;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1; // the JDK server rejects these before us; read as if unknown, within the limit
    }
  }
}
