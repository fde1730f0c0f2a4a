package dev.hubspotextract.client;

import java.util.List;
import java.util.Objects;

/**
 * One pipeline of an object as {@code GET /crm/v3/pipelines/{objectType}} lists it, with its
 * stages; every field but the id as HubSpot sent it, or null when it sent none.
 *
 * @param stages in HubSpot's order, each id once
 */
public record Pipeline(
    String id,
    String label,
    Integer displayOrder,
    Boolean archived,
    String createdAt,
    String updatedAt,
    List<PipelineStage> stages) {
  public Pipeline {
    Objects.requireNonNull(id, "id is null");
    stages = List.copyOf(stages);
  }
}
