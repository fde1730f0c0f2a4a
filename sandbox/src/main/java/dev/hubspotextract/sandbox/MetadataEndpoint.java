package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hubspotextract.sandbox.PropertyDef.Sensitivity;
import java.io.IOException;
import java.util.List;

/**
 * Properties, custom-object schemas, owners and pipelines: small answers with no per-record work.
 */
final class MetadataEndpoint {
  /** When the portal's metadata was created and last changed. */
  private static final String CREATED = Timestamps.iso(Catalog.T_START - 86_400_000L);

  private static final String UPDATED = Timestamps.iso(Catalog.T_START);

  private final Portal portal;
  private final Authenticator scopes;

  MetadataEndpoint(Portal portal, Authenticator scopes) {
    this.portal = portal;
    this.scopes = scopes;
  }

  /**
   * {@code GET /crm/v3/properties/{type}}: the properties of one {@code dataSensitivity} level
   * (default {@code non_sensitive}, as HubSpot's spec says); a sensitive level needs its scope.
   */
  Response properties(Request r, ObjectDef def) {
    String asked = r.param("dataSensitivity");
    Sensitivity level =
        asked == null || asked.isEmpty() ? Sensitivity.NON_SENSITIVE : Sensitivity.ofWire(asked);
    if (level == null) {
      throw ApiException.validation(
          "dataSensitivity must be one of non_sensitive, sensitive, highly_sensitive, got '"
              + asked
              + "'");
    }
    if (level != Sensitivity.NON_SENSITIVE) {
      scopes.checkSensitive(def, level);
    }
    List<PropertyDef> listed =
        level == Sensitivity.NON_SENSITIVE
            ? def.properties()
            : def.sensitiveProperties().stream().filter(p -> p.sensitivity == level).toList();
    // archived properties do not exist
    boolean none = r.boolParam("archived");
    List<String> only = r.list("properties");
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          if (!none) {
            int order = 0;
            for (PropertyDef p : listed) {
              if (only == null || only.isEmpty() || only.contains(p.name)) {
                writeProperty(g, def, p, order++);
              }
            }
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  static void writeProperty(JsonGenerator g, ObjectDef def, PropertyDef p, int order)
      throws IOException {
    boolean readOnly =
        p.kind == PropertyDef.Kind.ID
            || p.kind == PropertyDef.Kind.CREATED
            || p.kind == PropertyDef.Kind.MODIFIED;
    g.writeStartObject();
    g.writeStringField("name", p.name);
    g.writeStringField("label", p.label);
    g.writeStringField("type", p.type);
    g.writeStringField("fieldType", p.fieldType);
    g.writeStringField(
        "description", p.hubspotDefined ? "HubSpot's " + p.label : "Custom property " + p.label);
    g.writeStringField("groupName", p.groupName);
    g.writeArrayFieldStart("options");
    int i = 0;
    for (PropertyDef.Option o : p.options) {
      g.writeStartObject();
      g.writeStringField("label", o.label());
      g.writeStringField("value", o.value());
      g.writeNumberField("displayOrder", i++);
      g.writeBooleanField("hidden", false);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("displayOrder", order);
    g.writeBooleanField("calculated", false);
    g.writeBooleanField("externalOptions", false);
    g.writeBooleanField("hasUniqueValue", p.kind == PropertyDef.Kind.ID);
    g.writeBooleanField("hidden", false);
    g.writeBooleanField("hubspotDefined", p.hubspotDefined);
    g.writeBooleanField("formField", !readOnly && def.name.equals("contacts"));
    g.writeStringField("dataSensitivity", p.sensitivity.wire);
    if (p.sensitivity == Sensitivity.HIGHLY_SENSITIVE) {
      g.writeArrayFieldStart("sensitiveDataCategories");
      g.writeString("HIPAA"); // the spec's example category: health data
      g.writeEndArray();
    }
    g.writeBooleanField("archived", false);
    g.writeStringField("createdAt", CREATED);
    g.writeStringField("updatedAt", UPDATED);
    g.writeObjectFieldStart("modificationMetadata");
    g.writeBooleanField("archivable", !p.hubspotDefined);
    g.writeBooleanField("readOnlyDefinition", p.hubspotDefined);
    g.writeBooleanField("readOnlyValue", readOnly);
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * {@code GET /crm/v3/schemas} (and {@code /crm-object-schemas/v3/schemas}): the custom objects.
   */
  Response schemas(Request r) {
    scopes.checkSchemas();
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          if (!r.boolParam("archived")) {
            for (ObjectDef def : portal.catalog().objects) {
              if (def.custom) {
                writeSchema(g, def);
              }
            }
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  Response schema(ObjectDef def) {
    if (!def.custom) {
      throw ApiException.notFound(
          "Unable to find object type " + def.name + ": schemas exist only for custom objects");
    }
    return Response.json(200, g -> writeSchema(g, def));
  }

  private void writeSchema(JsonGenerator g, ObjectDef def) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", def.objectTypeId.substring(2));
    g.writeStringField("name", def.name);
    g.writeObjectFieldStart("labels");
    g.writeStringField("singular", def.labelSingular);
    g.writeStringField("plural", def.labelPlural);
    g.writeEndObject();
    g.writeStringField("objectTypeId", def.objectTypeId);
    g.writeStringField("fullyQualifiedName", def.fullyQualifiedName);
    g.writeStringField("primaryDisplayProperty", def.primaryDisplayProperty);
    g.writeArrayFieldStart("secondaryDisplayProperties");
    g.writeEndArray();
    g.writeArrayFieldStart("searchableProperties");
    g.writeString(def.primaryDisplayProperty);
    g.writeEndArray();
    g.writeArrayFieldStart("requiredProperties");
    g.writeString(def.primaryDisplayProperty);
    g.writeEndArray();
    g.writeArrayFieldStart("properties");
    int order = 0;
    for (PropertyDef p : def.properties()) {
      writeProperty(g, def, p, order++);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("associations");
    for (AssociationPair pair : portal.associationModel().pairs()) {
      if (pair.child == def) {
        g.writeStartObject();
        g.writeStringField("id", Integer.toString(pair.childToParent.typeId()));
        g.writeStringField("fromObjectTypeId", def.objectTypeId);
        g.writeStringField("toObjectTypeId", pair.parent.objectTypeId);
        g.writeStringField("name", def.name + "_to_" + pair.parent.name);
        g.writeStringField("createdAt", CREATED);
        g.writeStringField("updatedAt", UPDATED);
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeBooleanField("archived", false);
    g.writeStringField("createdAt", CREATED);
    g.writeStringField("updatedAt", UPDATED);
    g.writeEndObject();
  }

  Response owners(Request r) {
    int limit = r.intParam("limit", 100);
    if (limit < 1 || limit > 500) {
      throw ApiException.validation("limit must be between 1 and 500, got " + limit);
    }
    String after = r.param("after");
    int start = 0;
    if (after != null && !after.isEmpty()) {
      try {
        start = Math.max(0, Integer.parseInt(after.trim()));
      } catch (NumberFormatException e) {
        throw ApiException.validation(
            "Invalid 'after' cursor '" + after + "': use paging.next.after");
      }
    }
    String email = r.param("email");
    List<Owners.Owner> matching =
        r.boolParam("archived")
            ? List.of()
            : Owners.ALL.stream()
                .filter(o -> email == null || o.email().equalsIgnoreCase(email))
                .toList();
    int from = Math.min(start, matching.size());
    int to = Math.min(matching.size(), from + limit);
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          for (Owners.Owner o : matching.subList(from, to)) {
            g.writeStartObject();
            g.writeStringField("id", o.id());
            g.writeStringField("email", o.email());
            g.writeStringField("firstName", o.firstName());
            g.writeStringField("lastName", o.lastName());
            g.writeNumberField("userId", o.userId());
            g.writeNumberField("userIdIncludingInactive", o.userId());
            g.writeStringField("type", "PERSON");
            g.writeArrayFieldStart("teams");
            g.writeStartObject();
            g.writeStringField("id", Integer.toString(Math.abs(o.team().hashCode() % 100_000)));
            g.writeStringField("name", o.team());
            g.writeBooleanField("primary", true);
            g.writeEndObject();
            g.writeEndArray();
            g.writeBooleanField("archived", false);
            g.writeStringField("createdAt", CREATED);
            g.writeStringField("updatedAt", UPDATED);
            g.writeEndObject();
          }
          g.writeEndArray();
          if (to < matching.size()) {
            g.writeObjectFieldStart("paging");
            g.writeObjectFieldStart("next");
            g.writeStringField("after", Integer.toString(to));
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndObject();
        });
  }

  Response pipelines(Request r, ObjectDef def) {
    List<Pipelines.Pipeline> pipelines =
        r.boolParam("archived")
            ? List.of()
            : def.name.equals("deals")
                ? List.of(Pipelines.DEALS)
                : def.name.equals("tickets") ? List.of(Pipelines.TICKETS) : List.of();
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          for (Pipelines.Pipeline p : pipelines) {
            g.writeStartObject();
            g.writeStringField("id", p.id());
            g.writeStringField("label", p.label());
            g.writeNumberField("displayOrder", 0);
            g.writeArrayFieldStart("stages");
            int order = 0;
            for (Pipelines.Stage s : p.stages()) {
              g.writeStartObject();
              g.writeStringField("id", s.id());
              g.writeStringField("label", s.label());
              g.writeNumberField("displayOrder", order++);
              g.writeObjectFieldStart("metadata");
              g.writeStringField(s.metadataKey(), s.metadataValue());
              g.writeEndObject();
              g.writeBooleanField("archived", false);
              g.writeStringField("createdAt", CREATED);
              g.writeStringField("updatedAt", UPDATED);
              g.writeStringField("writePermissions", "CRM_PERMISSIONS_ENFORCEMENT");
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("archived", false);
            g.writeStringField("createdAt", CREATED);
            g.writeStringField("updatedAt", UPDATED);
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
