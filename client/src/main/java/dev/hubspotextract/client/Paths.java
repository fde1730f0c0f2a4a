package dev.hubspotextract.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes path segments, query values and cursors. */
final class Paths {
  private Paths() {}

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * A cursor as a query value. HubSpot's cursors arrive already encoded for a URL: its spec's
   * example is {@code {"after":"NTI1Cg%3D%3D","link":"?after=NTI1Cg%3D%3D"}}, the value put in the
   * link unchanged (hubspot-api.md §4, §17). So a cursor that is a valid encoded query value (only
   * unreserved characters and {@code %XX} escapes) is sent exactly as received, never encoded twice
   * into {@code %253D}; anything else (a raw {@code =}, {@code +}, space, a lone {@code %}) is
   * encoded, which is the right thing for a cursor that was not encoded. Plain ids read the same
   * either way.
   */
  static String cursor(String value) {
    return isEncodedQueryValue(value) ? value : query(value);
  }

  private static boolean isEncodedQueryValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length() || !isHex(value.charAt(i + 1)) || !isHex(value.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!isUnreserved(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
