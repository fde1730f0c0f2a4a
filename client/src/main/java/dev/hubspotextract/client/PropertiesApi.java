package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /crm/v3/properties/{objectType}}: every (non-archived) property of an object, of one
 * {@link DataSensitivity} (HubSpot's default, non-sensitive, unless asked for another).
 */
public final class PropertiesApi {
  private final Transport transport;

  PropertiesApi(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
  }

  /** The non-sensitive properties: all that HubSpot lists unless asked for others. */
  public List<PropertyDefinition> list(String objectType) {
    return list(objectType, DataSensitivity.NON_SENSITIVE);
  }

  /** The properties of one sensitivity: {@code sensitive} and {@code highly_sensitive} ones. */
  public List<PropertyDefinition> list(String objectType, DataSensitivity sensitivity) {
    boolean byDefault = sensitivity == DataSensitivity.NON_SENSITIVE;
    String doing =
        "reading the "
            + (byDefault ? "" : sensitivity.queryValue().replace('_', ' ') + " ")
            + "properties of "
            + objectType;
    ApiResponse response =
        Responses.requireSuccess(
            transport.send(
                ApiRequest.get(
                    "/crm/v3/properties/"
                        + Paths.segment(objectType)
                        + "?archived=false"
                        // the default left to HubSpot, so the common request stays as it was
                        + (byDefault ? "" : "&dataSensitivity=" + sensitivity.queryValue()))),
            doing,
            objectType);
    List<PropertyDefinition> properties = new ArrayList<>();
    try (JsonParser parser = Json.parser(response.body())) {
      Results.forEachResult(parser, () -> properties.add(readProperty(parser)));
    } catch (IOException | RuntimeException e) {
      throw Responses.notHubSpot(doing, response.body(), e);
    }
    return properties;
  }

  private static PropertyDefinition readProperty(JsonParser parser) throws IOException {
    String name = null;
    String label = null;
    String type = null;
    String fieldType = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "name" -> name = Json.scalarText(parser);
        case "label" -> label = Json.scalarText(parser);
        case "type" -> type = Json.scalarText(parser);
        case "fieldType" -> fieldType = Json.scalarText(parser);
        default -> parser.skipChildren();
      }
    }
    if (name == null) {
      throw new IOException("a property without a name");
    }
    return new PropertyDefinition(name, label, type, fieldType);
  }
}
