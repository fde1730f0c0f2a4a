package dev.hubspotextract.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a host (to bind, or in a URL) is a loopback address, judged from the text alone: {@code
 * localhost}, 127.0.0.0/8 or {@code ::1}. Names are never looked up (DNS could answer anything);
 * any other name, and any address it cannot read, counts as reachable from other machines.
 */
public final class LoopbackHost {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /**
   * A colon, and only hex digits, colons and dots from a hex digit or colon on: InetAddress reads
   * such text as a literal and never looks it up.
   */
  private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private LoopbackHost() {}

  public static boolean isLoopback(String host) {
    String h = host.trim();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.toLowerCase(Locale.ROOT).equals("localhost")) {
      return true;
    }
    Matcher v4 = IPV4.matcher(h);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return false;
        }
      }
      return Integer.parseInt(v4.group(1)) == 127;
    }
    if (IPV6.matcher(h).matches()) {
      try {
        return InetAddress.getByName(h).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
