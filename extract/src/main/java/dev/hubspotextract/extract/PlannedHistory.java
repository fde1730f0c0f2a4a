package dev.hubspotextract.extract;

import dev.hubspotextract.client.HistoriesApi;
import java.util.List;
import java.util.Objects;

/**
 * An object's property history to write: every change of these properties of the object's records,
 * read once its file is written.
 *
 * @param properties the properties, in the order the user named them (the file's order within a
 *     record)
 */
public record PlannedHistory(ObjectType type, List<String> properties) {
  public PlannedHistory {
    Objects.requireNonNull(type, "type is null");
    properties = List.copyOf(properties);
    if (properties.isEmpty()) {
      throw new IllegalArgumentException("a history of no property: " + type.name());
    }
  }

  /** Its table: {@code deals_property_history}. */
  public String name() {
    return FolderLayout.historyTable(type.name());
  }

  /**
   * Requests per {@value HistoriesApi#MAX_INPUTS} records: one per chunk of properties HubSpot is
   * asked for at once.
   */
  public int requestsPerBatch() {
    return HistoriesApi.chunks(properties).size();
  }
}
