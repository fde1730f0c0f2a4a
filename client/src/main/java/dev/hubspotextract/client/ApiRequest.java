package dev.hubspotextract.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request relative to the base URL: method, path with its query string, headers and an
 * optional JSON body.
 */
public record ApiRequest(
    String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
  public ApiRequest {
    Objects.requireNonNull(method, "method is null");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery is null");
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("pathAndQuery must start with /: " + pathAndQuery);
    }
    headers = Map.copyOf(headers);
  }

  public static ApiRequest get(String pathAndQuery) {
    return new ApiRequest("GET", pathAndQuery, Map.of(), null);
  }

  public static ApiRequest postJson(String pathAndQuery, byte[] body) {
    return new ApiRequest(
        "POST", pathAndQuery, Map.of("Content-Type", "application/json"), body.clone());
  }

  public ApiRequest withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiRequest(method, pathAndQuery, copy, body);
  }

  /** The path without its query string, for messages. */
  public String path() {
    int question = pathAndQuery.indexOf('?');
    return question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
  }

  @Override
  public String toString() {
    return method + " " + pathAndQuery; // never the headers: they carry the token
  }
}
