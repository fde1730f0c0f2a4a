package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Error answers shaped like HubSpot's (contract §12): status, message, correlationId, category, ….
 */
final class ErrorBodies {
  private ErrorBodies() {}

  static Response of(ApiException e) {
    return of(e, UUID.randomUUID().toString());
  }

  /**
   * The error body, with the correlation id in the {@code X-HubSpot-Correlation-Id} header too (as
   * HubSpot sends it), so a client's log and the sandbox's agree.
   */
  static Response of(ApiException e, String correlationId) {
    return Response.json(
            e.status,
            g -> {
              g.writeStartObject();
              g.writeStringField("status", "error");
              g.writeStringField("message", e.getMessage());
              g.writeStringField("correlationId", correlationId);
              g.writeStringField("category", e.category);
              if (e.subCategory != null) {
                g.writeStringField("subCategory", e.subCategory);
              }
              if (!e.context.isEmpty()) {
                writeContext(g, e.context);
              }
              if (!e.errors.isEmpty()) {
                g.writeArrayFieldStart("errors");
                for (Map<String, Object> detail : e.errors) {
                  writeDetail(g, detail);
                }
                g.writeEndArray();
              }
              g.writeEndObject();
            })
        .header("X-HubSpot-Correlation-Id", correlationId);
  }

  static void writeContext(JsonGenerator g, Map<String, List<String>> context) throws IOException {
    g.writeObjectFieldStart("context");
    for (Map.Entry<String, List<String>> entry : context.entrySet()) {
      g.writeArrayFieldStart(entry.getKey());
      for (String value : entry.getValue()) {
        g.writeString(value);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /**
   * The spec's {@code StandardError} requires {@code errors} and {@code links}; HubSpot sends them
   * empty.
   */
  static void writeEmptyDetails(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("errors");
    g.writeEndArray();
    g.writeObjectFieldStart("links");
    g.writeEndObject();
  }

  @SuppressWarnings("unchecked")
  private static void writeDetail(JsonGenerator g, Map<String, Object> detail) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Object> entry : detail.entrySet()) {
      if (entry.getValue() instanceof Map) {
        writeContext(g, (Map<String, List<String>>) entry.getValue());
      } else {
        g.writeStringField(entry.getKey(), String.valueOf(entry.getValue()));
      }
    }
    g.writeEndObject();
  }

  static ApiException unauthenticated() {
    return new ApiException(
        401,
        "INVALID_AUTHENTICATION",
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more"
            + " details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
  }

  static ApiException missingScope(String scope) {
    return new ApiException(
        403,
        "MISSING_SCOPES",
        null,
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes"
            + " here: https://developers.hubspot.com/scopes.",
        Map.of(),
        List.of(
            Map.of(
                "message",
                "One or more of the following scopes are required.",
                "context",
                Map.of("requiredGranularScopes", List.of(scope)))));
  }

  /** A 429 body as HubSpot sends it: errorType RATE_LIMIT and the policy that was hit. */
  static Response rateLimited(String policyName, String message) {
    return Response.json(
        429,
        g -> {
          g.writeStartObject();
          g.writeStringField("status", "error");
          g.writeStringField("message", message);
          g.writeStringField("errorType", "RATE_LIMIT");
          g.writeStringField("correlationId", UUID.randomUUID().toString());
          g.writeStringField("policyName", policyName);
          g.writeStringField("requestId", UUID.randomUUID().toString());
          // some captures carry a category too; the spec's Error schema requires one
          g.writeStringField("category", "RATE_LIMITS");
          g.writeEndObject();
        });
  }

  /** 413 for a body over the limit (HubSpot's own edge refuses huge bodies too). */
  static ApiException bodyTooLarge(int limit) {
    return new ApiException(
        413,
        "VALIDATION_ERROR",
        "Request body is larger than the limit of "
            + limit
            + " bytes: send fewer inputs or properties per request");
  }

  /**
   * 500 for an unexpected failure: a generic message only (the cause goes to the sandbox's error
   * log under the same correlation id, never to the client).
   */
  static Response internalError(String correlationId) {
    return of(new ApiException(500, "INTERNAL_ERROR", "internal error"), correlationId);
  }

  static Response uriTooLong(int limit) {
    return Response.text(
        414,
        "text/html;charset=utf-8",
        "<html><head><title>414 Request-URI Too Large</title></head><body><center><h1>414 Request-URI Too"
            + " Large</h1></center><hr><center>request line longer than "
            + limit
            + " bytes</center></body></html>\n");
  }

  /**
   * 530 from HubSpot's edge for a token without HubSpot's shape (Airbyte treats 530 as a bad
   * token); an edge page, not JSON, like the other edge answers here (the real body is unrecorded).
   */
  static Response malformedToken() {
    return Response.text(
        530,
        "text/html;charset=utf-8",
        "<html><head><title>530</title></head><body><h1>530</h1><p>The access token is not a"
            + " HubSpot access token.</p></body></html>\n");
  }

  static Response serverError(int status) {
    if (status == 502 || status == 504) {
      // HubSpot's edge answers gateway errors with an HTML page, not JSON
      return Response.text(
          status,
          "text/html;charset=utf-8",
          "<html><head><title>"
              + status
              + "</title></head><body><h1>"
              + status
              + (status == 502 ? " Bad Gateway" : " Gateway Timeout")
              + "</h1></body></html>\n");
    }
    return of(
        new ApiException(
            status,
            status == 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR",
            status == 503
                ? "The service is temporarily unavailable. Please try again later."
                : "internal error"));
  }
}
