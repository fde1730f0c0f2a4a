package dev.hubspotextract.client;

import java.util.Objects;

/**
 * HubSpot refused a call because the token lacks a scope (403 {@code MISSING_SCOPES}), for a call
 * whose caller may do without it (a reference table skipped, not the run failed): says which scope
 * to add.
 */
public final class MissingScopeException extends HubSpotException {
  private static final long serialVersionUID = 1L;

  private final String scope;

  MissingScopeException(String scope, UserText message) {
    super(FailureCategory.PERMISSION, message);
    this.scope = Objects.requireNonNull(scope, "scope is null");
  }

  /** The scope to add: the first the answer named, else the one the call is documented to need. */
  public String scope() {
    return scope;
  }
}
