package dev.hubspotextract.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

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

  private static final String TUNNELING_DISABLED_SCHEMES =
      "jdk.http.auth.tunneling.disabledSchemes";

  static {
    // The JDK drops a Basic Proxy-Authorization from CONNECT unless this is cleared, and reads it
    // once, when its HTTP client is first used: so here, before any. It only lets through
    // credentials the user put in the proxy URL, which go to that proxy alone.
    if (System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
      System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
    }
  }

  private final HttpClient http;
  private final String baseUrl;
  private static final long MAX_BODY_GRACE_MILLIS = 5_000;
  private final Duration requestTimeout;
  private final long maxBodySize;
  private final HttpResponse.BodyHandler<byte[]> bodies;
  private final ProxySettings proxy;
  private final String proxyAuthorization;

  public JdkTransport(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {
    this(baseUrl, connectTimeout, requestTimeout, DEFAULT_MAX_BODY_SIZE);
  }

  /**
   * @param maxBodySize the largest response body read, in bytes; a larger one fails its request
   */
  public JdkTransport(
      URI baseUrl, Duration connectTimeout, Duration requestTimeout, long maxBodySize) {
    this(baseUrl, connectTimeout, requestTimeout, maxBodySize, ProxySettings.direct(), null);
  }

  /**
   * @param proxy the proxy to go through, if any
   * @param trusted authorities to trust besides the JDK's, or null for the JDK's alone
   */
  public JdkTransport(
      URI baseUrl,
      Duration connectTimeout,
      Duration requestTimeout,
      long maxBodySize,
      ProxySettings proxy,
      TrustedCertificates trusted) {
    String base = Objects.requireNonNull(baseUrl, "baseUrl is null").toString();
    if (maxBodySize < 1) {
      throw new IllegalArgumentException("maxBodySize must be at least 1, got " + maxBodySize);
    }
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.requestTimeout = requestTimeout;
    this.maxBodySize = maxBodySize;
    this.bodies = BoundedBody.handler(maxBodySize);
    this.proxy = Objects.requireNonNull(proxy, "proxy is null");
    // sent before the proxy asks, as curl does, and not through an Authenticator: with one set,
    // the JDK turns HubSpot's 401 (which has no WWW-Authenticate header) into an IOException. The
    // JDK sends it to the proxy only, never through a tunnel nor to a server reached directly.
    this.proxyAuthorization = proxy.proxyAuthorization();
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            // bodies are collected on the selector thread instead of being handed to a pool:
            // fewer thread switches per page on the cursor's critical path (nothing here blocks)
            .executor(Runnable::run);
    if (proxy.selector() != null) {
      client.proxy(proxy.selector());
    }
    if (trusted != null) {
      client.sslContext(trusted.sslContext());
    }
    this.http = client.build();
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
    if (proxyAuthorization != null) {
      builder.header("Proxy-Authorization", proxyAuthorization);
    }
    // The request timeout of HttpClient stops at the response headers; a body that stalls would
    // block forever, so the whole exchange, body included, gets one deadline.
    CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(builder.build(), bodies);
    try {
      HttpResponse<byte[]> response =
          exchange.get(
              requestTimeout.toMillis()
                  + Math.min(requestTimeout.toMillis(), MAX_BODY_GRACE_MILLIS),
              TimeUnit.MILLISECONDS);
      if (response.statusCode() == 407 && !proxy.isDirect()) {
        throw proxyWantsCredentials();
      }
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

  /** USAGE: the whole run fails alike, at once and without retries, until the URL is fixed. */
  private HubSpotException proxyWantsCredentials() {
    return new HubSpotException(
        HubSpotException.Category.USAGE,
        proxy.hasCredentials()
            ? "the proxy "
                + proxy.address()
                + " rejected the user name and password in its URL (407 Proxy Authentication"
                + " Required); check them, written %40 for @, %3A for : and %2F for /"
            : "the proxy "
                + proxy.address()
                + " wants a user name and password (407 Proxy Authentication Required): put"
                + " them in its URL, http://user:password@"
                + proxy.address());
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
    if (cause instanceof ConnectException && !proxy.isDirect()) {
      return new HubSpotException(
          HubSpotException.Category.TRANSIENT,
          "cannot connect to the " + proxy + ": " + whyNoProxy(cause),
          cause);
    }
    if (cause instanceof SSLHandshakeException && untrusted(cause)) {
      // USAGE: the same certificate comes back on every attempt and for every object, until the
      // authority is passed
      return new HubSpotException(
          HubSpotException.Category.USAGE,
          "cannot connect to "
              + baseUrl
              + ": its TLS certificate is signed by no authority this tool trusts ("
              + describe(cause)
              + "); behind a proxy that inspects TLS, pass the proxy's certificate authority"
              + " with --ca-cert FILE",
          cause);
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

  /** The JDK says nothing when the proxy's name is unknown or its port refuses: tell which. */
  private String whyNoProxy(Throwable cause) {
    if (cause.getMessage() != null) {
      return describe(cause);
    }
    try {
      InetAddress.getByName(proxy.host());
      return "connection refused";
    } catch (UnknownHostException e) {
      return "no such host name";
    }
  }

  /** Whether a TLS handshake failed because no trusted authority signed the certificate. */
  private static boolean untrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return true;
      }
    }
    return false;
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
