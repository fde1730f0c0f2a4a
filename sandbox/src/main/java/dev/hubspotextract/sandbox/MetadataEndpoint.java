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
            // the display order is the property's place in its level's list, whatever is asked
            for (int order = 0; order < listed.size(); order++) {
              PropertyDef p = listed.get(order);
              if (only == null || only.isEmpty() || only.contains(p.name)) {
                writeProperty(g, def, p, order);
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
    g.writeStringField("description", p.description());
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
    // an owner property's options are HubSpot's owners (the active ones), not options of its own
    g.writeBooleanField("externalOptions", p.referencedObjectType != null);
    if (p.referencedObjectType != null) {
      g.writeStringField("referencedObjectType", p.referencedObjectType);
    }
    g.writeBooleanField("hasUniqueValue", p.hasUniqueValue());
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

  /**
   * {@code GET /crm/v3/owners}: the active owners, or with {@code archived=true} only the archived
   * ones, as HubSpot lists them; needs {@value Authenticator#OWNERS_SCOPE}.
   */
  Response owners(Request r) {
    scopes.checkOwners();
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
        (r.boolParam("archived") ? Owners.ARCHIVED : Owners.ACTIVE)
            .stream().filter(o -> email == null || o.email().equalsIgnoreCase(email)).toList();
    int from = Math.min(start, matching.size());
    int to = Math.min(matching.size(), from + limit);
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          for (Owners.Owner o : matching.subList(from, to)) {
            writeOwner(g, o);
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

  private static void writeOwner(JsonGenerator g, Owners.Owner o) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", o.id());
    g.writeStringField("email", o.email());
    g.writeStringField("firstName", o.firstName());
    if (o.lastName() != null) {
      g.writeStringField("lastName", o.lastName());
    }
    if (o.userId() != null) {
      g.writeNumberField("userId", o.userId());
    }
    if (o.userIdIncludingInactive() != null) {
      g.writeNumberField("userIdIncludingInactive", o.userIdIncludingInactive());
    }
    g.writeStringField("type", o.type());
    g.writeArrayFieldStart("teams");
    boolean primary = true;
    for (Owners.Team team : o.teams()) {
      g.writeStartObject();
      g.writeStringField("id", team.id());
      g.writeStringField("name", team.name());
      g.writeBooleanField("primary", primary);
      g.writeEndObject();
      primary = false;
    }
    g.writeEndArray();
    g.writeBooleanField("archived", o.archived());
    g.writeStringField("createdAt", o.createdAt());
    g.writeStringField("updatedAt", o.updatedAt());
    g.writeEndObject();
  }

  /**
   * {@code GET /crm/v3/pipelines/{objectType}}: the object's pipelines with their stages (none are
   * archived, so {@code archived=true} lists none); an object without pipelines answers 400, as
   * HubSpot does for an object that has none.
   */
  Response pipelines(Request r, ObjectDef def) {
    scopes.checkPipelines(def);
    List<Pipelines.Pipeline> pipelines = Pipelines.of(def.name);
    if (pipelines.isEmpty()) {
      throw ApiException.validation(
          "Unable to find pipelines for object type " + def.name + ": it has no pipelines");
    }
    List<Pipelines.Pipeline> listed = r.boolParam("archived") ? List.of() : pipelines;
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          for (Pipelines.Pipeline p : listed) {
            String created = Timestamps.iso(p.createdAt());
            String updated = Timestamps.iso(p.updatedAt());
            g.writeStartObject();
            g.writeStringField("id", p.id());
            g.writeStringField("label", p.label());
            g.writeNumberField("displayOrder", p.displayOrder());
            g.writeArrayFieldStart("stages");
            int order = 0;
            for (Pipelines.Stage s : p.stages()) {
              g.writeStartObject();
              g.writeStringField("id", s.id());
              g.writeStringField("label", s.label());
              g.writeNumberField("displayOrder", order++);
              g.writeObjectFieldStart("metadata");
              for (var m : s.metadata().entrySet()) {
                g.writeStringField(m.getKey(), m.getValue());
              }
              g.writeEndObject();
              g.writeBooleanField("archived", false);
              g.writeStringField("createdAt", created);
              g.writeStringField("updatedAt", updated);
              g.writeStringField("writePermissions", "CRM_PERMISSIONS_ENFORCEMENT");
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("archived", false);
            g.writeStringField("createdAt", created);
            g.writeStringField("updatedAt", updated);
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
