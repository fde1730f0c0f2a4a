package dev.hubspotextract.analyze;

import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.FixedColumn;
import dev.hubspotextract.extract.FolderLayout;
import dev.hubspotextract.extract.ObjectCatalog;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.Spelling;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a {@link JoinRequest} into one SQL query over a pulled folder.
 *
 * <p>Rules: every row of the first object, with each later object's columns prefixed by its
 * singular name ({@code company.name}), one row per linked combination. A later object links to the
 * first object through {@code first_other} (or {@code other_first}, read in reverse); when neither
 * file exists, to the nearest earlier object that has one. A pair linked by several association
 * types counts once. A link to a record missing from its object's file is ignored.
 */
public final class JoinPlanner {
  /**
   * HubSpot-defined type ids that mean "primary", in either direction: contact↔company 1/2,
   * deal↔company 5/6, ticket↔company 26/25 (/work/shared/hubspot-api.md §9). HubSpot also labels
   * them "Primary".
   */
  static final List<Integer> PRIMARY_TYPE_IDS = List.of(1, 2, 5, 6, 25, 26);

  private static final String PRIMARY =
      "(lower(label) = 'primary' OR (category = 'HUBSPOT_DEFINED' AND association_type_id IN ("
          + PRIMARY_TYPE_IDS.stream().map(String::valueOf).collect(Collectors.joining(", "))
          + ")))";
  private static final String NEAR = Sql.identifier("__near_id");

  private final PulledDatabase db;
  private final JoinRequest request;
  private final List<UserText> notes = new ArrayList<>();

  private JoinPlanner(PulledDatabase db, JoinRequest request) {
    this.db = db;
    this.request = request;
  }

  public static JoinQuery plan(PulledDatabase db, JoinRequest request) {
    return new JoinPlanner(db, request).plan();
  }

  /** How a later object reaches an earlier one: an association table read one way or the other. */
  private record Link(PulledTable table, int nearIndex, boolean reversed) {
    String nearColumn() {
      return (reversed ? FixedColumn.TO_ID : FixedColumn.FROM_ID).name();
    }

    String farColumn() {
      return (reversed ? FixedColumn.FROM_ID : FixedColumn.TO_ID).name();
    }
  }

