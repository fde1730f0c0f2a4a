package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.FixedColumn;
import dev.hubspotextract.extract.LabelKind;
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

/**
 * Which columns of an object get a label column, and from where: the engine's {@link LabelKind}
 * says, for each property, from what {@code properties.csv} gives of it (its stage and pipeline
 * columns, its owner columns, its other enumerations).
 */
final class LabelColumns {
  private static final String LABEL = "_label";

  /** What {@code properties.csv} says of one property. */
  record Property(String type, String referencedObjectType) {}

  private LabelColumns() {}

  /**
   * The label columns of {@code object}, whose columns are {@code columns} (in order), given what
   * {@code properties} says of its properties (empty when the folder has no properties table).
   */
  static List<LabelColumn> of(
      PulledTable object, List<String> columns, Map<String, Property> properties) {
    String pipeline = LabelKind.pipelineProperty(object.name());
    Set<String> fixed = new HashSet<>(FixedColumn.names(FixedColumn.RECORD));
    Set<String> taken = new HashSet<>(columns);
    List<LabelColumn> labels = new ArrayList<>();
    for (String column : columns) {
      Optional<Property> property = Optional.ofNullable(properties.get(column));
      Optional<LabelKind> kind =
          fixed.contains(column)
              ? Optional.empty()
              : LabelKind.of(
                  object.name(),
                  column,
                  property.map(Property::type).orElse(null),
                  property.map(Property::referencedObjectType).orElse(null));
      if (kind.isEmpty()) {
        continue;
      }
      LabelColumn.Source source = LabelColumn.Source.of(kind.get());
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
   * property}; it has the columns {@code object}, {@code name} and {@code type} ({@link LabelGaps}
   * says so when it lacks one). Its {@code referencedObjectType} may be absent (a hand-made table):
   * owners are then known by name alone.
   */
  static Map<String, Map<String, Property>> read(PulledDatabase db, PulledTable properties) {
    Map<String, String> types = db.columnTypes(properties.table());
    String referenced =
        types.containsKey("referencedObjectType")
            ? "CAST(" + Sql.identifier("referencedObjectType") + " AS VARCHAR)"
            : "NULL";
    String object = Sql.identifier("object");
    String name = Sql.identifier("name");
    String query =
        "SELECT CAST("
            + object
            + " AS VARCHAR), CAST("
            + name
            + " AS VARCHAR), CAST("
            + Sql.identifier("type")
            + " AS VARCHAR), "
            + referenced
            + " FROM "
            + Sql.identifier(properties.table())
            + " WHERE "
            + object
            + " IS NOT NULL AND "
            + name
            + " IS NOT NULL";
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
}
