package dev.hubspotextract.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The server's one handler: runs the policies in order (URL length, authentication, body size,
 * routing, scopes, rate limits, broken objects, refusals a test placed, injected faults; the last
 * five for HubSpot's endpoints only), the endpoint, then latency, and records the request.
 */
final class SandboxHandler implements HttpHandler {
  private final Router router;
  private final Authenticator authenticator;
  private final BodyReader bodies;
  private final RateLimiter rateLimiter;
  private final FaultInjector faults;
  private final Set<ObjectDef> broken;
  private final Refusals refusals;
  private final int maxRequestLineLength;
  private final long latencyMillis;
  private final Consumer<Supplier<RecordedRequest>> recorder;
  private final PrintStream errorLog;

  SandboxHandler(
      Router router,
      Authenticator authenticator,
      BodyReader bodies,
      RateLimiter rateLimiter,
      FaultInjector faults,
      Set<ObjectDef> broken,
      Refusals refusals,
      int maxRequestLineLength,
      long latencyMillis,
      Consumer<Supplier<RecordedRequest>> recorder,
      PrintStream errorLog) {
    this.router = router;
    this.authenticator = authenticator;
    this.bodies = bodies;
    this.rateLimiter = rateLimiter;
    this.faults = faults;
    this.broken = broken;
    this.refusals = refusals;
    this.maxRequestLineLength = maxRequestLineLength;
    this.latencyMillis = latencyMillis;
    this.recorder = recorder;
    this.errorLog = errorLog;
  }

  /** Thrown to make the server drop the connection without answering (the {@code reset} fault). */
  static final class DroppedConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DroppedConnection() {
      super("injected connection reset", null, false, false);
    }
  }

  /** What one exchange learnt on its way through the policies, for recording and sending. */
  private static final class Call {
    /** The body once read; {@code null} while unread (a request refused before it is read). */
    String body;

    FaultKind fault;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    Call call = new Call();
    Response response;
    try {
      response = respond(exchange, method, rawPath, rawQuery, call);
    } catch (DroppedConnection e) {
      record(exchange, method, rawPath, rawQuery, call.body, 0);
      throw e;
    } catch (RuntimeException e) {
      response = internalError(e, method, rawPath);
    }
    if (call.body == null && BodyReader.announcesBody(exchange.getRequestHeaders())) {
      // refused with its body unread: tell the client this connection ends with the answer
      response.header("Connection", "close");
    }
    record(exchange, method, rawPath, rawQuery, call.body, response.status);
    sleepLatency();
    send(exchange, response, call.fault == FaultKind.TRUNCATE);
  }

  private Response respond(
      HttpExchange exchange, String method, String rawPath, String rawQuery, Call call)
      throws IOException {
    int requestLine =
        method.length()
            + 1
            + exchange.getRequestURI().getRawPath().length()
            + (rawQuery == null ? 0 : rawQuery.length() + 1)
            + " HTTP/1.1".length();
    if (requestLine > maxRequestLineLength) {
      return ErrorBodies.uriTooLong(maxRequestLineLength);
    }
    Map<String, String> rateHeaders = Map.of();
    try {
      // before the body: a client without the token must not make the server read or buffer it
      authenticator.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
      call.body = bodies.read(exchange);
      Request request = new Request(method, rawPath, rawQuery, call.body);
      Router.Route route = router.route(request);
      if (!route.isHubSpot()) {
        return route.action().run(null); // not a HubSpot request: no limits, no faults
      }
      route.objects().forEach(authenticator::checkScope);
      rateHeaders = rateLimiter.admit(route.bucket());
      if (route.records() != null && broken.contains(route.records())) {
        // an object HubSpot cannot serve: every record read fails, its metadata still answers
        return withHeaders(ErrorBodies.serverError(500), rateHeaders);
      }
      ApiException refused = refusals.take(rawPath, rawQuery);
      if (refused != null) {
        throw refused;
      }
      FaultKind kind = faults.next();
      call.fault = kind;
      if (kind == FaultKind.RESET) {
        throw new DroppedConnection();
      }
      if (kind == FaultKind.SERVER_ERROR) {
        return ErrorBodies.serverError(faults.serverErrorStatus());
      }
      if (kind == FaultKind.RATE_LIMIT) {
        return withHeaders(
            ErrorBodies.rateLimited("TEN_SECONDLY_ROLLING", RateLimiter.TEN_SECONDLY_MESSAGE),
            rateHeaders);
      }
      return withHeaders(route.action().run(kind), rateHeaders);
    } catch (RateLimiter.RateLimited e) {
      return e.response();
    } catch (Authenticator.MalformedToken e) {
      return ErrorBodies.malformedToken();
    } catch (ApiException e) {
      return withHeaders(ErrorBodies.of(e), rateHeaders);
    }
  }

  /**
   * A 500 that tells the client nothing about its cause (exception texts can carry internals); the
   * cause goes to the error log under the correlation id the client sees.
   */
  private Response internalError(RuntimeException e, String method, String rawPath) {
    String correlationId = UUID.randomUUID().toString();
    synchronized (errorLog) {
      errorLog.println(
          "hubspot-sandbox: internal error, correlationId "
              + correlationId
              + ", answering "
              + method
              + " "
              + rawPath
              + ":");
      e.printStackTrace(errorLog);
      errorLog.flush();
    }
    return ErrorBodies.internalError(correlationId);
  }

  private static Response withHeaders(Response response, Map<String, String> headers) {
    headers.forEach(response::header);
    return response;
  }

  private void send(HttpExchange exchange, Response response, boolean truncate) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType);
    headers.set("X-HubSpot-Correlation-Id", UUID.randomUUID().toString());
    response.headers.forEach(headers::set);
    int length = response.length;
    exchange.sendResponseHeaders(response.status, length == 0 ? -1 : length);
    OutputStream out = exchange.getResponseBody();
    if (truncate && length > 1) {
      // promise the full length, send half, then drop the connection
      out.write(response.body, 0, length / 2);
      out.flush();
      throw new DroppedConnection();
    }
    out.write(response.body, 0, length);
    out.close();
  }

  private void sleepLatency() {
    if (latencyMillis <= 0) {
      return;
    }
    long jittered = latencyMillis / 2 + ThreadLocalRandom.current().nextLong(latencyMillis + 1);
    try {
      Thread.sleep(jittered);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts the request; the record (headers copied, token redacted) is built only if kept. */
  private void record(
      HttpExchange exchange, String method, String path, String rawQuery, String body, int status) {
    recorder.accept(
        () -> {
          Map<String, List<String>> headers = new LinkedHashMap<>();
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) -> {
                    String key = name.toLowerCase(Locale.ROOT);
                    List<String> copy = new ArrayList<>(values);
                    if (key.equals("authorization")) {
                      copy.replaceAll(Authenticator::redact);
                    }
                    headers.put(key, List.copyOf(copy));
                  });
          return new RecordedRequest(method, path, rawQuery, headers, body, status);
        });
  }
}
