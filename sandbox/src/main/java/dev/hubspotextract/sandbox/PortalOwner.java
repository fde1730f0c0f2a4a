package dev.hubspotextract.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * An owner of the generated portal, as {@code GET /crm/v3/owners} serves it.
 *
 * @param userId null for a queue and for an owner whose user was deactivated (archived)
 * @param lastName null for a queue
 * @param teams the names of the owner's teams, the primary one first
 * @param createdAt ISO-8601, as served
 */
public record PortalOwner(
    String id,
    String email,
    String firstName,
    String lastName,
    Integer userId,
    Integer userIdIncludingInactive,
    String type,
    List<String> teams,
    boolean archived,
    String createdAt,
    String updatedAt) {
  public PortalOwner {
    Objects.requireNonNull(id, "id is null");
    teams = List.copyOf(teams);
  }
}
