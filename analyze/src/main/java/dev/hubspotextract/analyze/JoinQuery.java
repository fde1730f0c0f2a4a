package dev.hubspotextract.analyze;

import java.util.List;

/**
 * The SQL a join runs, with the notes the user should see about how filters applied.
 *
 * @param sql one SELECT over the views of a {@link PulledDatabase}
 * @param columns the output column names, in order
 * @param notes remarks such as "--primary: deals_contacts.csv marks no primary link, all are kept"
 */
public record JoinQuery(String sql, List<String> columns, List<String> notes) {
  public JoinQuery {
    columns = List.copyOf(columns);
    notes = List.copyOf(notes);
  }
}
