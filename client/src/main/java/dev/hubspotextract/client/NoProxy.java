package dev.hubspotextract.client;

import java.util.Locale;

/**
 * A {@code NO_PROXY} list as curl reads it: comma-separated entries, {@code *} alone for every
 * host, {@code example.com} or {@code .example.com} for that host and every host under it, an IP
 * address or {@code [::1]} for itself, and {@code host:port} for that port only. Nothing is looked
 * up in DNS; IP ranges ({@code 10.0.0.0/8}) are not read and match nothing.
 */
final class NoProxy {
  private NoProxy() {}

  /** Whether {@code host} (a URL's host, IPv6 in brackets or not) on {@code port} is listed. */
  static boolean lists(String list, String host, int port) {
    String target = bare(host);
    for (String raw : list.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        return true;
      }
      int entryPort = -1;
      int colon = entry.lastIndexOf(':');
      // a port follows the last colon, unless the colons are an IPv6 address's own
      if (colon > 0
          && (entry.startsWith("[")
              ? entry.charAt(colon - 1) == ']'
              : colon == entry.indexOf(':'))) {
        try {
          entryPort = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
          continue;
        }
        entry = entry.substring(0, colon);
      }
      if (entryPort >= 0 && entryPort != port) {
        continue;
      }
      String name = bare(entry);
      if (name.startsWith(".")) {
        name = name.substring(1);
      }
      // an address matches only itself: 0.0.1 is no "domain" of 127.0.0.1
      boolean suffix = !isAddress(target) && target.endsWith("." + name);
      if (!name.isEmpty() && (target.equals(name) || suffix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAddress(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  /** Lower case, without the brackets of an IPv6 literal or a trailing dot. */
  private static String bare(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
