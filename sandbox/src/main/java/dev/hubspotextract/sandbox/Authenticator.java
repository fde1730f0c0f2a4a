package dev.hubspotextract.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Policy: a request must carry {@code Authorization: Bearer <token>}, and its objects must be in
 * scope.
 */
final class Authenticator {
  private final byte[] token;
  private final Set<ObjectDef> withoutScopes;

  Authenticator(String token, Set<ObjectDef> withoutScopes) {
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.withoutScopes = withoutScopes;
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

  /** The Authorization header as it may be recorded: the scheme only, never the token. */
  static String redact(String authorization) {
    if (authorization == null) {
      return null;
    }
    int space = authorization.indexOf(' ');
    return space > 0 ? authorization.substring(0, space) + " ***" : "***";
  }
}
