package dev.hubspotextract.client;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP proxy that carries the requests to one base URL, or none. It comes from the proxy the
 * user gave, or else from the environment as curl reads it — the JDK's HTTP client reads none of
 * these variables itself. Messages name where it came from: the variable's name, or the name the
 * front end gave for its own setting (the command line's {@code --proxy}), which only it knows.
 * {@link #toString()} shows the proxy's password as {@code ***}.
 */
public final class ProxySettings {
  /** The proxy given that turns every proxy off, the environment's too. */
  public static final String NONE = "none";

  /** The port of a proxy URL that names none, as curl assumes. */
  static final int DEFAULT_PORT = 1080;

  private static final ProxySettings DIRECT = new ProxySettings(null, 0, null, null, null);
  private static final String EXPECTED =
      "expected http://host:port or http://user:password@host:port";

  private final String host;
  private final int port;
  private final String user;
  private final String password;

  /** Where the proxy came from ({@code --proxy}, {@code https_proxy}), or why there is none. */
  private final String origin;

  private ProxySettings(String host, int port, String user, String password, String origin) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.origin = origin;
  }

  /** No proxy. */
  public static ProxySettings direct() {
    return DIRECT;
  }

  /**
   * The proxy for {@code baseUrl}: {@code given} when given, {@link #NONE} for none; else {@code
   * https_proxy} or {@code HTTPS_PROXY} for an https:// base URL, {@code http_proxy} or {@code
   * HTTP_PROXY} for http:// (the lower-case name first, as curl), unless the host is in {@code
   * no_proxy} / {@code NO_PROXY} or on this machine (a proxy elsewhere could not reach it).
   *
   * @param given the proxy the user gave, or null when none; it overrides the environment
   * @param givenBy how the user gives it, for messages: the front end's name for its proxy setting
   *     (the command line's flag)
   * @param environment the environment variables ({@link System#getenv()})
   * @throws HubSpotException of category USAGE for a value that is no http:// proxy URL
   */
  public static ProxySettings choose(
      String given, String givenBy, Map<String, String> environment, URI baseUrl) {
    Objects.requireNonNull(givenBy, "givenBy is null");
    Objects.requireNonNull(environment, "environment is null");
    Objects.requireNonNull(baseUrl, "baseUrl is null");
    if (given != null) {
      return given.trim().equalsIgnoreCase(NONE)
          ? new ProxySettings(null, 0, null, null, givenBy + " " + NONE)
          : parse(given, givenBy, givenBy);
    }
    boolean https = "https".equalsIgnoreCase(baseUrl.getScheme());
    String proxyVariable = variable(environment, https ? "https_proxy" : "http_proxy");
    if (proxyVariable == null) {
      return DIRECT;
    }
    String host = baseUrl.getHost();
    if (isLoopback(host)) {
      return new ProxySettings(null, 0, null, null, host + " is on this machine");
    }
    int port = baseUrl.getPort() >= 0 ? baseUrl.getPort() : https ? 443 : 80;
    String noProxyVariable = variable(environment, "no_proxy");
    if (noProxyVariable != null && NoProxy.lists(environment.get(noProxyVariable), host, port)) {
      return new ProxySettings(null, 0, null, null, host + " is in " + noProxyVariable);
    }
    return parse(environment.get(proxyVariable), proxyVariable, givenBy);
  }

  /**
   * Reads one proxy URL; {@code origin} names where it came from in messages: {@code givenBy} (the
   * user gave it), or the environment variable that {@code givenBy} overrides. Without a scheme a
   * variable's value is read as http://, as curl accepts; a proxy the user gives now is told.
   */
  static ProxySettings parse(String typed, String origin, String givenBy) {
    String text = typed.trim();
    if (!text.contains("://")) {
      if (origin.equals(givenBy)) {
        throw usage(origin, typed, "no scheme", givenBy);
      }
      text = "http://" + text;
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      // the reason only: the exception's own message repeats the input, password and all
      throw usage(origin, typed, "not a URL (" + e.getReason() + ")", givenBy);
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      throw usage(
          origin,
          typed,
          "Java's HTTP client cannot speak TLS to a proxy; give the proxy as http:// — HTTPS"
              + " requests still go through it encrypted, tunnelled with CONNECT",
          givenBy);
    }
    if (!scheme.equals("http")) {
      throw usage(
          origin, typed, "only http:// proxies are supported, not " + scheme + "://", givenBy);
    }
    if (url.getHost() == null) {
      throw usage(origin, typed, "no host name", givenBy);
    }
    boolean pathless =
        url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/");
    if (!pathless || url.getRawQuery() != null || url.getRawFragment() != null) {
      throw usage(origin, typed, "a proxy URL has no path or query", givenBy);
    }
    String userInfo = url.getUserInfo();
    String proxyUser = null;
    String proxyPassword = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      proxyUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      proxyPassword = colon < 0 ? "" : userInfo.substring(colon + 1);
    }
    return new ProxySettings(
        url.getHost(),
        url.getPort() < 0 ? DEFAULT_PORT : url.getPort(),
        proxyUser,
        proxyPassword,
        origin);
  }

  /** True when requests go straight to the base URL. */
  public boolean isDirect() {
    return host == null;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  /** The {@code Proxy-Authorization} value for the proxy's credentials, or null without any. */
  String proxyAuthorization() {
    if (user == null) {
      return null;
    }
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  boolean hasCredentials() {
    return user != null;
  }

  /**
   * The JDK's proxy selector for these settings, or null to leave the JDK's default (its own {@code
   * https.proxyHost} system properties) when neither a flag nor a variable said anything.
   */
  ProxySelector selector() {
    if (!isDirect()) {
      return ProxySelector.of(new InetSocketAddress(host, port));
    }
    return origin == null ? null : HttpClient.Builder.NO_PROXY;
  }

  /** The proxy as {@code host:port}, for messages. */
  String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * For {@code --verbose}: "proxy http://user:***@host:port (from https_proxy)", "no proxy
   * (api.hubapi.com is in NO_PROXY)", or "no proxy" when nothing asked for one.
   */
  @Override
  public String toString() {
    if (isDirect()) {
      return origin == null ? "no proxy" : "no proxy (" + origin + ")";
    }
    return "proxy http://"
        + (user == null ? "" : user + ":***@")
        + address()
        + " (from "
        + origin
        + ")";
  }

  /** {@code typed} with the password of any {@code user:password@} replaced by ***. */
  static String redact(String typed) {
    return typed.replaceFirst("^(\\s*(?:[A-Za-z][A-Za-z0-9+.-]*://)?[^/@:]*):[^/@]*@", "$1:***@");
  }

  /** The lower-case variable when set and not empty, else the upper-case one, else null. */
  private static String variable(Map<String, String> environment, String lowerCaseName) {
    for (String name : new String[] {lowerCaseName, lowerCaseName.toUpperCase(Locale.ROOT)}) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        return name;
      }
    }
    return null;
  }

  /** localhost, 127.0.0.0/8 or ::1, judged from the text alone. */
  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  private static HubSpotException usage(
      String origin, String typed, String problem, String givenBy) {
    String shown = redact(typed);
    boolean given = origin.equals(givenBy);
    String fix =
        given
            ? EXPECTED + ", or " + NONE
            : EXPECTED
                + "; correct or unset "
                + origin
                + ", or pass "
                + givenBy
                + " URL or "
                + givenBy
                + " "
                + NONE;
    String subject = given ? givenBy + " " + shown : origin + "=" + shown;
    return new HubSpotException(FailureCategory.USAGE, subject + ": " + problem + "; " + fix);
  }
}
