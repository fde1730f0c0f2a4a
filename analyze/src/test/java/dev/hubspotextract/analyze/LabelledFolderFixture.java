package dev.hubspotextract.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small pulled folder with reference tables in the shared contract's format of #13 ({@code
 * owners.csv}, {@code pipelines.csv}, {@code pipeline_stages.csv}, {@code properties.csv}, {@code
 * property_options.csv} and the manifest's {@code references}), with what labels must cope with: an
 * archived owner that records still point at, owners without a name or without anything but an id,
 * two deal pipelines that share stage ids with other labels, records without a pipeline or with an
 * unknown one, multi-select values in any order with parts that have no option, values with no
 * label, labels with commas, quotes and other scripts. Records cycle through the values, so every
 * combination occurs.
 */
public final class LabelledFolderFixture {
  /** What the folder's manifest says of its reference tables. */
  public enum References {
    /** All five written, complete. */
    COMPLETE,
    /** owners skipped: the token lacked its scope, so owners.csv is absent. */
    OWNERS_SKIPPED,
    /** None listed, none written: a folder of a version that wrote none. */
    NONE
  }

  public static final String OWNERS_SCOPE = "crm.objects.owners.read";
  static final int DEALS = 60;
  static final int TICKETS = 24;
  static final long DEAL_BASE = 1_000;
  static final long TICKET_BASE = 7_000;

  private static final String[] DEAL_PIPELINES = {"default", "renewals", "", "gone"};
  private static final String[] DEAL_STAGES = {
    "appointmentscheduled", "closedwon", "1094532", "unknownstage", ""
  };
  private static final String[] OWNER_VALUES = {"101", "102", "103", "104", "105", "999", ""};
  private static final String[] TAGS = {"a", "b;a", "c;zzz;a", "", "a;b;c", "b"};
  private static final String[] DEAL_TYPES = {"newbusiness", "existingbusiness", "weird", ""};
  private static final String[] ALL_OWNERS = {"101;104", "104", "", "105;999;101"};

  private final Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private LabelledFolderFixture(Path dir) {
    this.dir = dir;
  }

  /** Writes the folder into {@code dir} and returns it. */
  public static Path write(Path dir, References references) {
    new LabelledFolderFixture(dir).writeAll(references);
    return dir;
  }

