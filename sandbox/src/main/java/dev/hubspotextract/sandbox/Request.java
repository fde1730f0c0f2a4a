package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed request: path segments, decoded query parameters, body. */
final class Request {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final String method;
  final String path;
  final String rawQuery;
  final List<String> segments;
  final Map<String, List<String>> query;
  final String body;

  Request(String method, String path, String rawQuery, String body) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.body = body;
    this.segments =
        Arrays.stream(path.split("/"))
            .filter(s -> !s.isEmpty())
            .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
            .toList();
    this.query = parseQuery(rawQuery);
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? "" : decode(part.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("malformed query parameter '" + s + "': percent-encode it");
    }
  }

  String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * A list parameter, accepting both {@code a,b} and repeated {@code x=a&x=b}; {@code null} when
   * absent.
   */
  List<String> list(String name) {
    List<String> values = query.get(name);
    if (values == null) {
      return null;
    }
    List<String> items = new ArrayList<>();
    for (String value : values) {
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return items;
  }

  int intParam(String name, int defaultValue) {
    String value = param(name);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.validation(
          "Cannot deserialize value of type `int` from String \""
              + value
              + "\": not a valid `int` value ("
              + name
              + ")");
    }
  }

  boolean boolParam(String name) {
    String value = param(name);
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  JsonNode json() {
    JsonNode node = jsonValue();
    if (!node.isObject()) {
      throw ApiException.validation("Request body must be a JSON object");
    }
    return node;
  }

  /** The body as any JSON value (an object, an array, …). */
  JsonNode jsonValue() {
    if (body == null || body.isBlank()) {
      throw ApiException.validation("Request body is required: send a JSON object");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null) {
        throw ApiException.validation("Request body is required: send a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw ApiException.validation(
          "Invalid input JSON: "
              + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                  ? j.getOriginalMessage()
                  : e.getMessage()));
    }
  }
}
