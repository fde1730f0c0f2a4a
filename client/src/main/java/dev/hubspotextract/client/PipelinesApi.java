package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /crm/v3/pipelines/{objectType}}: an object's pipelines with their stages. An object
 * without pipelines has none: HubSpot answers such an object with 400 or 404, which is read as
 * none, not as a failure. Deals and tickets always have pipelines (HubSpot's default ones at
 * least), so for them a 400 or 404 is a failure like any other refusal: an empty table would hide a
 * wrong base URL or a proxy in the way.
 */
public final class PipelinesApi {
  /** The objects every portal has pipelines for, by name and type id (hubspot-api.md §2). */
  private static final Set<String> ALWAYS_PIPELINED = Set.of("deals", "0-3", "tickets", "0-5");

  private final Transport transport;

  PipelinesApi(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
  }

  /**
   * The object's pipelines in HubSpot's order, each id once, each with its stages, each stage id
   * once in its pipeline (the first is kept); none for an object without pipelines (never for deals
   * or tickets, which always have some).
   *
   * @param readScope the scope the object is read with, which its pipelines need: named when the
   *     token lacks a scope and HubSpot's answer names none
   */
  public List<Pipeline> list(String objectType, String readScope) {
    String doing = "listing the pipelines of " + objectType;
    ApiResponse response =
        transport.send(ApiRequest.get("/crm/v3/pipelines/" + Paths.segment(objectType)));
    boolean noneForThis = response.status() == 400 || response.status() == 404;
    if (noneForThis && !ALWAYS_PIPELINED.contains(objectType.toLowerCase(Locale.ROOT))) {
      return List.of(); // "no pipelines for this object type", however a portal words it
    }
    Responses.requireSuccessOrScope(response, doing, "the pipelines of " + objectType, readScope);
    List<Pipeline> pipelines = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (JsonParser parser = Json.parser(response.body())) {
      Results.forEachResult(
          parser,
          () -> {
            Pipeline pipeline = readPipeline(parser);
            if (ids.add(pipeline.id())) {
              pipelines.add(pipeline);
            }
          });
    } catch (IOException | RuntimeException e) {
      throw Responses.notHubSpot(doing, response.body(), e);
    }
    return pipelines;
  }

  private static Pipeline readPipeline(JsonParser parser) throws IOException {
    Fields fields = new Fields();
    List<PipelineStage> stages = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("stages")) {
        stages = readStages(parser);
      } else if (!fields.read(field, parser)) {
        parser.skipChildren();
      }
    }
    return new Pipeline(
        fields.id("pipeline"),
        fields.label,
        fields.displayOrder,
        fields.archived,
        fields.createdAt,
        fields.updatedAt,
        stages);
  }

  private static List<PipelineStage> readStages(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new IOException("a pipeline's stages are " + Json.kindOf(parser.currentToken()));
    }
    Map<String, PipelineStage> stages = new LinkedHashMap<>();
    JsonToken item;
    while ((item = parser.nextToken()) == JsonToken.START_OBJECT) {
      Fields fields = new Fields();
      Map<String, String> metadata = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        if (field.equals("metadata") && token == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            String value = Json.scalarText(parser); // a nested value is skipped: null
            if (value != null) {
              metadata.put(key, value);
            }
          }
        } else if (!fields.read(field, parser)) {
          parser.skipChildren();
        }
      }
      PipelineStage stage =
          new PipelineStage(
              fields.id("stage"),
              fields.label,
              fields.displayOrder,
              metadata,
              fields.archived,
              fields.createdAt,
              fields.updatedAt);
      stages.putIfAbsent(stage.id(), stage);
    }
    Results.requireEndOfList(item);
    return List.copyOf(stages.values());
  }

  /** The fields pipelines and stages share. */
  private static final class Fields {
    String id;
    String label;
    Integer displayOrder;
    Boolean archived;
    String createdAt;
    String updatedAt;

    /** Reads {@code field} if it is one of them; false for another. */
    boolean read(String field, JsonParser parser) throws IOException {
      switch (field) {
        case "id" -> id = Json.scalarText(parser);
        case "label" -> label = Json.scalarText(parser);
        case "displayOrder" -> displayOrder = Json.intOrNull(parser);
        case "archived" -> archived = Json.boolOrNull(parser);
        case "createdAt" -> createdAt = Json.scalarText(parser);
        case "updatedAt" -> updatedAt = Json.scalarText(parser);
        default -> {
          return false;
        }
      }
      return true;
    }

    String id(String what) throws IOException {
      if (id == null || id.isEmpty()) {
        throw new IOException("a " + what + " without an id");
      }
      return id;
    }
  }
}
