package dev.hubspotextract.client;

import java.util.Locale;

/**
 * Which properties {@code GET /crm/v3/properties/{objectType}} lists: HubSpot lists only {@code
 * non_sensitive} ones unless asked for the others (hubspot-api.md §7), and reading their values
 * takes the {@code *.sensitive.read.v2} / {@code *.highly_sensitive.read.v2} scopes.
 */
public enum DataSensitivity {
  NON_SENSITIVE,
  SENSITIVE,
  HIGHLY_SENSITIVE;

  /** The query value HubSpot expects: {@code non_sensitive}, {@code sensitive}, … */
  public String queryValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