  private JoinQuery plan() {
    List<String> names = request.objects();
    List<PulledTable> objects = names.stream().map(this::object).toList();
    List<Link> links = new ArrayList<>();
    for (int i = 1; i < objects.size(); i++) {
      links.add(link(objects, i));
    }
    List<String> filters = filters(links);
    // with labels, each object is read through its labelled view: its columns and their labels
    Optional<Labels> labels =
        request.labels() ? Optional.of(Labels.add(db, objects)) : Optional.empty();
    List<String> sources =
        objects.stream().map(o -> labels.flatMap(l -> l.viewOf(o)).orElse(o.table())).toList();

    Map<String, String> available = new LinkedHashMap<>();
    for (int i = 0; i < objects.size(); i++) {
      PulledTable object = objects.get(i);
      List<String> columns = db.columns(sources.get(i));
      if (!columns.contains(FixedColumn.ID.name())) {
        throw new AnalyzeException(
            describe(object) + " has no id column, so it cannot be joined: pull it again");
      }
      String prefix = ObjectType.singularOf(object.name());
      for (String column : columns) {
        available.put(prefix + "." + column, "t" + i + "." + Sql.identifier(column));
      }
    }
    Map<String, String> selected = select(available);

    List<String> ctes = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      Link link = links.get(i);
      ctes.add(
          String.format(
              "link%d AS (SELECT DISTINCT %s AS near_id, %s AS far_id FROM %s WHERE %s)",
              i + 1,
              link.nearColumn(),
              link.farColumn(),
              Sql.identifier(link.table().table()),
              filters.get(i)));
    }
    StringBuilder sql = new StringBuilder("WITH ").append(String.join(", ", ctes));
    sql.append(" SELECT ")
        .append(
            selected.entrySet().stream()
                .map(e -> e.getValue() + " AS " + Sql.identifier(e.getKey()))
                .collect(Collectors.joining(", ")))
        .append(" FROM ")
        .append(Sql.identifier(sources.get(0)))
        .append(" AS t0");
    // each later object: its linked records, keyed by the id of the object it links to
    String join = request.inner() ? "JOIN" : "LEFT JOIN";
    for (int i = 1; i < objects.size(); i++) {
      sql.append(
          String.format(
              " %s (SELECT l.near_id AS %s, o.* FROM link%d AS l JOIN %s AS o ON o.\"id\" = l.far_id)"
                  + " AS t%d ON t%d.%s = t%d.\"id\"",
              join,
              NEAR,
              i,
              Sql.identifier(sources.get(i)),
              i,
              i,
              NEAR,
              links.get(i - 1).nearIndex()));
    }
    // deterministic output: by the ids of each object in turn
    List<String> order = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      order.add("t" + i + ".\"id\"");
    }
    sql.append(" ORDER BY ").append(String.join(", ", order));
    return new JoinQuery(
        sql.toString(),
        List.copyOf(selected.keySet()),
        notes,
        labels.map(Labels::gaps).orElse(List.of()));
  }

  private PulledTable object(String name) {
    PulledFolder folder = db.folder();
    Optional<PulledTable> listed = folder.object(name);
    if (listed.isPresent() && db.has(listed.get())) {
      return listed.get();
    }
    Optional<String> unlisted = listed.isEmpty() ? folder.unlistedFileOf(name) : Optional.empty();
    if (unlisted.isPresent()) {
      throw new AnalyzeException("no table " + name + ": " + folder.whyNotATable(unlisted.get()));
    }
    String present =
        db.tables().stream()
            .filter(PulledTable::object)
            .map(PulledTable::name)
            .collect(Collectors.joining(", "));
    if (listed.isEmpty() && ObjectCatalog.findStandard(name).isEmpty()) {
      // no pull to suggest: one for a name HubSpot does not know would fail in turn
      List<String> known = new ArrayList<>();
      db.tables().stream().filter(PulledTable::object).forEach(t -> known.add(t.name()));
      ObjectCatalog.STANDARD.forEach(type -> known.add(type.name()));
      throw new AnalyzeException(
          "unknown object '"
              + name
              + "'"
              + Spelling.closest(name, known)
                  .map(meant -> " (did you mean " + meant + "?)")
                  .orElse("")
              + ": "
              + folder.dir()
              + (present.isEmpty() ? " has no objects" : " has " + present)
              + ", and HubSpot has no standard object of that name (a custom object is joined by"
              + " the name of its pulled file)");
    }
    String where = listed.map(this::describe).orElse(describe(folder.format().fileFor(name), name));
    String failed =
        listed.filter(PulledTable::failed).isPresent()
            ? " (the pull recorded it as failed: see failures in manifest.json)"
            : "";
    PullHint pull = new PullHint(folder.dir(), request.objects(), List.of(), folder.format());
    throw new AnalyzeException(
        UserText.of(
            where
                + " not found"
                + failed
                + (present.isEmpty() ? "" : "; the folder has " + present)
                + ": "
                + pull.words()),
        pull);
  }

  /** The association linking object {@code i} to the first object, else the nearest earlier one. */
  private Link link(List<PulledTable> objects, int i) {
    List<Integer> candidates = new ArrayList<>(List.of(0));
    for (int j = i - 1; j >= 1; j--) {
      candidates.add(j);
    }
    PulledTable later = objects.get(i);
    for (int j : candidates) {
      PulledTable earlier = objects.get(j);
      Optional<PulledTable> forward =
          present(db.folder().association(earlier.table(), later.table()));
      if (forward.isPresent()) {
        return new Link(forward.get(), j, false);
      }
      Optional<PulledTable> backward =
          present(db.folder().association(later.table(), earlier.table()));
      if (backward.isPresent()) {
        return new Link(backward.get(), j, true);
      }
    }
    PulledFolder folder = db.folder();
    String first = objects.get(0).table();
    String expected = FolderLayout.pairTable(first, later.table());
    String reverse = FolderLayout.pairTable(later.table(), first);
    Optional<String> unlisted =
        folder.unlistedFileOf(expected).or(() -> folder.unlistedFileOf(reverse));
    if (unlisted.isPresent()) {
      throw new AnalyzeException(
          "no association file links "
              + first
              + " to "
              + later.table()
              + ": "
              + folder.whyNotATable(unlisted.get()));
    }
    PullHint pull =
        new PullHint(
            folder.dir(),
            request.objects(),
            List.of(objects.get(0).name() + ":" + later.name()),
            folder.format());
    throw new AnalyzeException(
        UserText.of(
            describe(folder.format().fileFor(expected), expected)
                + " not found (nor "
                + (folder.format() == OutputFormat.DUCKDB
                    ? reverse
                    : folder.format().fileFor(reverse))
                + (i > 1
                    ? ", nor a pair linking " + later.table() + " to another earlier object"
                    : "")
                + "): "
                + pull.words()),
        pull);
  }

  private Optional<PulledTable> present(Optional<PulledTable> table) {
    return table.filter(db::has);
  }

  /** The WHERE condition of each link; notes where a filter does not apply to a file. */
  private List<String> filters(List<Link> links) {
    List<String> conditions = new ArrayList<>();
    boolean labelUsed = false;
    TreeSet<String> labelsSeen = new TreeSet<>();
    for (Link link : links) {
      List<String> parts = new ArrayList<>();
      String table = Sql.identifier(link.table().table());
      if (request.primaryOnly()) {
        if (count(table, PRIMARY, Optional.empty()) > 0) {
          parts.add(PRIMARY);
        } else {
          notes.add(
              UserText.of(
                  "primary links only: "
                      + describe(link.table())
                      + " marks no link as primary, so every link is kept",
                  Setting.PRIMARY_ONLY));
        }
      }
      if (request.label().isPresent()) {
        String condition = "lower(label) = lower(?)";
        if (count(table, condition, request.label()) > 0) {
          parts.add("lower(label) = lower(" + Sql.literal(request.label().get()) + ")");
          labelUsed = true;
        } else {
          notes.add(
              UserText.of(
                  "label filter: no link in "
                      + describe(link.table())
                      + " has the label '"
                      + request.label().get()
                      + "', so every link is kept",
                  Setting.LABEL));
          labelsSeen.addAll(labels(table));
        }
      }
      conditions.add(parts.isEmpty() ? "true" : String.join(" AND ", parts));
    }
    if (request.label().isPresent() && !labelUsed) {
      throw new AnalyzeException(
          "no link in the joined association files has the label '"
              + request.label().get()
              + "': "
              + (labelsSeen.isEmpty()
                  ? "they carry no labels at all"
                  : "labels there are " + String.join(", ", labelsSeen)));
    }
    return conditions;
  }

  private long count(String table, String condition, Optional<String> parameter) {
    String query = "SELECT count(*) FROM " + table + " WHERE " + condition;
    try (PreparedStatement statement = db.connection().prepareStatement(query)) {
      if (parameter.isPresent()) {
        statement.setString(1, parameter.get());
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new AnalyzeException("cannot read " + table + ": " + e.getMessage(), e);
    }
  }

  private List<String> labels(String table) {
    List<String> labels = new ArrayList<>();
    try (Statement statement = db.connection().createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT label FROM " + table + " WHERE label IS NOT NULL ORDER BY 1")) {
      while (rows.next()) {
        labels.add("'" + rows.getString(1) + "'");
      }
    } catch (SQLException e) {
      throw new AnalyzeException("cannot read " + table + ": " + e.getMessage(), e);
    }
    return labels;
  }

  /** The requested output columns ({@code company.name}, {@code deal.*}), or all of them. */
  private Map<String, String> select(Map<String, String> available) {
    if (request.columns().isEmpty()) {
      return available;
    }
    Map<String, String> selected = new LinkedHashMap<>();
    for (String wanted : request.columns()) {
      String name = wanted.strip();
      if (name.endsWith(".*")) {
        String prefix = name.substring(0, name.length() - 1);
        if (available.keySet().stream().noneMatch(c -> c.startsWith(prefix))) {
          throw unknownColumn(name, available);
        }
        available.forEach(
            (column, expression) -> {
              if (column.startsWith(prefix)) {
                selected.putIfAbsent(column, expression);
              }
            });
      } else if (available.containsKey(name)) {
        selected.putIfAbsent(name, available.get(name));
      } else {
        throw unknownColumn(name, available);
      }
    }
    return selected;
  }

  private static AnalyzeException unknownColumn(String name, Map<String, String> available) {
    TreeSet<String> prefixes = new TreeSet<>();
    available.keySet().forEach(c -> prefixes.add(c.substring(0, c.indexOf('.')) + ".*"));
    List<String> some = available.keySet().stream().limit(12).toList();
    return new AnalyzeException(
        UserText.of(
            "unknown column '"
                + name
                + "' among the output columns: name columns with their object's prefix, e.g. "
                + String.join(", ", some)
                + (available.size() > some.size() ? ", …" : "")
                + " (or all of one object's: "
                + String.join(", ", prefixes)
                + ")",
            Setting.COLUMNS));
  }

  private String describe(PulledTable table) {
    return describe(table.file(), table.table());
  }

  private String describe(String file, String table) {
    PulledFolder folder = db.folder();
    return folder.format() == OutputFormat.DUCKDB
        ? "table " + table + " in " + FolderLayout.of(folder.dir()).databaseFile()
        : folder.dir().resolve(file).toString();
  }
}
