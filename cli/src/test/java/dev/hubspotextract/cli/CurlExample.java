package dev.hubspotextract.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A README {@code curl} example aimed at a standalone sandbox ({@code http://127.0.0.1:8080}), sent
 * with the JDK's client to a sandbox of the test's, as curl would send it: its headers, its method
 * ({@code -X}, or POST with a {@code -d} body) and its body.
 */
final class CurlExample {
  /** Where the README's standalone sandbox listens. */
  private static final String README_SANDBOX = "http://127.0.0.1:8080";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private CurlExample() {}

  /**
   * The example's answer as a run: exit 0 for a 2xx answer, else curl's {@code --fail} code 22, the
   * body on stdout; {@code null} for an example this class does not understand.
   */
  static Cli.Run send(List<String> args, URI sandbox) {
    HttpRequest.Builder request = null;
    String method = null;
    String body = null;
    List<String[]> headers = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "-H", "--header" -> {
          String header = args.get(++i);
          int colon = header.indexOf(':');
          headers.add(
              new String[] {header.substring(0, colon), header.substring(colon + 1).trim()});
        }
        case "-X", "--request" -> method = args.get(++i);
        case "-d", "--data", "--data-raw" -> body = args.get(++i);
        case "-s", "--silent" -> {
          // what curl prints besides the answer does not matter here
        }
        default -> {
          if (arg.startsWith("-") || !arg.startsWith(README_SANDBOX) || request != null) {
            return null;
          }
          request =
              HttpRequest.newBuilder(URI.create(sandbox + arg.substring(README_SANDBOX.length())));
        }
      }
    }
    if (request == null) {
      return null;
    }
    for (String[] header : headers) {
      request.header(header[0], header[1]);
    }
    String verb = method != null ? method : body != null ? "POST" : "GET";
    request.method(
        verb,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> answer =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      boolean ok = answer.statusCode() / 100 == 2;
      return new Cli.Run(ok ? 0 : 22, answer.body(), ok ? "" : "HTTP " + answer.statusCode());
    } catch (IOException e) {
      return new Cli.Run(7, "", e.toString()); // curl's "failed to connect"
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
