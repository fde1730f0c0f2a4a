package dev.hubspotextract.sandbox;

import java.util.Locale;

/**
 * HubSpot's API rate-limit tiers for private apps (contract §11): requests per rolling 10 seconds
 * (a tenth of it per second, the legacy {@code Secondly} allowance) and per day.
 *
 * <p>{@code API_ADD_ON} models one API Limit Increase pack on a Free/Starter portal: 250 per 10 s
 * and 250,000 + 1,000,000 per day. {@code OFF} disables every limit (and the rate-limit headers).
 */
public enum RateLimitTier {
  FREE(100, 250_000),
  STARTER(100, 250_000),
  PROFESSIONAL(190, 625_000),
  ENTERPRISE(190, 1_000_000),
  API_ADD_ON(250, 1_250_000),
  OFF(0, 0);

  private final int perTenSeconds;
  private final long perDay;

  RateLimitTier(int perTenSeconds, long perDay) {
    this.perTenSeconds = perTenSeconds;
    this.perDay = perDay;
  }

  /** Requests allowed in any rolling 10-second window (0 = unlimited). */
  public int perTenSeconds() {
    return perTenSeconds;
  }

  /** Requests allowed per day, midnight to midnight in the portal's time zone (0 = unlimited). */
  public long perDay() {
    return perDay;
  }

  /** The command-line spelling: {@code free}, {@code api-add-on}, … */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses the command-line spelling (case-insensitive, {@code -} or {@code _}). */
  public static RateLimitTier parse(String text) {
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (RateLimitTier tier : values()) {
      if (tier.name().equals(normalized)) {
        return tier;
      }
    }
    throw new IllegalArgumentException(
        "unknown rate-limit tier '"
            + text
            + "': use one of free, starter, professional, enterprise, api-add-on, off");
  }
}
