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

/**
 * The last step of the chain: sends the request over the JDK's {@link HttpClient}, and reads the
 * answer's body whole, up to a limit ({@link BoundedBody}).
 */
public final class JdkTransport implements Transport {
  /**
   * 256 MiB: a list page of 100 records with hundreds of properties is a few MB, so this is far
   * above any body HubSpot sends, yet keeps a server that sends without end from taking the heap.
   */
  public static final long DEFAULT_MAX_BODY_SIZE = 256L * 1024 * 1024;

  private final HttpClient http;
  private final String baseUrl;
  private static final long MAX_BODY_GRACE_MILLIS = 5_000;
  private final Duration requestTimeout;
  private final long maxBodySize;
  private final HttpResponse.BodyHandler<byte[]> bodies;

  public JdkTransport(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {
    this(baseUrl, connectTimeout, requestTimeout, DEFAULT_MAX_BODY_SIZE);
  }

  /**
   * @param maxBodySize the largest response body read, in bytes; a larger one fails its request
   */
  public JdkTransport(
      URI baseUrl, Duration connectTimeout, Duration requestTimeout, long maxBodySize) {
    String base = Objects.requireNonNull(baseUrl, "baseUrl is null").toString();
    if (maxBodySize < 1) {
      throw new IllegalArgumentException("maxBodySize must be at least 1, got " + maxBodySize);
    }
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.requestTimeout = requestTimeout;
    this.maxBodySize = maxBodySize;
    this.bodies = BoundedBody.handler(maxBodySize);
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
    CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(builder.build(), bodies);
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
    BoundedBody.TooLarge tooLarge = tooLarge(cause);
    if (tooLarge != null) {
      // not TRANSIENT: asking again brings the same body, no smaller
      return new HubSpotException(
          HubSpotException.Category.EXTERNAL,
          call
              + ": the response body "
              + (tooLarge.announced >= 0
                  ? "announced " + tooLarge.announced + " bytes, more than the limit of "
                  : "passed the limit of ")
              + maxBodySize
              + " bytes ("
              + mebibytes(maxBodySize)
              + "), and was not read"
              + (tooLarge.announced >= 0 ? "" : " further")
              + "; raise the limit with --max-body-size if bodies this large are expected",
          tooLarge);
    }
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

  /** The body-too-large failure among {@code e} and its causes (the JDK may wrap it), or null. */
  private static BoundedBody.TooLarge tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BoundedBody.TooLarge tooLarge) {
        return tooLarge;
      }
    }
    return null;
  }

  private static String mebibytes(long bytes) {
    return bytes % (1024 * 1024) == 0
        ? bytes / (1024 * 1024) + " MiB"
        : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
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
