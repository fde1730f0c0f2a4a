package dev.hubspotextract.client;

import java.util.List;
import java.util.Objects;

/**
 * One owner as {@code GET /crm/v3/owners} lists it; every field but the id as HubSpot sent it, or
 * null when it sent none.
 *
 * @param id digits, checked
 * @param userId null for a queue and for an owner whose user was deactivated
 * @param teams the names of the owner's teams, in HubSpot's order
 * @param archived whether the owner is archived (a deactivated user's)
 */
public record Owner(
    String id,
    String email,
    String firstName,
    String lastName,
    Long userId,
    Long userIdIncludingInactive,
    String type,
    List<String> teams,
    boolean archived,
    String createdAt,
    String updatedAt) {
  public Owner {
    Objects.requireNonNull(id, "id is null");
    teams = List.copyOf(teams);
  }
}
