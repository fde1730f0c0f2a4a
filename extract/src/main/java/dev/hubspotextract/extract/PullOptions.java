package dev.hubspotextract.extract;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the user asked for, as typed, before anything is resolved against the portal.
 *
 * @param objects object names as typed (empty: the 13 standard objects; "all": standard and custom)
 * @param associations null for the default pairs, "none", or {@code from:to[,from:to…]}
 * @param properties property names to keep (empty: every property)
 * @param maxRecords at most this many records per object
 * @param objectType the original connector's {@code --object_type} (null when absent)
 * @param toObjectType the original connector's {@code --to_object_type}
 * @param associationIds the original connector's {@code --association_id_list}
 */
public record PullOptions(
    List<String> objects,
    String associations,
    List<String> properties,
    long maxRecords,
    Path outDir,
    String objectType,
    String toObjectType,
    List<String> associationIds) {
  public PullOptions {
    objects = List.copyOf(objects);
    properties = List.copyOf(properties);
    associationIds = List.copyOf(associationIds);
    Objects.requireNonNull(outDir, "outDir is null");
  }
}
