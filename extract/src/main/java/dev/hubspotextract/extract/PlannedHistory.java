package dev.hubspotextract.extract;

import dev.hubspotextract.client.HistoriesApi;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An object's property history to write: every change of these properties of the object's records,
 * read once its file is written.
 *
 * @param properties the properties, in the order the user named them (the file's order within a
 *     record)
 * @param labelled those of them whose values a reference table names (owner ids, stage ids, an
 *     enumeration's options), with their kind; kept in the order of {@code properties}
 */
public record PlannedHistory(
    ObjectType type, List<String> properties, Map<String, LabelKind> labelled) {
  public PlannedHistory {
    Objects.requireNonNull(type, "type is null");
    properties = List.copyOf(properties);
    if (properties.isEmpty()) {
      throw new IllegalArgumentException("a history of no property: " + type.name());
    }
    if (!properties.containsAll(labelled.keySet())) {
      throw new IllegalArgumentException(
          "labelled properties " + labelled.keySet() + " not all among " + properties);
    }
    Map<String, LabelKind> ordered = new LinkedHashMap<>();
    for (String property : properties) {
      if (labelled.containsKey(property)) {
        ordered.put(property, labelled.get(property));
      }
    }
    labelled = Collections.unmodifiableMap(ordered);
  }

  /** A history none of whose properties a reference table names. */
  public PlannedHistory(ObjectType type, List<String> properties) {
    this(type, properties, Map.of());
  }

  /**
   * Its properties whose values are read with {@code table} ({@code hubspot_owner_id} with the
   * owners), in their order; empty when it needs none of it.
   */
  public List<String> readWith(ReferenceTable table) {
    return labelled.entrySet().stream()
        .filter(entry -> entry.getValue().tables().contains(table))
        .map(Map.Entry::getKey)
        .toList();
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
