package dev.hubspotextract.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The last step of the chain: sends the request over the JDK's {@link HttpClient}. */
public final class JdkTransport implements Transport {
  private final HttpClient http;
  private final String baseUrl;
  private static final long MAX_BODY_GRACE_MILLIS = 5_000;
  private final Duration requestTimeout;

  public JdkTransport(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {
    String base = Objects.requireNonNull(baseUrl, "baseUrl is null").toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            // bodies are collected on the selector thread instead of being handed to a pool:
            // fewer thread switches per page on the cursor's critical path (nothing here blocks)
            .executor(Runnable::run)
            .build();
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
            .timeout(requestTimeout)
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(builder::header);
    // The request timeout of HttpClient stops at the response headers; a body that stalls would
    // block forever, so the whole exchange, body included, gets one deadline.
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      HttpResponse<byte[]> response =
          exchange.get(
              requestTimeout.toMillis()
                  + Math.min(requestTimeout.toMillis(), MAX_BODY_GRACE_MILLIS),
              TimeUnit.MILLISECONDS);
      return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HubSpotException(
          HubSpotException.Category.TRANSIENT,
          request.method() + " " + request.path() + " timed out after " + requestTimeout,
          e);
    } catch (ExecutionException e) {
      throw failure(request, e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new HubSpotException(
          HubSpotException.Category.INTERNAL, "interrupted while calling HubSpot", e);
    }
  }

  private HubSpotException failure(ApiRequest request, Throwable cause) {
    String call = request.method() + " " + request.path();
    if (cause instanceof HttpTimeoutException) {
      return new HubSpotException(
          HubSpotException.Category.TRANSIENT, call + " timed out after " + requestTimeout, cause);
    }
    if (cause instanceof ConnectException) {
      return new HubSpotException(
          HubSpotException.Category.TRANSIENT,
          "cannot connect to " + baseUrl + " (" + describe(cause) + ")",
          cause);
    }
    if (cause instanceof IOException) {
      return new HubSpotException(
          HubSpotException.Category.TRANSIENT,
          call + ": the connection dropped or the body was cut short (" + describe(cause) + ")",
          cause);
    }
    return new HubSpotException(
        HubSpotException.Category.INTERNAL, call + " failed unexpectedly: " + cause, cause);
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message == null && root.getCause() != null) {
      message = root.getCause().toString();
    }
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
