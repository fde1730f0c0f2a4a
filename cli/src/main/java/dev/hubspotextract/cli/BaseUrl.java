package dev.hubspotextract.cli;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.extract.ExtractException;
import dev.hubspotextract.sandbox.LoopbackHost;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Checks {@code --base-url} before any request: {@code https://} anywhere, plain {@code http://}
 * only to this machine (where a local sandbox runs) unless {@code --insecure-http} accepts sending
 * the token and the data unencrypted, and never a user name or password in the URL (it would be
 * printed and written to the manifest).
 */
final class BaseUrl {
  private BaseUrl() {}

  static URI parse(String typed, boolean insecureHttp, Consumer<String> warnings) {
    if (!typed.contains("://")) {
      throw usage(NO_SCHEME);
    }
    URI url;
    try {
      url = new URI(typed.trim());
    } catch (URISyntaxException e) {
      throw usage("--base-url is not a URL (" + e.getReason() + "); " + EXPECTED);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw usage(NO_SCHEME);
    }
    if (url.getRawUserInfo() != null) {
      throw usage(
          "--base-url must not hold a user name or password (user:password@): they would be shown"
              + " in messages and written to manifest.json. Give the token with --token or"
              + " HUBSPOT_ACCESS_TOKEN, and the URL without them");
    }
    if (scheme.equals("http") && !LoopbackHost.isLoopback(url.getHost())) {
      if (!insecureHttp) {
        throw usage(
            "--base-url http://"
                + url.getHost()
                + " would send the access token and your CRM data unencrypted; use https://, or"
                + " add --insecure-http to accept that (plain http:// is for a sandbox on this"
                + " machine)");
      }
      warnings.accept(
          "warning: --insecure-http: the access token and the data travel unencrypted to "
              + url.getHost()
              + "; anyone on the way can read them");
    }
    return url;
  }

  private static final String EXPECTED =
      "expected e.g. https://api.hubapi.com or http://127.0.0.1:8080";
  private static final String NO_SCHEME =
      "--base-url must start with https:// (or http:// for a local sandbox); " + EXPECTED;

  private static ExtractException usage(String message) {
    return new ExtractException(FailureCategory.USAGE, message);
  }
}
