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
    String[] text = new String[8]; // name … referencedObjectType, as below
    Boolean[] flags = new Boolean[5];
    Integer displayOrder = null;
    List<PropertyOption> options = List.of();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "name" -> text[0] = Json.scalarText(parser);
        case "label" -> text[1] = Json.scalarText(parser);
        case "type" -> text[2] = Json.scalarText(parser);
        case "fieldType" -> text[3] = Json.scalarText(parser);
        case "groupName" -> text[4] = Json.scalarText(parser);
        case "description" -> text[5] = Json.scalarText(parser);
        case "dataSensitivity" -> text[6] = Json.scalarText(parser);
        case "referencedObjectType" -> text[7] = Json.scalarText(parser);
        case "displayOrder" -> displayOrder = Json.intOrNull(parser);
        case "calculated" -> flags[0] = Json.boolOrNull(parser);
        case "externalOptions" -> flags[1] = Json.boolOrNull(parser);
        case "hasUniqueValue" -> flags[2] = Json.boolOrNull(parser);
        case "hidden" -> flags[3] = Json.boolOrNull(parser);
        case "hubspotDefined" -> flags[4] = Json.boolOrNull(parser);
        case "options" -> options = readOptions(parser, text[0]);
        default -> parser.skipChildren();
      }
    }
    if (text[0] == null) {
      throw new IOException("a property without a name");
    }
    return new PropertyDefinition(
        text[0],
        text[1],
        text[2],
        text[3],
        text[4],
        text[5],
        displayOrder,
        flags[0],
        flags[1],
        flags[2],
        flags[3],
        flags[4],
        text[6],
        text[7],
        options);
  }

  /**
   * A property's options: a list of objects, each with a value; an option without one (no option of
   * HubSpot's lacks it) is left out, as is a value met before, so that each value has one label.
   */
  private static List<PropertyOption> readOptions(JsonParser parser, String property)
      throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new IOException(
          "the options of property " + property + " are " + Json.kindOf(parser.currentToken()));
    }
    List<PropertyOption> options = new ArrayList<>();
    java.util.Set<String> values = new java.util.HashSet<>();
    JsonToken item;
    while ((item = parser.nextToken()) == JsonToken.START_OBJECT) {
      String value = null;
      String label = null;
      Integer displayOrder = null;
      Boolean hidden = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "value" -> value = Json.scalarText(parser);
          case "label" -> label = Json.scalarText(parser);
          case "displayOrder" -> displayOrder = Json.intOrNull(parser);
          case "hidden" -> hidden = Json.boolOrNull(parser);
          default -> parser.skipChildren();
        }
      }
      if (value != null && values.add(value)) {
        options.add(new PropertyOption(value, label, displayOrder, hidden));
      }
    }
    if (item != JsonToken.END_ARRAY) {
      throw new IOException(
          "the options of property " + property + " hold " + Json.kindOf(item) + ", not objects");
    }
    return options;
  }
}
