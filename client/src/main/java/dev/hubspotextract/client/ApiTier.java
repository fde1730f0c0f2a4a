package dev.hubspotextract.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A portal's API tier and the requests per 10 seconds it allows (hubspot-api.md §11): the budget a
 * {@link RateBudget} starts from until HubSpot's rate-limit headers say the real limit. Declared
 * here once, for every front end (the CLI's {@code --tier}, the connector's {@code hubspot.tier}).
 */
public enum ApiTier {
  FREE(100),
  STARTER(100),
  PROFESSIONAL(190),
  ENTERPRISE(190),
  API_ADD_ON(250);

  private final int perTenSeconds;

  ApiTier(int perTenSeconds) {
    this.perTenSeconds = perTenSeconds;
  }

  /** The requests per 10 seconds the tier allows. */
  public int perTenSeconds() {
    return perTenSeconds;
  }

  /** The tier as users write it: {@code api-add-on}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The tier {@code typed} names (any case, {@code -} or {@code _}), if any. */
  public static Optional<ApiTier> of(String typed) {
    String wanted = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(tier -> tier.label().equals(wanted)).findFirst();
  }

  /** Every tier's label, for a message: {@code free, starter, …}. */
  public static String labels() {
    return Arrays.stream(values()).map(ApiTier::label).collect(Collectors.joining(", "));
  }
}
