package dev.hubspotextract.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes path segments and query values. */
final class Paths {
  private Paths() {}

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
