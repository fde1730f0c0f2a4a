package dev.hubspotextract.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hubspotextract.client.DataSensitivity;
import dev.hubspotextract.client.PropertyDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes {@code manifest.json} as the README's "Output format" section fixes it. */
public final class Manifest {
  public static final String FILE = "manifest.json";

  /** A name an object of the plan can have: the others are not files. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Manifest() {}

  /**
   * Writes the manifest of {@code result}; {@code removed} are the files of the pull it replaces
   * that it did not write again, deleted once it is in place; {@code excel} says whether {@link
   * ExcelFiles} made its CSV files for a spreadsheet, or left them as HubSpot sent them.
   */
  public static Path write(
      RunResult result, String version, FileMode mode, List<String> removed, boolean excel)
      throws IOException {
    Plan plan = result.plan();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("tool", "hubspot-extract");
    root.put("version", version);
    root.put("format", "csv");
    root.put("excel", excel); // cells guarded against formulas: readers drop one leading quote
    root.put("source", plan.source());
    root.put("startedAt", result.startedAt().truncatedTo(ChronoUnit.MILLIS).toString());
    root.put("finishedAt", result.finishedAt().truncatedTo(ChronoUnit.MILLIS).toString());

    List<Object> objects = new ArrayList<>();
    for (int i = 0; i < plan.objects().size(); i++) {
      PlannedObject object = plan.objects().get(i);
      TaskResult task = i < result.objects().size() ? result.objects().get(i) : null;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", object.type().name());
      entry.put("objectTypeId", object.type().objectTypeId());
      if (object.type().renamed()) {
        entry.put("schemaName", object.type().schemaName());
        entry.put(
            "renamed",
            "HubSpot's name "
                + object.type().schemaName()
                + " belongs to a standard object, an association file or one of the tool's own"
                + " files");
      }
      entry.put("file", object.fileName());
      entry.put("records", task == null ? 0 : task.rows());
      entry.put("status", task != null && task.completed() ? "complete" : "failed");
      List<Object> columns = new ArrayList<>();
      for (FixedColumn fixed : FixedColumn.RECORD) {
        columns.add(column(fixed.name(), fixed.type(), null));
      }
      for (PropertyDefinition property : object.properties()) {
        Map<String, Object> column = column(property.name(), property.type(), property.fieldType());
        DecimalFit fit = task == null ? null : task.decimals().get(property.name());
        if (fit != null) {
          column.put("sqlType", fit.sqlType());
          if (fit.fits()) {
            column.put("decimals", fit.decimals());
          } else {
            column.put("doubleBecause", fit.notDecimal());
          }
        }
        columns.add(column);
      }
      object
          .skipped()
          .forEach(
              (level, count) ->
                  entry.put(
                      level == DataSensitivity.SENSITIVE
                          ? "sensitivePropertiesSkipped"
                          : "highlySensitivePropertiesSkipped",
                      count < 0 ? "unknown (the token cannot list them)" : count));
      ListOrder listOrder = task == null ? ListOrder.IN_ORDER : task.listOrder();
      if (!listOrder.inOrder()) {
        entry.put("idsOutOfOrder", listOrder.idsOutOfOrder());
        entry.put("duplicateIdsDropped", listOrder.duplicateIdsDropped());
      }
      entry.put("columns", columns);
      objects.add(entry);
    }
    for (TaskFailure failure : plan.failedObjects()) {
      if (!PLAIN_NAME.matcher(failure.subject()).matches()) {
        continue; // the custom objects as a whole, or one whose name or type id was refused
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", failure.subject());
      entry.put("file", failure.subject() + ".csv");
      entry.put("records", 0);
      entry.put("status", "failed");
      entry.put("columns", List.of());
      objects.add(entry);
    }
    root.put("objects", objects);

    List<Object> associations = new ArrayList<>();
    for (int i = 0; i < plan.pairs().size(); i++) {
      AssociationPair pair = plan.pairs().get(i);
      TaskResult task = i < result.associations().size() ? result.associations().get(i) : null;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("from", pair.from().name());
      entry.put("to", pair.to().name());
      entry.put("file", pair.fileName());
      entry.put("rows", task == null ? 0 : task.rows());
      entry.put("status", task != null && task.completed() ? "complete" : "failed");
      ListOrder fromIds = task == null ? ListOrder.IN_ORDER : task.listOrder();
      if (!fromIds.inOrder()) { // the from-object's ids, from its live list
        entry.put("idsOutOfOrder", fromIds.idsOutOfOrder());
        entry.put("duplicateIdsDropped", fromIds.duplicateIdsDropped());
      }
      entry.put(
          "columns",
          FixedColumn.ASSOCIATION.stream()
              .map(fixed -> column(fixed.name(), fixed.type(), null))
              .toList());
      associations.add(entry);
    }
    root.put("associations", associations);

    List<Object> failures = new ArrayList<>();
    for (TaskFailure failure : result.failures()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put(failure.association() ? "association" : "object", failure.subject());
      entry.put("kind", failure.category().label());
      entry.put("message", failure.message());
      failures.add(entry);
    }
    root.put("failures", failures);
    root.put("removed", List.copyOf(removed));

    Path target = OutputFolder.fileIn(plan.outDir(), FILE);
    Path partial = OutputFolder.unfinishedOf(target, ".partial");
    OutputFolder.privateFolder(plan.outDir());
    try (OutputStream out = NewFiles.stream(partial, mode)) {
      JSON.writeValue(out, root);
    }
    FileMoves.replace(partial, target);
    return target;
  }

  private static Map<String, Object> column(String name, String type, String fieldType) {
    Map<String, Object> column = new LinkedHashMap<>();
    column.put("name", name);
    column.put("type", type == null ? "string" : type);
    if (fieldType != null) {
      column.put("fieldType", fieldType);
    }
    return column;
  }
}
