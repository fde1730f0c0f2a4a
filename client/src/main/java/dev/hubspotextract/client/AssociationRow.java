package dev.hubspotextract.client;

import java.util.Objects;

/** One link of one association type between two records; {@code label} may be null. */
public record AssociationRow(
    String fromId, String toId, String typeId, String category, String label) {
  public AssociationRow {
    Objects.requireNonNull(fromId, "fromId is null");
    Objects.requireNonNull(toId, "toId is null");
    Objects.requireNonNull(typeId, "typeId is null");
  }
}
