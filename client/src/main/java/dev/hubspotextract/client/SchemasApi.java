package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code GET /crm-object-schemas/v3/schemas} (the spec's path): the portal's custom objects. */
public final class SchemasApi {
  private final Transport transport;

  SchemasApi(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
  }

  public List<ObjectSchema> list() {
    String doing = "listing custom object schemas";
    ApiResponse response =
        Responses.requireSuccess(
            transport.send(ApiRequest.get("/crm-object-schemas/v3/schemas?archived=false")),
            doing,
            "custom objects");
    List<ObjectSchema> schemas = new ArrayList<>();
    try (JsonParser parser = Json.parser(response.body())) {
      Results.forEachResult(parser, () -> schemas.add(readSchema(parser)));
    } catch (IOException | RuntimeException e) {
      throw Responses.notHubSpot(doing, response.body(), e);
    }
    return schemas;
  }

  private static ObjectSchema readSchema(JsonParser parser) throws IOException {
    String id = null;
    String name = null;
    String objectTypeId = null;
    String fullyQualifiedName = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "id" -> id = Json.scalarText(parser);
        case "name" -> name = Json.scalarText(parser);
        case "objectTypeId" -> objectTypeId = Json.scalarText(parser);
        case "fullyQualifiedName" -> fullyQualifiedName = Json.scalarText(parser);
        default -> parser.skipChildren();
      }
    }
    if (name == null) {
      throw new IOException("a schema without a name");
    }
    if (objectTypeId == null && id != null) {
      objectTypeId = "2-" + id; // objectTypeId is optional in the spec; custom ids are 2-<id>
    }
    if (objectTypeId == null) {
      throw new IOException("schema " + name + " has neither objectTypeId nor id");
    }
    return new ObjectSchema(name, objectTypeId, fullyQualifiedName);
  }
}
