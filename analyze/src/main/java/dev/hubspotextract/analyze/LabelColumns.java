package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.FixedColumn;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which columns of an object get a label column, and from where: its stage and pipeline columns
 * (deals' {@code dealstage} and {@code pipeline}, other objects' {@code hs_pipeline_stage} and
 * {@code hs_pipeline}), its owner columns (properties that reference {@code OWNER}, or named like
 * HubSpot's owner properties), and its other enumerations, as {@code properties.csv} types them.
 */
final class LabelColumns {
  /** HubSpot's owner properties by name, for a folder whose properties say nothing of them. */
  private static final Pattern OWNER_NAME = Pattern.compile("hubspot_owner_id|hs_\\w*owner_id");

  private static final String DEALS = "deals";
  private static final String LABEL = "_label";

  /** What {@code properties.csv} says of one property. */
  record Property(String type, String referencedObjectType) {
    boolean enumeration() {
      return "enumeration".equalsIgnoreCase(type);
    }

    boolean owner() {
      return "OWNER".equalsIgnoreCase(referencedObjectType);
    }
  }

  private LabelColumns() {}

  /**
   * The label columns of {@code object}, whose columns are {@code columns} (in order), given what
   * {@code properties} says of its properties (empty when the folder has no properties table).
   */
  static List<LabelColumn> of(
      PulledTable object, List<String> columns, Map<String, Property> properties) {
    String stage = object.name().equals(DEALS) ? "dealstage" : "hs_pipeline_stage";
    String pipeline = object.name().equals(DEALS) ? "pipeline" : "hs_pipeline";
    Set<String> fixed = new HashSet<>(FixedColumn.names(FixedColumn.RECORD));
    Set<String> taken = new HashSet<>(columns);
    List<LabelColumn> labels = new ArrayList<>();
    for (String column : columns) {
      Optional<Property> property = Optional.ofNullable(properties.get(column));
      LabelColumn.Source source;
      if (fixed.contains(column)) {
        continue;
      } else if (column.equals(stage)) {
        source = LabelColumn.Source.STAGES;
      } else if (column.equals(pipeline)) {
        source = LabelColumn.Source.PIPELINES;
      } else if (property.filter(Property::owner).isPresent()
          || OWNER_NAME.matcher(column).matches()) {
        source = LabelColumn.Source.OWNERS;
      } else if (property.filter(Property::enumeration).isPresent()) {
        source = LabelColumn.Source.OPTIONS;
      } else {
        continue;
      }
      String label = unique(column + LABEL, taken);
      taken.add(label);
      String pipelineColumn =
          source == LabelColumn.Source.STAGES && columns.contains(pipeline) ? pipeline : null;
      labels.add(new LabelColumn(column, label, source, pipelineColumn));
    }
    return labels;
  }

  /**
   * {@code name}, or where the object has a property of that name already, {@code name_2}, {@code
   * name_3}, …
   */
  private static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int n = 2; taken.contains(candidate); n++) {
      candidate = name + "_" + n;
    }
    return candidate;
  }

  /**
   * What {@code properties.csv} says of each property of each object: {@code object → name →
   * property}. Its {@code referencedObjectType} may be absent (a hand-made table): owners are then
   * known by name alone.
   */
  static Map<String, Map<String, Property>> read(PulledDatabase db, PulledTable properties) {
    Map<String, String> types = db.columnTypes(properties.table());
    String referenced =
        types.containsKey("referencedObjectType")
            ? "CAST(" + Sql.identifier("referencedObjectType") + " AS VARCHAR)"
            : "NULL";
    String query =
        "SELECT CAST(object AS VARCHAR), CAST(name AS VARCHAR), CAST(type AS VARCHAR), "
            + referenced
            + " FROM "
            + Sql.identifier(properties.table())
            + " WHERE object IS NOT NULL AND name IS NOT NULL";
    Map<String, Map<String, Property>> byObject = new HashMap<>();
    try (PreparedStatement statement = db.connection().prepareStatement(query);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        byObject
            .computeIfAbsent(rows.getString(1), o -> new HashMap<>())
            .putIfAbsent(rows.getString(2), new Property(rows.getString(3), rows.getString(4)));
      }
    } catch (SQLException e) {
      throw new AnalyzeException(
          "cannot read " + db.folder().dir().resolve(properties.file()) + ": " + e.getMessage(), e);
    }
    return byObject;
  }

  /** The columns {@link #read} needs of {@code properties.csv}. */
  static final List<String> READS = List.of("object", "name", "type");
}
