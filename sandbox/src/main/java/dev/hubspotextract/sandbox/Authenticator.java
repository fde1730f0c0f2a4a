package dev.hubspotextract.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Policy: a request must carry {@code Authorization: Bearer <token>}, its objects must be in scope,
 * and reading sensitive properties needs the sensitive-data scopes.
 */
final class Authenticator {
  private final byte[] token;
  private final Set<ObjectDef> withoutScopes;
  private final Set<String> withoutSensitiveScopes;

  /**
   * @param withoutSensitiveScopes sensitive-data scope names the token lacks, e.g. {@code
   *     crm.objects.contacts.sensitive.read.v2}
   */
  Authenticator(String token, Set<ObjectDef> withoutScopes, Set<String> withoutSensitiveScopes) {
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.withoutScopes = withoutScopes;
    this.withoutSensitiveScopes = withoutSensitiveScopes;
  }

  void authenticate(String authorization) {
    if (authorization == null
        || !MessageDigest.isEqual(token, authorization.trim().getBytes(StandardCharsets.UTF_8))) {
      throw ErrorBodies.unauthenticated();
    }
  }

  void checkScope(ObjectDef def) {
    if (def != null && withoutScopes.contains(def)) {
      throw ErrorBodies.missingScope(def.scope);
    }
  }

  /** Listing or reading properties of a sensitive level needs that level's scope. */
  void checkSensitive(ObjectDef def, PropertyDef.Sensitivity level) {
    String scope = def.sensitiveScope(level);
    if (withoutSensitiveScopes.contains(scope)) {
      throw ErrorBodies.missingScope(scope);
    }
  }

  /** The Authorization header as it may be recorded: the scheme only, never the token. */
  static String redact(String authorization) {
    if (authorization == null) {
      return null;
    }
    int space = authorization.indexOf(' ');
    return space > 0 ? authorization.substring(0, space) + " ***" : "***";
  }
}
