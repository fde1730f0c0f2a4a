package dev.hubspotextract.client;

import java.util.List;

/** The JSON bodies {@link ObjectsApi} posts: a search by id, a count, a batch read by id. */
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
          json.writeArrayFieldStart("properties");
          for (String property : properties) {
            json.writeString(property);
          }
          json.writeEndArray();
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
          json.writeArrayFieldStart("properties");
          json.writeString("hs_object_id");
          json.writeEndArray();
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
          json.writeArrayFieldStart("inputs");
          for (String id : ids) {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("properties");
          for (String property : properties) {
            json.writeString(property);
          }
          // no "propertiesWithHistory": the spec lists it as required, but HubSpot's own examples
          // leave it out, and an empty one asks for nothing (hubspot-api.md §5)
          json.writeEndArray();
          json.writeEndObject();
        });
  }
}
