package dev.hubspotextract.extract;

import dev.hubspotextract.client.DataSensitivity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the user asked a pull for, checked but not yet resolved against the portal: names are as
 * typed, since only HubSpot can say which custom objects and properties exist.
 *
 * @param objects object names (empty: the 13 standard objects; {@code all}: standard and custom)
 * @param associations which association files to write
 * @param properties property names to keep (empty: every property)
 * @param recordLimit at most this many records per object (empty: every record)
 * @param sensitivity the sensitive levels pulled besides the non-sensitive properties
 * @param reads how large objects are read
 * @param history the properties whose history of values to write, as typed: {@code dealstage} (of
 *     every object pulled that has it), {@code deals.dealstage} (of one object), {@code all} (every
 *     property pulled); empty: none
 */
public record PullRequest(
    List<String> objects,
    AssociationSelection associations,
    List<String> properties,
    OptionalLong recordLimit,
    Path outDir,
    Set<DataSensitivity> sensitivity,
    ReadOptions reads,
    List<String> history) {
  public PullRequest {
    objects = List.copyOf(objects);
    Objects.requireNonNull(associations, "associations is null");
    properties = List.copyOf(properties);
    Objects.requireNonNull(recordLimit, "recordLimit is null");
    recordLimit.ifPresent(
        limit -> {
          if (limit < 1) {
            throw new IllegalArgumentException("the record limit must be at least 1, got " + limit);
          }
        });
    Objects.requireNonNull(outDir, "outDir is null");
    sensitivity = Set.copyOf(sensitivity);
    Objects.requireNonNull(reads, "reads is null");
    history = List.copyOf(history);
  }

  /** A request for no property history. */
  public PullRequest(
      List<String> objects,
      AssociationSelection associations,
      List<String> properties,
      OptionalLong recordLimit,
      Path outDir,
      Set<DataSensitivity> sensitivity,
      ReadOptions reads) {
    this(objects, associations, properties, recordLimit, outDir, sensitivity, reads, List.of());
  }

  /** The same request into the folder the pull prepared (the typed one, made absolute). */
  public PullRequest withOutDir(Path dir) {
    return new PullRequest(
        objects, associations, properties, recordLimit, dir, sensitivity, reads, history);
  }

  /** The same request with the history of these properties ({@link #history}'s forms). */
  public PullRequest withHistory(List<String> properties) {
    return new PullRequest(
        objects,
        associations,
        this.properties,
        recordLimit,
        outDir,
        sensitivity,
        reads,
        properties);
  }
}
