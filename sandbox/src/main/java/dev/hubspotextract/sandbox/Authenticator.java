package dev.hubspotextract.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Policy: a request must carry {@code Authorization: Bearer <token>} (a token of the wrong shape is
 * HubSpot's edge's 530, another wrong one 401), its objects must be in scope, reading sensitive
 * properties needs the sensitive-data scopes, and listing owners or custom-object schemas needs
 * their scopes.
 */
final class Authenticator {
  private final byte[] token;
  private final Set<ObjectDef> withoutScopes;
  private final Set<String> withoutNamedScopes;
  private final Set<ObjectDef> withoutPipelineScopes;

  /**
   * @param withoutScopes objects whose read scope the token lacks
   * @param withoutNamedScopes the other scopes the token lacks, by name: sensitive-data ones
   *     ({@code crm.objects.contacts.sensitive.read.v2}), {@value #OWNERS_SCOPE} and {@value
   *     #SCHEMAS_SCOPE}
   * @param withoutPipelineScopes objects whose pipelines are refused though their records are
   *     served: a token whose scopes let it read the object but not list its pipelines
   */
  Authenticator(
      String token,
      Set<ObjectDef> withoutScopes,
      Set<String> withoutNamedScopes,
      Set<ObjectDef> withoutPipelineScopes) {
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.withoutScopes = withoutScopes;
    this.withoutNamedScopes = withoutNamedScopes;
    this.withoutPipelineScopes = withoutPipelineScopes;
  }

  /**
   * The shape of a HubSpot private-app token, {@code pat-<region>-<id>} ({@code pat-na1-…},
   * contract §1); HubSpot's edge answers a bearer token of another shape with 530, not 401 (§17).
   */
  private static final Pattern TOKEN_SHAPE = Pattern.compile("pat-[a-z]{2,4}[0-9]+-[A-Za-z0-9-]+");

  /** Thrown for a bearer token without HubSpot's shape (answered 530 by HubSpot's edge). */
  static final class MalformedToken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedToken() {
      super("malformed token", null, false, false);
    }
  }

  /**
   * Admits the sandbox's own token (whatever its shape); refuses a missing header or another
   * well-shaped token with 401, and a bearer token without HubSpot's shape with 530.
   */
  void authenticate(String authorization) {
    if (authorization != null
        && MessageDigest.isEqual(token, authorization.trim().getBytes(StandardCharsets.UTF_8))) {
      return;
    }
    if (authorization != null) {
      String[] parts = authorization.trim().split("\\s+", 2);
      if (parts.length == 2
          && parts[0].equalsIgnoreCase("Bearer")
          && !TOKEN_SHAPE.matcher(parts[1]).matches()) {
        throw new MalformedToken();
      }
    }
    throw ErrorBodies.unauthenticated();
  }

  void checkScope(ObjectDef def) {
    if (def != null && withoutScopes.contains(def)) {
      throw ErrorBodies.missingScope(def.scope);
    }
  }

  /** The scope that lists custom-object schemas. */
  static final String SCHEMAS_SCOPE = "crm.schemas.custom.read";

  /** Listing custom-object schemas needs {@value #SCHEMAS_SCOPE}. */
  void checkSchemas() {
    if (withoutNamedScopes.contains(SCHEMAS_SCOPE)) {
      throw ErrorBodies.missingScope(SCHEMAS_SCOPE);
    }
  }

  /** The scope that lists owners. */
  static final String OWNERS_SCOPE = "crm.objects.owners.read";

  /** Listing owners needs {@value #OWNERS_SCOPE}. */
  void checkOwners() {
    if (withoutNamedScopes.contains(OWNERS_SCOPE)) {
      throw ErrorBodies.missingScope(OWNERS_SCOPE);
    }
  }

  /** Listing an object's pipelines needs the object's scope. */
  void checkPipelines(ObjectDef def) {
    if (withoutPipelineScopes.contains(def)) {
      throw ErrorBodies.missingScope(def.scope);
    }
  }

  /** Listing or reading properties of a sensitive level needs that level's scope. */
  void checkSensitive(ObjectDef def, PropertyDef.Sensitivity level) {
    String scope = def.sensitiveScope(level);
    if (withoutNamedScopes.contains(scope)) {
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
