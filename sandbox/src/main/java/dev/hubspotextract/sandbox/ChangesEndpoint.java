package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /sandbox/v1/changes}: the sandbox's own endpoint, not HubSpot's, that changes the
 * portal on demand. The body is one {@link ChangeSet} as JSON or an array of them; the answer
 * lists, per set and kind of change, the ids it touched. Bad input is 400 naming the field, and
 * changes nothing.
 */
final class ChangesEndpoint {
  private final Portal portal;

  ChangesEndpoint(Portal portal) {
    this.portal = portal;
  }

  Response apply(Request r) {
    List<ChangeReport> reports;
    try {
      reports = portal.apply(ChangeSet.parse(r.jsonValue()));
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("Invalid change set: " + e.getMessage());
    }
    return Response.json(
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("results");
          for (ChangeReport report : reports) {
            write(g, report);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** One set's report, keyed like the set's fields. */
  private static void write(JsonGenerator g, ChangeReport report) throws IOException {
    g.writeStartObject();
    g.writeStringField("object", report.object());
    writeIds(g, "create", report.created());
    writeIds(g, "update", report.updated());
    writeIds(g, "bulkUpdate", report.bulkUpdated());
    if (report.bulkUpdatedAt() != null) {
      g.writeStringField("bulkUpdatedAt", Timestamps.iso(report.bulkUpdatedAt().toEpochMilli()));
    }
    writeIds(g, "archive", report.archived());
    writeIds(g, "delete", report.deleted());
    g.writeArrayFieldStart("merge");
    for (ChangeReport.Merge merge : report.merged()) {
      g.writeStartObject();
      g.writeStringField("id", merge.id());
      g.writeStringField("into", merge.intoId());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("relink");
    for (ChangeReport.LinkEdit edit : report.relinked()) {
      g.writeStartObject();
      g.writeStringField("id", edit.id());
      g.writeStringField("toObject", edit.toObject());
      g.writeStringField("unlinked", edit.unlinkedId());
      g.writeStringField("linked", edit.linkedId());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (report.newProperty() != null) {
      g.writeStringField("newProperty", report.newProperty());
    }
    g.writeEndObject();
  }

  private static void writeIds(JsonGenerator g, String field, List<String> ids) throws IOException {
    g.writeArrayFieldStart(field);
    for (String id : ids) {
      g.writeString(id);
    }
    g.writeEndArray();
  }
}
