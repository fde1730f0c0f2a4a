package dev.hubspotextract.cli.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client over one socket, hand-written because its point is to cost
 * almost nothing: it isolates the sandbox's serving cost from the JDK HttpClient's (which {@link
 * JdkPageReader} measures). A broken connection ends the run.
 */
final class RawSocketPageReader implements PageReader {
  private final URI uri;
  private final String pathAndQuery;
  private final String token;
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final StringBuilder line = new StringBuilder();
  private byte[] body = new byte[1 << 20];

  RawSocketPageReader(String pageUrl, String token) throws IOException {
    this.uri = URI.create(pageUrl);
    this.pathAndQuery = uri.getRawPath() + "?" + uri.getRawQuery();
    this.token = token;
    this.socket = new Socket(uri.getHost(), uri.getPort());
    socket.setTcpNoDelay(true);
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
  }

  @Override
  public Page read(String after) throws IOException {
    out.write(
        ("GET "
                + pathAndQuery
                + "&after="
                + after
                + " HTTP/1.1\r\nHost: "
                + uri.getHost()
                + "\r\nAuthorization: Bearer "
                + token
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    int status = 0;
    int length = -1;
    for (boolean first = true; ; first = false) {
      line.setLength(0);
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      if (line.length() == 0) {
        break;
      }
      String header = line.toString();
      if (first) {
        status = Integer.parseInt(header.substring(9, 12));
      } else if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(header.substring(15).trim());
      }
    }
    if (length > body.length) {
      body = new byte[length];
    }
    in.readFully(body, 0, Math.max(0, length));
    if (status != 200) {
      return new Page(status, 0, after);
    }
    String end =
        new String(body, Math.max(0, length - 300), Math.min(300, length), StandardCharsets.UTF_8);
    return new Page(status, length, NextAfter.in(end));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
