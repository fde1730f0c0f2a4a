package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.ReferenceTable;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --labels}: for each object, a view {@code {object}_labeled} of its records with a label
 * column right after each column of internal values ({@link LabelColumns} says which, {@link
 * LabeledView} how), read from the folder's reference tables; and which labels are missing, as a
 * reference table they come from is not there ({@link LabelGaps}).
 *
 * @param views each labelled object's view, by the object's table
 * @param gaps the labels missing, one entry per cause; empty when every reference table needed was
 *     there
 */
public record Labels(Map<String, String> views, List<LabelGap> gaps) {
  /** How a labelled view's name ends: {@code deals_labeled}. */
  public static final String VIEW_SUFFIX = "_labeled";

  public Labels {
    views = Map.copyOf(views);
    gaps = List.copyOf(gaps);
  }

  /** Adds the labelled view of each of {@code objects} (tables of {@code db}) to {@code db}. */
  public static Labels add(PulledDatabase db, List<PulledTable> objects) {
    PulledFolder folder = db.folder();
    Set<ReferenceTable> needed = EnumSet.of(ReferenceTable.PROPERTIES);
    Map<String, Map<String, LabelColumns.Property>> properties = Map.of();
    if (LabelGaps.of(db, needed).isEmpty()) {
      properties = LabelColumns.read(db, folder.reference(ReferenceTable.PROPERTIES).orElseThrow());
    }
    Map<PulledTable, Map<String, String>> columnTypes = new LinkedHashMap<>();
    Map<PulledTable, List<LabelColumn>> labelled = new LinkedHashMap<>();
    // which objects need each table: one written without an object's pipelines lacks its labels
    Map<ReferenceTable, Set<String>> neededBy = new EnumMap<>(ReferenceTable.class);
    for (PulledTable object : objects) {
      Map<String, String> types = db.columnTypes(object.table());
      List<LabelColumn> columns =
          LabelColumns.of(
              object,
              List.copyOf(types.keySet()),
              properties.getOrDefault(object.name(), Map.of()));
      for (LabelColumn column : columns) {
        needed.add(column.source().table());
        neededBy
            .computeIfAbsent(column.source().table(), table -> new LinkedHashSet<>())
            .add(object.name());
      }
      columnTypes.put(object, types);
      labelled.put(object, columns);
    }
    List<LabelGap> gaps = new ArrayList<>(LabelGaps.of(db, needed));
    gaps.addAll(LabelGaps.ofObjectsLeftOut(db, neededBy));
    // every reference table there is read, pipelines too where no column needs their labels: their
    // order decides the label of a stage id found in several pipelines
    Set<ReferenceTable> usable = EnumSet.noneOf(ReferenceTable.class);
    for (ReferenceTable table : ReferenceTable.values()) {
      if (LabelGaps.of(db, EnumSet.of(table)).isEmpty()) {
        usable.add(table);
      }
    }
    LabelLookups.create(db, usable);

    Map<String, String> views = new LinkedHashMap<>();
    try (Statement statement = db.connection().createStatement()) {
      for (PulledTable object : objects) {
        String view = object.table() + VIEW_SUFFIX;
        if (db.tables().stream().anyMatch(t -> t.table().equalsIgnoreCase(view))) {
          throw new AnalyzeException(
              "cannot add the labelled view "
                  + view
                  + ": "
                  + folder.dir()
                  + " has a table of that name");
        }
        statement.execute(
            "CREATE OR REPLACE VIEW "
                + Sql.identifier(view)
                + " AS "
                + LabeledView.select(object, columnTypes.get(object), labelled.get(object)));
        views.put(object.table(), view);
      }
    } catch (SQLException e) {
      throw new AnalyzeException(
          "cannot label the objects of " + folder.dir() + ": " + e.getMessage(), e);
    }
    return new Labels(views, gaps);
  }

  /** The labelled view of {@code object}, if it was labelled. */
  public Optional<String> viewOf(PulledTable object) {
    return Optional.ofNullable(views.get(object.table()));
  }
}
