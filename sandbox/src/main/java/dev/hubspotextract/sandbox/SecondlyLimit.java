package dev.hubspotextract.sandbox;

import java.util.Locale;

/**
 * Whether the sandbox enforces HubSpot's legacy per-second allowance (a tenth of the 10-second
 * limit, reported in {@code X-HubSpot-RateLimit-Secondly}), and on which requests. HubSpot does not
 * say whether the requests exempt from the 10-second window (v4 association batch reads) count in
 * it, so the sandbox can act out both readings.
 */
public enum SecondlyLimit {
  /** Reported in the headers only. */
  OFF,
  /** Enforced on the requests of the 10-second window: the allowance is that window's own. */
  WINDOW,
  /** Enforced on every request but search, association reads included. */
  ALL;

  /** Parses {@code window} or {@code all}; names the input and its choices when it is neither. */
  public static SecondlyLimit parse(String text) {
    String name = text.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "window" -> WINDOW;
      case "all" -> ALL;
      default ->
          throw new IllegalArgumentException(
              "unknown value '"
                  + text
                  + "': use window (the 10-second window's requests) or all (association reads"
                  + " too)");
    };
  }
}
