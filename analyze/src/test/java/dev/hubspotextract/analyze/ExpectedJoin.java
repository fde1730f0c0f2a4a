package dev.hubspotextract.analyze;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The documented join semantics computed in plain Java, as rows of ids: start with every id of the
 * first object; each later object adds one row per linked record that exists (or a null when none
 * and the join is left). Rows come out ordered by id, column by column, nulls last, as {@code join}
 * orders them.
 */
public final class ExpectedJoin {
  private final List<List<Long>> rows = new ArrayList<>();

  public ExpectedJoin(Collection<Long> firstIds) {
    new TreeSet<>(firstIds).forEach(id -> rows.add(new ArrayList<>(List.of(id))));
  }

  /**
   * Joins the next object, linked to column {@code near} by {@code links}, keeping only existing
   * ids.
   */
  public ExpectedJoin then(
      int near, Map<Long, TreeSet<Long>> links, Set<Long> existing, boolean inner) {
    List<List<Long>> next = new ArrayList<>();
    for (List<Long> row : rows) {
      Long nearId = row.get(near);
      TreeSet<Long> far =
          nearId == null
              ? new TreeSet<>()
              : new TreeSet<>(links.getOrDefault(nearId, new TreeSet<>()));
      far.retainAll(existing);
      if (far.isEmpty()) {
        if (!inner) {
          List<Long> extended = new ArrayList<>(row);
          extended.add(null);
          next.add(extended);
        }
      }
      for (Long id : far) {
        List<Long> extended = new ArrayList<>(row);
        extended.add(id);
        next.add(extended);
      }
    }
    rows.clear();
    rows.addAll(next);
    return this;
  }

  public List<List<Long>> rows() {
    return rows;
  }

  /** The id columns of a join's CSV output, as rows of ids (null for an empty field). */
  public static List<List<Long>> idRows(List<Map<String, String>> output, String... idColumns) {
    List<List<Long>> ids = new ArrayList<>();
    for (Map<String, String> row : output) {
      List<Long> tuple = new ArrayList<>();
      for (String column : idColumns) {
        String value = row.get(column);
        tuple.add(value == null || value.isEmpty() ? null : Long.valueOf(value));
      }
      ids.add(tuple);
    }
    return ids;
  }
}
