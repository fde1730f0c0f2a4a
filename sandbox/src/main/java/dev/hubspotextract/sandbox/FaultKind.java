package dev.hubspotextract.sandbox;

import java.util.Locale;

/** A kind of failure the sandbox can inject into a response. */
public enum FaultKind {
  /** A 500, 502, 503 or 504 with HubSpot's error body. */
  SERVER_ERROR("5xx"),
  /** The connection is dropped before any response byte is sent. */
  RESET("reset"),
  /** The body is cut short: the Content-Length promises more bytes than are sent. */
  TRUNCATE("truncate"),
  /** A 429 {@code TEN_SECONDLY_ROLLING} answer although no limit was reached. */
  RATE_LIMIT("429"),
  /** A list or search page with fewer records than asked for, its cursor still present. */
  SHORT_PAGE("short-page"),
  /**
   * A v4 association batch read ignores its inputs' {@code after}: each input gets its first page
   * (and the same cursor) again, as HubSpot's v3 batch read always does (contract §17).
   */
  STUCK_CURSOR("stuck-cursor"),
  /**
   * A search page that leaves out some of the records it should hold while its cursor counts them:
   * they are never served (HubSpot's search pages can be short with a cursor, contract §17).
   */
  SEARCH_HOLE("search-hole"),
  /**
   * A list page whose records come back out of id order: shuffled, one of them (never its highest)
   * held back and served at the end of the page its cursor names, with a repeat of one it did send.
   * The cursor is the one the page has without the fault, so following it to the end still yields
   * every record (HubSpot lists by id, but does not promise it, contract §17).
   */
  UNORDERED_PAGE("unordered-page"),
  /**
   * An object batch read that fails for some of its inputs: 207, their records left out and listed
   * in an error of another category than {@code OBJECT_NOT_FOUND} ({@code INTERNAL_ERROR}), so that
   * they are not gone but unread. The spec's {@code errors} hold any {@code StandardError}; which
   * categories HubSpot's reads send besides {@code OBJECT_NOT_FOUND} is undocumented.
   */
  BATCH_ERROR("batch-error");

  private final String cliName;

  FaultKind(String cliName) {
    this.cliName = cliName;
  }

  /** The spelling used in {@code --faults}. */
  public String cliName() {
    return cliName;
  }

  /** Parses the {@code --faults} spelling of a kind. */
  public static FaultKind parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (FaultKind kind : values()) {
      if (kind.cliName.equals(wanted)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault kind '"
            + text
            + "': use 5xx, reset, truncate, 429, short-page, search-hole, stuck-cursor,"
            + " unordered-page or batch-error");
  }
}
