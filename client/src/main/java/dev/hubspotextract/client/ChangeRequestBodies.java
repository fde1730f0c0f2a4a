package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The JSON bodies {@link ChangesApi} posts: searches for records modified in a window. */
final class ChangeRequestBodies {
  private ChangeRequestBodies() {}

  /** Records whose {@code property} is at or after {@code fromMillis}, oldest change first. */
  static byte[] modifiedSince(String property, long fromMillis, int limit, String after) {
    return search(
        json -> filter(json, property, "GTE", Long.toString(fromMillis)),
        property,
        property,
        limit,
        after);
  }

  /** Records whose {@code property} is {@code atMillis} and id above {@code aboveId}, by id. */
  static byte[] modifiedAt(
      String property, long atMillis, String aboveId, int limit, String after) {
    return search(
        json -> {
          filter(json, property, "EQ", Long.toString(atMillis));
          if (aboveId != null) {
            filter(json, "hs_object_id", "GT", aboveId);
          }
        },
        "hs_object_id",
        property,
        limit,
        after);
  }

  /** The filters of a search's one group. */
  private interface Filters {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] search(
      Filters filters, String sortBy, String property, int limit, String after) {
    return Json.write(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("filterGroups");
          json.writeStartObject();
          json.writeArrayFieldStart("filters");
          filters.write(json);
          json.writeEndArray();
          json.writeEndObject();
          json.writeEndArray();
          sortAndPage(json, sortBy, property, limit, after);
        });
  }

  private static void filter(JsonGenerator json, String property, String operator, String value)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("propertyName", property);
    json.writeStringField("operator", operator);
    json.writeStringField("value", value); // epoch millis: search takes them (hubspot-api.md §6)
    json.writeEndObject();
  }

  /** Sorted by {@code sortBy}, asking for the id and the last-modified {@code property}. */
  private static void sortAndPage(
      JsonGenerator json, String sortBy, String property, int limit, String after)
      throws IOException {
    // the documented object form; the spec's string[] is codegen (hubspot-api.md §6)
    json.writeArrayFieldStart("sorts");
    json.writeStartObject();
    json.writeStringField("propertyName", sortBy);
    json.writeStringField("direction", "ASCENDING");
    json.writeEndObject();
    json.writeEndArray();
    json.writeArrayFieldStart("properties");
    json.writeString("hs_object_id");
    json.writeString(property);
    json.writeEndArray();
    json.writeNumberField("limit", limit);
    json.writeStringField("after", after == null ? "0" : after);
    json.writeEndObject();
  }
}
