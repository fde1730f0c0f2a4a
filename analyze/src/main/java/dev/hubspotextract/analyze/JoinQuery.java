package dev.hubspotextract.analyze;

import dev.hubspotextract.client.UserText;
import java.util.List;

/**
 * The SQL a join runs, with the notes the user should see about how filters applied.
 *
 * @param sql one SELECT over the views of a {@link PulledDatabase}
 * @param columns the output column names, in order
 * @param notes remarks such as "primary links only: deals_contacts.csv marks no link as primary, so
 *     every link is kept", naming the setting they are about
 * @param labelGaps the labels a join with labels could not give, as a reference table they come
 *     from is missing; empty for a join without labels
 */
public record JoinQuery(
    String sql, List<String> columns, List<UserText> notes, List<LabelGap> labelGaps) {
  public JoinQuery {
    columns = List.copyOf(columns);
    notes = List.copyOf(notes);
    labelGaps = List.copyOf(labelGaps);
  }
}