  private void writeAll(References references) {
    ObjectNode manifest = json.createObjectNode();
    manifest.put("tool", "hubspot-extract").put("version", "0.1.0").put("format", "csv");
    manifest.put("source", "fixture").put("startedAt", "2026-11-29T22:00:00Z");
    ArrayNode objects = manifest.putArray("objects");
    ArrayNode associations = manifest.putArray("associations");

    List<List<String>> deals = new ArrayList<>();
    for (int i = 0; i < DEALS; i++) {
      deals.add(
          List.of(
              Long.toString(DEAL_BASE + i),
              "2025-01-01T00:00:00Z",
              "2025-02-01T00:00:00Z",
              "false",
              Integer.toString(100 * i),
              TAGS[i % TAGS.length],
              DEAL_TYPES[i % DEAL_TYPES.length],
              "Deal " + i,
              DEAL_STAGES[i % DEAL_STAGES.length],
              ALL_OWNERS[i % ALL_OWNERS.length],
              OWNER_VALUES[i % OWNER_VALUES.length],
              DEAL_PIPELINES[i % DEAL_PIPELINES.length]));
    }
    objects.add(
        object(
            "deals",
            "0-3",
            columns(
                "amount",
                "number",
                "deal_tags",
                "enumeration",
                "deal_type",
                "enumeration",
                "dealname",
                "string",
                "dealstage",
                "enumeration",
                "hs_all_owner_ids",
                "enumeration",
                "hubspot_owner_id",
                "enumeration",
                "pipeline",
                "enumeration"),
            deals));

    List<List<String>> tickets = new ArrayList<>();
    for (int i = 0; i < TICKETS; i++) {
      tickets.add(
          List.of(
              Long.toString(TICKET_BASE + i),
              "2025-01-01T00:00:00Z",
              "2025-02-01T00:00:00Z",
              "false",
              i % 5 == 4 ? "" : "0",
              new String[] {"1", "2", "4", "9", ""}[i % 5],
              new String[] {"LOW", "HIGH", "URGENT", ""}[i % 4],
              OWNER_VALUES[i % OWNER_VALUES.length],
              "Ticket " + i));
    }
    objects.add(
        object(
            "tickets",
            "0-5",
            columns(
                "hs_pipeline",
                "enumeration",
                "hs_pipeline_stage",
                "enumeration",
                "hs_ticket_priority",
                "enumeration",
                "hubspot_owner_id",
                "enumeration",
                "subject",
                "string"),
            tickets));

    List<List<String>> links = new ArrayList<>();
    for (int t = 0; t < TICKETS; t++) {
      links.add(
          List.of(
              Long.toString(TICKET_BASE + t),
              Long.toString(DEAL_BASE + (t * 7) % DEALS),
              "28",
              "HUBSPOT_DEFINED",
              ""));
    }
    writeCsv(
        "tickets_deals.csv",
        List.of("from_id", "to_id", "association_type_id", "category", "label"),
        links);
    ObjectNode pair = associations.addObject();
    pair.put("from", "tickets").put("to", "deals").put("file", "tickets_deals.csv");
    pair.put("rows", links.size()).put("status", "complete");

    if (references != References.NONE) {
      ArrayNode entries = manifest.putArray("references");
      if (references == References.OWNERS_SKIPPED) {
        ObjectNode skipped = entries.addObject();
        skipped.put("name", "owners").put("file", "owners.csv").put("rows", 0);
        skipped.put("status", "skipped").put("missingScope", OWNERS_SCOPE).putNull("table");
        skipped.putArray("columns");
      } else {
        entries.add(owners());
      }
      entries.add(pipelines());
      entries.add(stages());
      entries.add(properties());
      entries.add(options());
    }
    manifest.put("finishedAt", "2026-11-29T22:01:10Z");
    manifest.putArray("failures");
    try {
      json.writerWithDefaultPrettyPrinter()
          .writeValue(dir.resolve("manifest.json").toFile(), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode owners() {
    List<List<String>> rows =
        List.of(
            owner("101", "ana.silva@acme.example", "Ana", "Silva", "Sales EMEA", "false"),
            owner("102", "liam@acme.example", "", "", "Sales EMEA;Support", "false"),
            owner("103", "", "", "", "", "false"),
            owner("104", "eleni.p@acme.example", "Ελένη", "Παπαδοπούλου", "Support", "true"),
            owner("105", "sean@acme.example", " Seán", "O'Connor, Jr. ", "", "false"));
    return reference(
        "owners",
        columns(
            "id",
            "number:BIGINT",
            "email",
            "string",
            "firstName",
            "string",
            "lastName",
            "string",
            "userId",
            "number:BIGINT",
            "userIdIncludingInactive",
            "number:BIGINT",
            "type",
            "string",
            "teams",
            "string",
            "archived",
            "bool",
            "createdAt",
            "datetime",
            "updatedAt",
            "datetime"),
        rows);
  }

  private static List<String> owner(
      String id, String email, String first, String last, String teams, String archived) {
    return List.of(
        id,
        email,
        first,
        last,
        "9" + id,
        "9" + id,
        "PERSON",
        teams,
        archived,
        "2024-01-01T00:00:00Z",
        "2024-06-01T00:00:00Z");
  }

  private ObjectNode pipelines() {
    List<List<String>> rows =
        List.of(
            pipeline("deals", "default", "Sales Pipeline", "0"),
            pipeline("deals", "renewals", "Renewals, \"upsell\"", "1"),
            pipeline("tickets", "0", "Support Pipeline", "0"));
    return reference(
        "pipelines",
        columns(
            "object",
            "string",
            "id",
            "string",
            "label",
            "string",
            "displayOrder",
            "number:INTEGER",
            "archived",
            "bool",
            "createdAt",
            "datetime",
            "updatedAt",
            "datetime"),
        rows);
  }

  private static List<String> pipeline(String object, String id, String label, String order) {
    return List.of(
        object, id, label, order, "false", "2024-01-01T00:00:00Z", "2024-06-01T00:00:00Z");
  }

  private ObjectNode stages() {
    List<List<String>> rows =
        List.of(
            stage(
                "deals",
                "default",
                "appointmentscheduled",
                "Appointment Scheduled",
                "0",
                "0.2",
                ""),
            stage("deals", "default", "closedwon", "Closed Won", "1", "1.0", ""),
            stage(
                "deals", "renewals", "appointmentscheduled", "Renewal call booked", "0", "0.3", ""),
            stage("deals", "renewals", "closedwon", "Renewed", "1", "1.0", ""),
            stage("deals", "renewals", "1094532", "Waiting on legal", "2", "0.9", ""),
            stage("tickets", "0", "1", "New", "0", "", "OPEN"),
            stage("tickets", "0", "2", "Waiting on contact", "1", "", "OPEN"),
            stage("tickets", "0", "4", "Closed", "2", "", "CLOSED"));
    return reference(
        "pipeline_stages",
        columns(
            "object",
            "string",
            "pipelineId",
            "string",
            "id",
            "string",
            "label",
            "string",
            "displayOrder",
            "number:INTEGER",
            "probability",
            "number",
            "ticketState",
            "string",
            "isClosed",
            "bool",
            "archived",
            "bool",
            "createdAt",
            "datetime",
            "updatedAt",
            "datetime"),
        rows);
  }

  private static List<String> stage(
      String object,
      String pipeline,
      String id,
      String label,
      String order,
      String probability,
      String ticketState) {
    return List.of(
        object,
        pipeline,
        id,
        label,
        order,
        probability,
        ticketState,
        Boolean.toString(label.startsWith("Closed") || label.equals("Renewed")),
        "false",
        "2024-01-01T00:00:00Z",
        "2024-06-01T00:00:00Z");
  }

  private ObjectNode properties() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(property("deals", "amount", "number", "number", ""));
    rows.add(property("deals", "deal_tags", "enumeration", "checkbox", ""));
    rows.add(property("deals", "deal_type", "enumeration", "select", ""));
    rows.add(property("deals", "dealname", "string", "text", ""));
    rows.add(property("deals", "dealstage", "enumeration", "select", ""));
    rows.add(property("deals", "hs_all_owner_ids", "enumeration", "checkbox", "OWNER"));
    rows.add(property("deals", "hubspot_owner_id", "enumeration", "select", "OWNER"));
    rows.add(property("deals", "pipeline", "enumeration", "select", ""));
    rows.add(property("tickets", "hs_pipeline", "enumeration", "select", ""));
    rows.add(property("tickets", "hs_pipeline_stage", "enumeration", "select", ""));
    rows.add(property("tickets", "hs_ticket_priority", "enumeration", "select", ""));
    // no referencedObjectType: an owner by its name alone
    rows.add(property("tickets", "hubspot_owner_id", "enumeration", "select", ""));
    rows.add(property("tickets", "subject", "string", "text", ""));
    return reference(
        "properties",
        columns(
            "object",
            "string",
            "name",
            "string",
            "label",
            "string",
            "type",
            "string",
            "fieldType",
            "string",
            "groupName",
            "string",
            "description",
            "string",
            "calculated",
            "bool",
            "hubspotDefined",
            "bool",
            "dataSensitivity",
            "string",
            "referencedObjectType",
            "string",
            "externalOptions",
            "bool",
            "hasUniqueValue",
            "bool",
            "hidden",
            "bool",
            "displayOrder",
            "number:INTEGER"),
        rows);
  }

  private static List<String> property(
      String object, String name, String type, String fieldType, String referenced) {
    return List.of(
        object,
        name,
        name.replace('_', ' '),
        type,
        fieldType,
        object + "information",
        "",
        "false",
        "true",
        "non_sensitive",
        referenced,
        "false",
        "false",
        "false",
        "0");
  }

  private ObjectNode options() {
    List<List<String>> rows =
        List.of(
            option("deals", "deal_tags", "a", "Alpha, first", "0"),
            option("deals", "deal_tags", "b", "Beta \"quoted\"", "1"),
            option("deals", "deal_tags", "c", "Γάμμα", "2"),
            option("deals", "deal_type", "newbusiness", "New Business", "0"),
            option("deals", "deal_type", "existingbusiness", "Existing Business", "1"),
            // HubSpot lists a stage's options for any pipeline; the stage rule wins over them
            option("deals", "dealstage", "closedwon", "Won (any pipeline)", "0"),
            option("tickets", "hs_ticket_priority", "LOW", "Low", "0"),
            option("tickets", "hs_ticket_priority", "HIGH", "High", "1"));
    return reference(
        "property_options",
        columns(
            "object",
            "string",
            "property",
            "string",
            "value",
            "string",
            "label",
            "string",
            "displayOrder",
            "number:INTEGER",
            "hidden",
            "bool"),
        rows);
  }

  private static List<String> option(
      String object, String property, String value, String label, String order) {
    return List.of(object, property, value, label, order, "false");
  }

  /** Name, then type or {@code type:sqlType}, for each column. */
  private static Map<String, String> columns(String... namesAndTypes) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      columns.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return columns;
  }

  private ObjectNode reference(String name, Map<String, String> columns, List<List<String>> rows) {
    writeCsv(name + ".csv", List.copyOf(columns.keySet()), rows);
    ObjectNode entry = json.createObjectNode();
    entry.put("name", name).put("file", name + ".csv").put("rows", rows.size());
    entry.put("status", "complete");
    addColumns(entry.putArray("columns"), columns);
    entry.putNull("missingScope").putNull("table");
    return entry;
  }

  private ObjectNode object(
      String name, String typeId, Map<String, String> properties, List<List<String>> rows) {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("id", "id");
    columns.put("createdAt", "datetime");
    columns.put("updatedAt", "datetime");
    columns.put("archived", "bool");
    columns.putAll(properties);
    writeCsv(name + ".csv", List.copyOf(columns.keySet()), rows);
    ObjectNode entry = json.createObjectNode();
    entry.put("name", name).put("objectTypeId", typeId).put("file", name + ".csv");
    entry.put("records", rows.size()).put("status", "complete");
    addColumns(entry.putArray("columns"), columns);
    return entry;
  }

  private static void addColumns(ArrayNode array, Map<String, String> columns) {
    columns.forEach(
        (column, type) -> {
          ObjectNode node = array.addObject().put("name", column);
          String[] parts = type.split(":");
          node.put("type", parts[0]);
          if (parts.length > 1) {
            node.put("sqlType", parts[1]);
          }
        });
  }

  private void writeCsv(String file, List<String> header, List<List<String>> rows) {
    try (CsvWriter csv = CsvWriter.builder().build(dir.resolve(file))) {
      csv.writeRecord(header);
      rows.forEach(csv::writeRecord);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
