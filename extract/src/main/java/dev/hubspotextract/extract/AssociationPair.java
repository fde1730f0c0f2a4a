package dev.hubspotextract.extract;

import java.util.List;
import java.util.Objects;

/**
 * An association file to write: every link from records of {@code from} to records of {@code to}.
 *
 * @param fromIds only these records (the original connector's {@code --association_id_list}); empty
 *     means every record of {@code from}
 */
public record AssociationPair(ObjectType from, ObjectType to, List<String> fromIds) {
  public AssociationPair {
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    fromIds = List.copyOf(fromIds);
  }

  public String name() {
    return FolderLayout.pairTable(from.name(), to.name());
  }
}
