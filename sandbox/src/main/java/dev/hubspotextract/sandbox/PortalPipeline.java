package dev.hubspotextract.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline of the generated portal with its stages, as {@code GET /crm/v3/pipelines/{object}}
 * serves it.
 *
 * @param createdAt ISO-8601, as served (HubSpot's default pipelines say 1970-01-01)
 */
public record PortalPipeline(
    String id,
    String label,
    int displayOrder,
    boolean archived,
    String createdAt,
    String updatedAt,
    List<Stage> stages) {
  public PortalPipeline {
    Objects.requireNonNull(id, "id is null");
    stages = List.copyOf(stages);
  }

  /**
   * One stage.
   *
   * @param metadata as served, every value a string ({@code probability}, {@code isClosed}, {@code
   *     ticketState})
   */
  public record Stage(
      String id,
      String label,
      int displayOrder,
      Map<String, String> metadata,
      boolean archived,
      String createdAt,
      String updatedAt) {
    public Stage {
      Objects.requireNonNull(id, "id is null");
      metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }
}
