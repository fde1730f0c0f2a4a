package dev.hubspotextract.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
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

  /** How often a request still waiting for its answer is said to be waiting. */
  static final Duration WAITING_NOTICE_EVERY = Duration.ofSeconds(15);

  private static final long MAX_BODY_GRACE_MILLIS = 5_000;

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
  private final URI base;
  private final String baseUrl;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final long maxBodySize;
  private final HttpResponse.BodyHandler<byte[]> bodies;
  private final Consumer<UserText> waiting;
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
    this(baseUrl, connectTimeout, requestTimeout, maxBodySize, null, ProxySettings.direct(), null);
  }

  /**
   * @param maxBodySize the largest response body read, in bytes; a larger one fails its request
   * @param waiting where to say that a request has had no answer for a while (every {@link
   *     #WAITING_NOTICE_EVERY}, or half the request timeout when that is shorter), naming the
   *     request timeout; null for nowhere
   * @param proxy the proxy to go through, if any
   * @param trusted authorities to trust besides the JDK's, or null for the JDK's alone
   */
  public JdkTransport(
      URI baseUrl,
      Duration connectTimeout,
      Duration requestTimeout,
      long maxBodySize,
      Consumer<UserText> waiting,
      ProxySettings proxy,
      TrustedCertificates trusted) {
    this.base = Objects.requireNonNull(baseUrl, "baseUrl is null");
    String text = base.toString();
    if (maxBodySize < 1) {
      throw new IllegalArgumentException("maxBodySize must be at least 1, got " + maxBodySize);
    }
    this.baseUrl = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout is null");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout is null");
    this.maxBodySize = maxBodySize;
    this.bodies = BoundedBody.handler(maxBodySize);
    this.waiting = waiting;
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
    long start = System.nanoTime();
    // The request timeout of HttpClient stops at the response headers; a body that stalls would
    // block forever, so the whole exchange, body included, gets one deadline.
    CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(builder.build(), bodies);
    long deadline =
        start
            + TimeUnit.MILLISECONDS.toNanos(
                requestTimeout.toMillis()
                    + Math.min(requestTimeout.toMillis(), MAX_BODY_GRACE_MILLIS));
    long noticeEvery =
        Math.min(WAITING_NOTICE_EVERY.toNanos(), Math.max(1, requestTimeout.toNanos() / 2));
    try {
      while (true) {
        long now = System.nanoTime();
        long slice = waiting == null ? deadline - now : Math.min(deadline - now, noticeEvery);
        try {
          HttpResponse<byte[]> response = exchange.get(Math.max(0, slice), TimeUnit.NANOSECONDS);
          if (response.statusCode() == 407 && !proxy.isDirect()) {
            throw proxyWantsCredentials();
          }
          return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
          if (System.nanoTime() - deadline >= 0) {
            exchange.cancel(true);
            throw new HubSpotException(FailureCategory.TRANSIENT, noAnswer(request, start), e);
          }
          waiting.accept(
              UserText.of(
                  "waiting: "
                      + request.method()
                      + " "
                      + request.path()
                      + " has had no answer for "
                      + seconds(System.nanoTime() - start)
                      + "; it gives up after "
                      + seconds(requestTimeout.toNanos())
                      + ", the request timeout",
                  Setting.REQUEST_TIMEOUT));
        }
      }
    } catch (ExecutionException e) {
      throw failure(request, e.getCause() == null ? e : e.getCause(), start);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new HubSpotException(FailureCategory.INTERNAL, "interrupted while calling HubSpot", e);
    }
  }

  /** USAGE: the whole run fails alike, at once and without retries, until the URL is fixed. */
  private HubSpotException proxyWantsCredentials() {
    return new HubSpotException(
        FailureCategory.USAGE,
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

  private UserText noAnswer(ApiRequest request, long start) {
    return UserText.of(
        request.method()
            + " "
            + request.path()
            + " got no answer within "
            + seconds(System.nanoTime() - start)
            + ", the request timeout",
        Setting.REQUEST_TIMEOUT);
  }

  private HubSpotException failure(ApiRequest request, Throwable cause, long start) {
    String call = request.method() + " " + request.path();
    BoundedBody.TooLarge tooLarge = tooLarge(cause);
    if (tooLarge != null) {
      // not TRANSIENT: asking again brings the same body, no smaller
      return new HubSpotException(
          FailureCategory.EXTERNAL,
          UserText.of(
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
                  + "; raise the body size limit if bodies this large are expected",
              Setting.MAX_BODY_SIZE),
          tooLarge);
    }
    String took = seconds(System.nanoTime() - start);
    if (cause instanceof ConnectException && !proxy.isDirect()) {
      return new HubSpotException(
          FailureCategory.TRANSIENT,
          "cannot connect to the " + proxy + ": " + whyNoProxy(cause),
          cause);
    }
    if (causeOf(cause, SSLHandshakeException.class) != null && untrusted(cause)) {
      // USAGE: the same certificate comes back on every attempt and for every object, until the
      // authority is passed
      return new HubSpotException(
          FailureCategory.USAGE,
          UserText.of(
              "cannot connect to "
                  + baseUrl
                  + ": its TLS certificate is signed by no authority this tool trusts ("
                  + describe(cause)
                  + "); behind a proxy that inspects TLS, give the proxy's certificate authority"
                  + " as a CA certificate file",
              Setting.CA_CERT),
          cause);
    }
    SSLException tls = causeOf(cause, SSLException.class);
    if (tls != null) {
      return new HubSpotException(
          FailureCategory.TRANSIENT,
          "the TLS handshake with "
              + hostAndPort()
              + " failed after "
              + took
              + " ("
              + ErrorBody.oneLine(describe(tls), ErrorBody.MESSAGE_CHARS)
              + ")"
              + (String.valueOf(tls.getMessage()).contains("plaintext")
                  ? ": it answers plain http, not https"
                  : ""),
          cause);
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return new HubSpotException(FailureCategory.TRANSIENT, connectTimedOut(took), cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new HubSpotException(FailureCategory.TRANSIENT, noAnswer(request, start), cause);
    }
    if (cause instanceof ConnectException) {
      return new HubSpotException(
          FailureCategory.TRANSIENT,
          "cannot connect to " + baseUrl + " (" + describe(cause) + ")",
          cause);
    }
    if (cause instanceof IOException) {
      return new HubSpotException(
          FailureCategory.TRANSIENT,
          call + ": the connection dropped or the body was cut short (" + describe(cause) + ")",
          cause);
    }
    return new HubSpotException(
        FailureCategory.INTERNAL, call + " failed unexpectedly: " + cause, cause);
  }

  /**
   * The JDK's connect timeout covers the TLS handshake too, and says only "connect timed out"; for
   * https a plain connection tells which of the two got no answer.
   */
  private UserText connectTimedOut(String took) {
    String limit = " within " + took + ", the connect timeout";
    // through a proxy, a connection of our own to the host would say nothing of the proxy's
    if ("https".equalsIgnoreCase(base.getScheme()) && proxy.isDirect() && acceptsConnections()) {
      return UserText.of(
          hostAndPort()
              + " accepted the connection, but the TLS handshake got no answer"
              + limit
              + ": is it a plain http server?",
          Setting.CONNECT_TIMEOUT);
    }
    return UserText.of("could not connect to " + hostAndPort() + limit, Setting.CONNECT_TIMEOUT);
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(base.getHost(), port()),
          (int) Math.min(connectTimeout.toMillis(), PROBE_MILLIS));
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
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

  /** The longest the plain connection that tells a TCP from a TLS failure may take. */
  private static final int PROBE_MILLIS = 2_000;

  private String hostAndPort() {
    return base.getHost() + ":" + port();
  }

  private int port() {
    return base.getPort() >= 0
        ? base.getPort()
        : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
  }

  /** A time as messages say it: {@code 0.3 s}, {@code 10 s}, {@code 120 s}. */
  private static String seconds(long nanos) {
    double seconds = nanos / 1e9;
    return seconds < 10
        ? String.format(Locale.ROOT, "%.1f s", seconds)
        : String.format(Locale.ROOT, "%d s", Math.round(seconds));
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The body-too-large failure among {@code e} and its causes (the JDK may wrap it), or null. */
  private static BoundedBody.TooLarge tooLarge(Throwable e) {
    return causeOf(e, BoundedBody.TooLarge.class);
  }

  private static String mebibytes(long bytes) {
    return bytes % (1024 * 1024) == 0
        ? bytes / (1024 * 1024) + " MiB"
        : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
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
