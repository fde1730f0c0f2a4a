package dev.hubspotextract.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.hubspotextract.extract.FileMode;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * STAND-IN, until {@code pull} writes the reference tables of #13 (another helper's part): writes
 * {@code owners.csv}, {@code pipelines.csv}, {@code pipeline_stages.csv}, {@code properties.csv}
 * and {@code property_options.csv} into a folder the sandbox was pulled into, from the sandbox's
 * own owners, pipelines and properties endpoints, in the columns and order of the shared contract,
 * and lists them in its {@code manifest.json}'s {@code references}. Once the pull writes them,
 * tests that call {@link #add} should pull instead, and this class go.
 */
public final class ReferenceTablesStandIn {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Sandbox sandbox;
  private final Path folder;
  private final HttpClient http = HttpClient.newHttpClient();

  private ReferenceTablesStandIn(Sandbox sandbox, Path folder) {
    this.sandbox = sandbox;
    this.folder = folder;
  }

  /**
   * Adds the reference tables of {@code sandbox} to the CSV folder {@code folder}; with {@code
   * ownersScopeMissing}, owners as a pull without the owners scope would: skipped, no file.
   */
  public static void add(Sandbox sandbox, Path folder, boolean ownersScopeMissing) {
    new ReferenceTablesStandIn(sandbox, folder).add(ownersScopeMissing);
  }

  private void add(boolean ownersScopeMissing) {
    try {
      Manifest manifest = Manifest.read(folder.resolve("manifest.json"));
      List<Manifest.ReferenceEntry> references = new ArrayList<>();
      references.add(
          ownersScopeMissing
              ? new Manifest.ReferenceEntry(
                  "owners", "owners.csv", 0, "skipped", List.of(), "crm.objects.owners.read", null)
              : owners());
      List<List<String>> pipelines = new ArrayList<>();
      List<List<String>> stages = new ArrayList<>();
      List<List<String>> properties = new ArrayList<>();
      List<List<String>> options = new ArrayList<>();
      for (Manifest.ObjectEntry object : manifest.objects()) {
        pipelinesOf(object.name(), pipelines, stages);
        propertiesOf(object, properties, options);
      }
      references.add(
          write(
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
              pipelines));
      references.add(
          write(
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
              stages));
      references.add(
          write(
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
              properties));
      references.add(
          write(
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
              options));
      new Manifest(
              manifest.tool(),
              manifest.version(),
              manifest.format(),
              manifest.excel(),
              manifest.source(),
              manifest.startedAt(),
              manifest.finishedAt(),
              manifest.objects(),
              manifest.associations(),
              references,
              manifest.histories(),
              manifest.failures(),
              manifest.removed(),
              manifest.syncedAt(),
              manifest.syncing(),
              manifest.request())
          .write(folder, FileMode.PRIVATE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Manifest.ReferenceEntry owners() {
    List<JsonNode> all = new ArrayList<>();
    for (String archived : List.of("false", "true")) {
      String after = "";
      do {
        JsonNode page = get("/crm/v3/owners?limit=100&archived=" + archived + after);
        page.path("results").forEach(all::add);
        String next = page.path("paging").path("next").path("after").asText("");
        after = next.isEmpty() ? null : "&after=" + next;
      } while (after != null);
    }
    all.sort(Comparator.comparing(o -> Long.parseLong(o.path("id").asText())));
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode o : all) {
      List<String> teams = new ArrayList<>();
      o.path("teams").forEach(t -> teams.add(t.path("name").asText()));
      rows.add(
          List.of(
              text(o, "id"),
              text(o, "email"),
              text(o, "firstName"),
              text(o, "lastName"),
              text(o, "userId"),
              text(o, "userIdIncludingInactive"),
              text(o, "type"),
              String.join(";", teams),
              text(o, "archived"),
              text(o, "createdAt"),
              text(o, "updatedAt")));
    }
    return write(
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

  private void pipelinesOf(String object, List<List<String>> pipelines, List<List<String>> stages) {
    List<JsonNode> listed = new ArrayList<>();
    get("/crm/v3/pipelines/" + object).path("results").forEach(listed::add);
    listed.sort(
        Comparator.comparing((JsonNode p) -> p.path("displayOrder").asInt())
            .thenComparing(p -> p.path("id").asText()));
    for (JsonNode p : listed) {
      pipelines.add(
          List.of(
              object,
              text(p, "id"),
              text(p, "label"),
              text(p, "displayOrder"),
              text(p, "archived"),
              text(p, "createdAt"),
              text(p, "updatedAt")));
      List<JsonNode> ordered = new ArrayList<>();
      p.path("stages").forEach(ordered::add);
      ordered.sort(
          Comparator.comparing((JsonNode s) -> s.path("displayOrder").asInt())
              .thenComparing(s -> s.path("id").asText()));
      for (JsonNode s : ordered) {
        JsonNode metadata = s.path("metadata");
        stages.add(
            List.of(
                object,
                text(p, "id"),
                text(s, "id"),
                text(s, "label"),
                text(s, "displayOrder"),
                text(metadata, "probability"),
                text(metadata, "ticketState"),
                text(metadata, "isClosed"),
                text(s, "archived"),
                text(s, "createdAt"),
                text(s, "updatedAt")));
      }
    }
  }

  /** The properties the pull read of {@code object}, in its column order, and their options. */
  private void propertiesOf(
      Manifest.ObjectEntry object, List<List<String>> properties, List<List<String>> options) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    get("/crm/v3/properties/" + object.name())
        .path("results")
        .forEach(p -> byName.put(p.path("name").asText(), p));
    for (Manifest.Column column : object.columns()) {
      Optional<JsonNode> found = Optional.ofNullable(byName.get(column.name()));
      if (found.isEmpty()) {
        continue; // id, createdAt, updatedAt, archived
      }
      JsonNode p = found.get();
      properties.add(
          List.of(
              object.name(),
              text(p, "name"),
              text(p, "label"),
              text(p, "type"),
              text(p, "fieldType"),
              text(p, "groupName"),
              text(p, "description"),
              text(p, "calculated"),
              text(p, "hubspotDefined"),
              text(p, "dataSensitivity"),
              text(p, "referencedObjectType"),
              text(p, "externalOptions"),
              text(p, "hasUniqueValue"),
              text(p, "hidden"),
              text(p, "displayOrder")));
      for (JsonNode o : p.path("options")) {
        options.add(
            List.of(
                object.name(),
                text(p, "name"),
                text(o, "value"),
                text(o, "label"),
                text(o, "displayOrder"),
                text(o, "hidden")));
      }
    }
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                  .header("Authorization", "Bearer " + sandbox.token())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A field as the CSV writes it: text as sent, a number or boolean as JSON writes it. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? "" : value.asText();
  }

  private static Map<String, String> columns(String... namesAndTypes) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      columns.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return columns;
  }

  private Manifest.ReferenceEntry write(
      String name, Map<String, String> columns, List<List<String>> rows) {
    String file = name + ".csv";
    try (CsvWriter csv = CsvWriter.builder().build(folder.resolve(file))) {
      csv.writeRecord(List.copyOf(columns.keySet()));
      rows.forEach(csv::writeRecord);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Manifest.Column> described = new ArrayList<>();
    columns.forEach(
        (column, type) -> {
          String[] parts = type.split(":");
          described.add(
              new Manifest.Column(
                  column, parts[0], null, parts.length > 1 ? parts[1] : null, null, null));
        });
    if (!Files.isRegularFile(folder.resolve(file))) {
      throw new IllegalStateException(file + " was not written");
    }
    return new Manifest.ReferenceEntry(name, file, rows.size(), "complete", described, null, null);
  }
}
