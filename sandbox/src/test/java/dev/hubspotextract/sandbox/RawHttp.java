package dev.hubspotextract.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare socket client for what HttpClient will not send: headers promising a body that never
 * comes, or a chunked body that never ends.
 */
final class RawHttp implements AutoCloseable {
  /** One answer: status, headers (names in lower case) and body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  private final Socket socket;

  RawHttp(Sandbox sandbox) {
    try {
      socket = new Socket(sandbox.baseUrl().getHost(), sandbox.baseUrl().getPort());
      socket.setSoTimeout(10_000); // an answer that waits for the body fails the test, not hangs it
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a request line and headers (CRLF added), and the blank line that ends them. */
  RawHttp sendHead(String requestLine, String... headers) {
    StringBuilder head = new StringBuilder(requestLine).append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("\r\n");
    try {
      out().write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  OutputStream out() throws IOException {
    return socket.getOutputStream();
  }

  /**
   * Writes 64 KiB chunks until the server stops taking them (the connection breaks) or {@code max}
   * bytes are out, on a thread of its own; returns the bytes written, on {@link Thread#join}.
   */
  ChunkedWriter writeChunksUpTo(long max) {
    ChunkedWriter writer = new ChunkedWriter(max);
    writer.start();
    return writer;
  }

  final class ChunkedWriter extends Thread {
    private final long max;
    volatile long written;
    volatile boolean broken;

    ChunkedWriter(long max) {
      this.max = max;
      setDaemon(true);
    }

    @Override
    public void run() {
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      byte[] size =
          (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
      try {
        OutputStream out = out();
        while (written < max) {
          out.write(size);
          out.write(chunk);
          out.write(crlf);
          written += chunk.length;
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        broken = true; // the server closed the connection: what a refusal should do
      }
    }
  }

  /** Reads one answer (the body by its Content-Length). */
  Answer read() {
    try {
      InputStream in = socket.getInputStream();
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      return new Answer(status, headers, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-answer after '" + line + "'");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
