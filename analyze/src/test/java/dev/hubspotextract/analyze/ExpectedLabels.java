package dev.hubspotextract.analyze;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labels {@code --labels} must give, computed in plain Java from a folder's reference CSV files
 * (the contract's columns of #13), to check DuckDB's labelled views and joins against.
 */
public final class ExpectedLabels {
  /** Where a column's labels come from. */
  public enum Kind {
    OPTIONS,
    OWNER,
    PIPELINE,
    STAGE
  }

  private final Map<String, Map<String, String>> properties = new HashMap<>(); // object.name → row
  private final Map<String, String> options = new HashMap<>(); // object \0 property \0 value
  private final Map<String, Map<String, String>> owners = new HashMap<>();
  private final Map<String, String> pipelines = new HashMap<>(); // object \0 id
  private final List<Map<String, String>> stages = new ArrayList<>();

  private ExpectedLabels(Path dir) {
    for (Map<String, String> row : rowsOf(dir, "properties.csv")) {
      properties.put(row.get("object") + "." + row.get("name"), row);
    }
    for (Map<String, String> row : rowsOf(dir, "property_options.csv")) {
      options.put(key(row.get("object"), row.get("property"), row.get("value")), row.get("label"));
    }
    for (Map<String, String> row : rowsOf(dir, "owners.csv")) {
      owners.put(row.get("id"), row);
    }
    for (Map<String, String> row : rowsOf(dir, "pipelines.csv")) {
      pipelines.put(key(row.get("object"), row.get("id")), row.get("label"));
    }
    Map<String, Integer> pipelineOrder = new HashMap<>();
    for (Map<String, String> row : rowsOf(dir, "pipelines.csv")) {
      pipelineOrder.put(
          key(row.get("object"), row.get("id")), Integer.parseInt(row.get("displayOrder")));
    }
    stages.addAll(rowsOf(dir, "pipeline_stages.csv"));
    stages.sort(
        Comparator.comparing(
                (Map<String, String> s) ->
                    pipelineOrder.getOrDefault(
                        key(s.get("object"), s.get("pipelineId")), Integer.MAX_VALUE))
            .thenComparing(s -> s.get("pipelineId"))
            .thenComparing(s -> Integer.parseInt(s.get("displayOrder"))));
  }

  /** The labels of the folder {@code dir}: those of the reference files it has. */
  public static ExpectedLabels of(Path dir) {
    return new ExpectedLabels(dir);
  }

  private static List<Map<String, String>> rowsOf(Path dir, String file) {
    Path csv = dir.resolve(file);
    return Files.isRegularFile(csv) ? CsvTables.rows(csv) : List.of();
  }

  private static String key(String... parts) {
    return String.join("\0", parts);
  }

  /** The columns of an object (in {@code header} order) that get a label, with where from. */
  public Map<String, Kind> labelled(String object, List<String> header) {
    boolean deals = object.equals("deals");
    Map<String, Kind> kinds = new LinkedHashMap<>();
    for (String column : header) {
      Map<String, String> property = properties.getOrDefault(object + "." + column, Map.of());
      if (List.of("id", "createdAt", "updatedAt", "archived").contains(column)) {
        continue;
      }
      if (column.equals(deals ? "dealstage" : "hs_pipeline_stage")) {
        kinds.put(column, Kind.STAGE);
      } else if (column.equals(deals ? "pipeline" : "hs_pipeline")) {
        kinds.put(column, Kind.PIPELINE);
      } else if ("OWNER".equals(property.get("referencedObjectType"))
          || column.equals("hubspot_owner_id")
          || column.matches("hs_\\w*owner_id")) {
        kinds.put(column, Kind.OWNER);
      } else if ("enumeration".equals(property.get("type"))) {
        kinds.put(column, Kind.OPTIONS);
      }
    }
    return kinds;
  }

  /**
   * The label of {@code record}'s {@code column} of {@code object} (null for an empty value): the
   * record's value where it has none.
   */
  public String label(String object, String column, Kind kind, Map<String, String> record) {
    String value = record.get(column);
    if (value == null || value.isEmpty()) {
      return null;
    }
    return switch (kind) {
      case PIPELINE -> pipelines.getOrDefault(key(object, value), value);
      case STAGE ->
          stage(object, record.get(object.equals("deals") ? "pipeline" : "hs_pipeline"), value);
      case OWNER, OPTIONS -> {
        Optional<String> whole = one(object, column, kind, value);
        if (whole.isPresent() || !value.contains(";")) {
          yield whole.orElse(value);
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split(";", -1)) {
          parts.add(one(object, column, kind, part).orElse(part));
        }
        yield String.join(";", parts);
      }
    };
  }

  private Optional<String> one(String object, String column, Kind kind, String value) {
    if (kind == Kind.OPTIONS) {
      return Optional.ofNullable(options.get(key(object, column, value)));
    }
    Map<String, String> owner = owners.get(value);
    if (owner == null) {
      return Optional.empty();
    }
    String name = (owner.get("firstName") + " " + owner.get("lastName")).strip();
    return Optional.of(
        !name.isEmpty()
            ? name
            : !owner.get("email").isBlank() ? owner.get("email").strip() : value);
  }

  private String stage(String object, String pipeline, String stage) {
    return stages.stream()
        .filter(s -> s.get("object").equals(object) && s.get("id").equals(stage))
        .filter(s -> pipeline == null || pipeline.isEmpty() || s.get("pipelineId").equals(pipeline))
        .map(s -> s.get("label"))
        .findFirst()
        .orElse(stage);
  }
}
