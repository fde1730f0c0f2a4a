package dev.hubspotextract.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A tiny HTTP forward proxy for tests: requests for an absolute URI are forwarded, CONNECT is
 * tunnelled. Every host asked for is reached on this machine, so {@code hubspot.test:PORT} is a
 * local sandbox's port and only a client that really uses the proxy gets there. It records the
 * request lines and {@code Proxy-Authorization} headers it saw, and may demand Basic credentials.
 */
final class ForwardProxy implements AutoCloseable {
  /** Seen as the Proxy-Authorization of a request that had none. */
  static final String NONE = "(none)";

  private final ServerSocket server;
  private final String expected;
  private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

  private ForwardProxy(String expected) throws IOException {
    this.expected = expected;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "test-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy that asks for nothing. */
  static ForwardProxy open() throws IOException {
    return new ForwardProxy(null);
  }

  /** A proxy that answers 407 to every request without these credentials. */
  static ForwardProxy requiring(String user, String password) throws IOException {
    String pair = user + ":" + password;
    return new ForwardProxy(
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code http://127.0.0.1:PORT}, with {@code userInfo@} when not null. */
  String url(String userInfo) {
    return "http://"
        + (userInfo == null ? "" : userInfo + "@")
        + "127.0.0.1:"
        + server.getLocalPort();
  }

  List<String> requestLines() {
    synchronized (requestLines) {
      return List.copyOf(requestLines);
    }
  }

  List<String> authorizations() {
    synchronized (authorizations) {
      return List.copyOf(authorizations);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread handler = new Thread(() -> serve(client), "test-proxy-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      String[] requestLine = head.get(0).split(" ");
      String authorization = header(head, "proxy-authorization");
      requestLines.add(requestLine[0] + " " + requestLine[1]);
      authorizations.add(authorization == null ? NONE : authorization);
      OutputStream out = client.getOutputStream();
      if (expected != null && !expected.equals(authorization)) {
        out.write(
            ascii(
                "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic"
                    + " realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        out.flush();
        return;
      }
      if (requestLine[0].equals("CONNECT")) {
        int port = Integer.parseInt(requestLine[1].substring(requestLine[1].lastIndexOf(':') + 1));
        try (Socket origin = new Socket(InetAddress.getLoopbackAddress(), port)) {
          out.write(ascii("HTTP/1.1 200 Connection established\r\n\r\n"));
          out.flush();
          Thread upstream =
              new Thread(
                  () -> {
                    try {
                      in.transferTo(origin.getOutputStream());
                      origin.shutdownOutput();
                    } catch (IOException e) {
                      // either side closed: the other copy ends too
                    }
                  },
                  "test-proxy-tunnel");
          upstream.setDaemon(true);
          upstream.start();
          origin.getInputStream().transferTo(out);
          upstream.join(5_000);
        }
      } else {
        forward(requestLine, head, in, out);
      }
    } catch (IOException | InterruptedException e) {
      // the client or the origin went away: the test sees what the client saw
    }
  }

  private static void forward(
      String[] requestLine, List<String> head, InputStream in, OutputStream out)
      throws IOException {
    URI target = URI.create(requestLine[1]);
    try (Socket origin = new Socket(InetAddress.getLoopbackAddress(), target.getPort())) {
      StringBuilder request =
          new StringBuilder(requestLine[0] + " " + target.getRawPath())
              .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
              .append(" HTTP/1.1\r\n");
      for (String line : head.subList(1, head.size())) {
        String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
        // hop-by-hop: a proxy consumes its own credentials and its connection header
        if (!name.startsWith("proxy-") && !name.equals("connection")) {
          request.append(line).append("\r\n");
        }
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream toOrigin = origin.getOutputStream();
      toOrigin.write(ascii(request.toString()));
      String length = header(head, "content-length");
      if (length != null) {
        toOrigin.write(in.readNBytes(Integer.parseInt(length.trim())));
      }
      toOrigin.flush();
      InputStream fromOrigin = new BufferedInputStream(origin.getInputStream());
      List<String> answer = readHead(fromOrigin);
      StringBuilder response = new StringBuilder();
      for (String line : answer) {
        if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
          response.append(line).append("\r\n");
        }
      }
      // one request per connection: the origin closes after its answer, so the client must not
      // reuse
      response.append("Connection: close\r\n\r\n");
      out.write(ascii(response.toString()));
      fromOrigin.transferTo(out);
      out.flush();
    }
  }

  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return lines;
  }

  private static String header(List<String> head, String name) {
    for (String line : head.subList(1, head.size())) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
