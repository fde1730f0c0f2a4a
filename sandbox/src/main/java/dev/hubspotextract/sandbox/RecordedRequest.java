package dev.hubspotextract.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request the sandbox answered, as the client sent it (the Authorization header is stored
 * redacted).
 *
 * @param rawQuery the query string as sent, or {@code null} when there was none
 * @param headers request headers, names in lower case
 * @param body the request body as UTF-8 text, empty when there was none
 * @param status the HTTP status the sandbox answered with (0 when the connection was dropped)
 */
public record RecordedRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> headers,
    String body,
    int status) {
  public RecordedRequest {
    Objects.requireNonNull(method, "method is null");
    Objects.requireNonNull(path, "path is null");
    headers = Map.copyOf(headers);
    body = body == null ? "" : body;
  }

  /** The first value of a header (case-insensitive name), or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
