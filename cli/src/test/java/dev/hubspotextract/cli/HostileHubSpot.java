package dev.hubspotextract.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A hostile server for tests: it stands in front of a {@link Sandbox} on 127.0.0.1 and passes every
 * request through, except that it rewrites the answers it is told to (a schema's name, a property's
 * name), adds headers of its choosing, or sends a body that never ends. What a wrong {@code
 * --base-url}, a compromised endpoint or anyone on a plain-http path could send.
 */
final class HostileHubSpot implements AutoCloseable {
  /** Bounds the endless body so a test that fails cannot make it run forever. */
  private static final long ENDLESS_BODY_LIMIT = 4L << 30;

  private static final Set<String> PASSED_HEADERS =
      Set.of("content-type", "retry-after", "x-hubspot-correlation-id");

  private final Sandbox sandbox;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Rule> rules = new ArrayList<>();
  private final Map<String, String> extraHeaders = new LinkedHashMap<>();

  /** What to do to the answers to paths that start with {@code pathPrefix}. */
  private record Rule(
      String pathPrefix,
      UnaryOperator<String> body,
      int status,
      Map<String, String> headers,
      boolean endless) {}

  private HostileHubSpot(Sandbox sandbox) throws IOException {
    this.sandbox = sandbox;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
  }

  static HostileHubSpot before(Sandbox sandbox) throws IOException {
    return new HostileHubSpot(sandbox);
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Rewrites the body of every answer to a path that starts with {@code pathPrefix}. */
  synchronized HostileHubSpot rewrite(String pathPrefix, UnaryOperator<String> body) {
    rules.add(new Rule(pathPrefix, body, 0, Map.of(), false));
    return this;
  }

  /** Answers a path that starts with {@code pathPrefix} with this, without asking the sandbox. */
  synchronized HostileHubSpot answer(
      String pathPrefix, int status, String body, Map<String, String> headers) {
    rules.add(new Rule(pathPrefix, old -> body, status, headers, false));
    return this;
  }

  /** Answers a path that starts with {@code pathPrefix} with a 200 body that never ends. */
  synchronized HostileHubSpot endlessBody(String pathPrefix) {
    rules.add(new Rule(pathPrefix, null, 0, Map.of(), true));
    return this;
  }

  /** Stops misbehaving: every request passes through as the sandbox answers it. */
  synchronized HostileHubSpot behave() {
    rules.clear();
    extraHeaders.clear();
    return this;
  }

  /** Adds this header to every answer (replacing the sandbox's own). */
  synchronized HostileHubSpot header(String name, String value) {
    extraHeaders.put(name, value);
    return this;
  }

  /** The arguments of a pull through this server (as {@link Cli#pullArgs}). */
  String[] pullArgs(Path out, String... extra) {
    return Cli.pullArgs(baseUrl(), sandbox.token(), out, extra).toArray(String[]::new);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      List<Rule> matching = rulesFor(path);
      Rule rule = matching.isEmpty() ? null : matching.get(0);
      if (rule != null && rule.endless()) {
        sendEndless(exchange);
        return;
      }
      int status;
      byte[] body;
      if (rule != null && rule.status() != 0) {
        exchange.getRequestBody().readAllBytes();
        status = rule.status();
        body = rule.body().apply("").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        rule.headers().forEach(exchange.getResponseHeaders()::set);
      } else {
        HttpResponse<byte[]> answer = forward(exchange);
        status = answer.statusCode();
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        for (Rule rewrite : matching) {
          text = rewrite.body().apply(text);
        }
        body = text.getBytes(StandardCharsets.UTF_8);
        answer
            .headers()
            .map()
            .forEach(
                (name, values) -> {
                  String key = name.toLowerCase(Locale.ROOT);
                  if (PASSED_HEADERS.contains(key) || key.startsWith("x-hubspot-ratelimit")) {
                    exchange.getResponseHeaders().put(name, values);
                  }
                });
      }
      synchronized (this) {
        extraHeaders.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  private synchronized List<Rule> rulesFor(String path) {
    return rules.stream().filter(r -> path.startsWith(r.pathPrefix())).toList();
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException {
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                requestBody.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(requestBody));
    for (String name : List.of("Authorization", "Content-Type")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** A JSON body that starts like a page and never ends, until the client hangs up. */
  private static void sendEndless(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0); // chunked
    byte[] chunk =
        ("{\"id\":\"1\",\"x\":\"" + "a".repeat(65_000) + "\"},").getBytes(StandardCharsets.UTF_8);
    OutputStream body = exchange.getResponseBody();
    body.write("{\"results\":[".getBytes(StandardCharsets.UTF_8));
    for (long sent = 0; sent < ENDLESS_BODY_LIMIT; sent += chunk.length) {
      body.write(chunk); // fails once the client has given up
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
