package dev.hubspotextract.extract;

import dev.hubspotextract.client.RecordFetch;
import dev.hubspotextract.client.UserText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a pull will do, decided before any record is read: objects with their columns and how each
 * is read, association files, the record limit and the output folder. Objects whose properties
 * could not be read are listed as failed already.
 *
 * @param recordLimit at most this many records per object (empty: every record)
 */
public record Plan(
    String source,
    Path outDir,
    List<PlannedObject> objects,
    List<AssociationPair> pairs,
    OptionalLong recordLimit,
    List<TaskFailure> failedObjects) {
  public Plan {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(outDir, "outDir is null");
    objects = List.copyOf(objects);
    pairs = List.copyOf(pairs);
    failedObjects = List.copyOf(failedObjects);
    Objects.requireNonNull(recordLimit, "recordLimit is null");
    if (recordLimit.isPresent() && recordLimit.getAsLong() < 1) {
      throw new IllegalArgumentException("recordLimit must be at least 1, got " + recordLimit);
    }
  }

  /**
   * A digest of everything that decides the files' content (source, objects, columns, pairs, the
   * record limit): a resumed run must have the same one. Never includes the token, nor the read
   * modes' readers: a run resumed with other cursors writes the same files. Their {@link
   * ReadMode#fetch} is in, though it follows from the columns.
   */
  public String fingerprint() {
    // no limit is written as the count it used to travel as, Long.MAX_VALUE: a pull stopped
    // before resumes
    StringBuilder text =
        new StringBuilder("v1\n")
            .append(source)
            .append('\n')
            .append(recordLimit.orElse(Long.MAX_VALUE));
    for (PlannedObject object : objects) {
      text.append("\nobject ")
          .append(object.type().name())
          .append(' ')
          .append(object.type().apiName())
          .append(' ')
          // written as the batch-read flag it was: a pull stopped before resumes
          .append(object.readMode().fetch() == RecordFetch.LIST_IDS_THEN_BATCH_READ)
          .append(' ')
          .append(String.join(",", object.propertyNames()));
    }
    for (AssociationPair pair : pairs) {
      text.append("\npair ")
          .append(pair.from().apiName())
          .append(' ')
          .append(pair.to().apiName())
          .append(' ')
          .append(String.join(",", pair.fromIds()));
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The plan as people read it (printed by {@code --dry-run}), each table shown where {@code
   * destination} says the chosen format writes it, and why an object cannot be pulled as {@code
   * show} shows text that names settings.
   */
  public String describe(UnaryOperator<String> destination, Function<UserText, String> show) {
    StringBuilder text = new StringBuilder();
    text.append("source: ").append(source).append('\n');
    text.append("output: ").append(outDir.toAbsolutePath().normalize()).append('\n');
    text.append("records per object: ")
        .append(recordLimit.isPresent() ? String.valueOf(recordLimit.getAsLong()) : "all")
        .append('\n');
    text.append("objects (").append(objects.size()).append("):\n");
    for (PlannedObject object : objects) {
      List<String> names = object.propertyNames();
      text.append(
          String.format(
              Locale.ROOT,
              "  %-22s %-10s %5d properties  → %s%n      read: %s%n      %s%n",
              object.type().name(),
              object.type().objectTypeId(),
              names.size(),
              destination.apply(object.type().name()),
              object.readMode().describe(),
              names.size() <= 8
                  ? String.join(", ", names)
                  : String.join(", ", names.subList(0, 8))
                      + ", … ("
                      + (names.size() - 8)
                      + " more)"));
    }
    for (TaskFailure failure : failedObjects) {
      text.append("  ")
          .append(failure.subject())
          .append(": cannot be pulled: ")
          .append(show.apply(failure.text()))
          .append('\n');
    }
    text.append("association files (").append(pairs.size()).append("):\n");
    for (AssociationPair pair : pairs) {
      text.append("  ")
          .append(pair.from().name())
          .append(" → ")
          .append(pair.to().name())
          .append(pair.fromIds().isEmpty() ? "" : " (ids " + String.join(",", pair.fromIds()) + ")")
          .append("  → ")
          .append(destination.apply(pair.name()))
          .append('\n');
    }
    List<String> references = ReferenceTables.describe(this);
    text.append("reference tables (").append(references.size()).append("):\n");
    for (int i = 0; i < references.size(); i++) {
      String table = ReferenceTable.values()[i].tableName();
      text.append(
          String.format(
              Locale.ROOT,
              "  %-22s → %s%n      %s%n",
              table,
              destination.apply(table),
              references.get(i).substring(table.length() + 2)));
    }
    return text.toString();
  }
}
