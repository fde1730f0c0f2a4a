package dev.hubspotextract.connect;

import dev.hubspotextract.extract.AssociationPair;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.PlannedHistory;
import dev.hubspotextract.extract.ReferenceTable;
import java.util.Objects;

/**
 * The topics of one connector: {@code {prefix}.} and the engine's output names, so a topic is named
 * as the CLI's file of the same table ({@code hubspot.deals}, {@code hubspot.deals_contacts},
 * {@code hubspot.owners}, {@code hubspot.deals_property_history}).
 */
record TopicNames(String prefix) {
  TopicNames {
    Objects.requireNonNull(prefix, "prefix is null");
  }

  String object(ObjectType type) {
    return prefix + "." + type.name();
  }

  String pair(AssociationPair pair) {
    return prefix + "." + pair.name();
  }

  String reference(ReferenceTable table) {
    return prefix + "." + table.tableName();
  }

  String history(PlannedHistory history) {
    return prefix + "." + history.name();
  }
}
