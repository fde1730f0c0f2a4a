package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * The JSON bodies posted to the objects' endpoints: {@link ObjectsApi}'s search by id, count and
 * batch read by id, and {@link HistoriesApi}'s batch read of property histories.
 */
final class ObjectRequestBodies {
  private ObjectRequestBodies() {}

  /**
   * A search for up to {@code limit} records past {@code boundId} (null: from the top), below it
   * ({@code down}) highest id first, or above it lowest id first, with exactly these properties.
   */
  static byte[] searchById(List<String> properties, String boundId, boolean down, int limit) {
    return Json.write(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("filterGroups");
          if (boundId != null) {
            json.writeStartObject();
            json.writeArrayFieldStart("filters");
            json.writeStartObject();
            json.writeStringField("propertyName", "hs_object_id");
            json.writeStringField("operator", down ? "LT" : "GT");
            json.writeStringField("value", boundId);
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
          }
          json.writeEndArray();
          // the documented object form; the spec's string[] is codegen (hubspot-api.md §6)
          json.writeArrayFieldStart("sorts");
          json.writeStartObject();
          json.writeStringField("propertyName", "hs_object_id");
          json.writeStringField("direction", down ? "DESCENDING" : "ASCENDING");
          json.writeEndObject();
          json.writeEndArray();
          writeStrings(json, "properties", properties);
          json.writeNumberField("limit", limit);
          json.writeStringField("after", "0");
          json.writeEndObject();
        });
  }

  /** A search for one record of any kind, whose answer carries the total. */
  static byte[] count() {
    return Json.write(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("filterGroups");
          json.writeEndArray();
          json.writeArrayFieldStart("sorts"); // the spec requires every field, empty or not
          json.writeEndArray();
          writeStrings(json, "properties", List.of("hs_object_id"));
          json.writeNumberField("limit", 1);
          json.writeStringField("after", "0");
          json.writeEndObject();
        });
  }

  /** A batch read of these ids with exactly these properties. */
  static byte[] batchRead(List<String> ids, List<String> properties) {
    return Json.write(
        json -> {
          json.writeStartObject();
          writeIdInputs(json, ids);
          // no "propertiesWithHistory": the spec lists it as required, but HubSpot's own examples
          // leave it out, and an empty one asks for nothing (hubspot-api.md §5)
          writeStrings(json, "properties", properties);
          json.writeEndObject();
        });
  }

  /** A batch read of these ids for the history of these properties ({@link HistoriesApi}). */
  static byte[] historyRead(List<String> ids, List<String> properties) {
    return Json.write(
        json -> {
          json.writeStartObject();
          writeIdInputs(json, ids);
          // the spec requires it; the id is the least
          writeStrings(json, "properties", List.of("hs_object_id"));
          writeStrings(json, "propertiesWithHistory", properties);
          json.writeEndObject();
        });
  }

  /** {@code "inputs": [{"id": …}, …]}. */
  private static void writeIdInputs(JsonGenerator json, List<String> ids) throws IOException {
    json.writeArrayFieldStart("inputs");
    for (String id : ids) {
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeStrings(JsonGenerator json, String field, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}
