package dev.hubspotextract.extract;

import dev.hubspotextract.client.HistoriesApi;
import dev.hubspotextract.client.RecordFetch;
import dev.hubspotextract.client.UserText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * @param histories the property histories to write, in the objects' order
 */
public record Plan(
    String source,
    Path outDir,
    List<PlannedObject> objects,
    List<AssociationPair> pairs,
    OptionalLong recordLimit,
    List<TaskFailure> failedObjects,
    List<PlannedHistory> histories) {
  /** A plan that writes no property history. */
  public Plan(
      String source,
      Path outDir,
      List<PlannedObject> objects,
      List<AssociationPair> pairs,
      OptionalLong recordLimit,
      List<TaskFailure> failedObjects) {
    this(source, outDir, objects, pairs, recordLimit, failedObjects, List.of());
  }

  public Plan {
    histories = List.copyOf(histories);
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
   * record limit, the property histories): a resumed run must have the same one. Never includes the
   * token, nor the read modes' readers: a run resumed with other cursors writes the same files.
   * Their {@link ReadMode#fetch} is in, though it follows from the columns.
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
    // only when asked for: a pull without history stopped by an earlier version resumes
    for (PlannedHistory history : histories) {
      text.append("\nhistory ")
          .append(history.type().apiName())
          .append(' ')
          .append(String.join(",", history.properties()));
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

  /** Names as the plan shows them: the first 8, and how many more. */
  private static String shortList(List<String> names) {
    return names.size() <= 8
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, 8)) + ", … (" + (names.size() - 8) + " more)";
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
              shortList(names)));
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
    if (!histories.isEmpty()) {
      text.append("property history (").append(histories.size()).append("):\n");
    }
    for (PlannedHistory history : histories) {
      int requests = history.requestsPerBatch();
      text.append("  ")
          .append(history.type().name())
          .append(": ")
          .append(shortList(history.properties()))
          .append("  → ")
          .append(destination.apply(history.name()))
          .append('\n')
          .append("      read: once its file is written, ")
          .append(requests)
          .append(requests == 1 ? " request" : " requests")
          .append(" per ")
          .append(HistoriesApi.MAX_INPUTS)
          .append(" records (batch reads")
          .append(
              requests == 1
                  ? ""
                  : ", its " + history.properties().size() + " properties in " + requests)
          .append(")\n");
    }
    Map<ReferenceTable, String> references = ReferenceTables.cost(this);
    text.append("reference tables (").append(references.size()).append("):\n");
    references.forEach(
        (table, cost) ->
            text.append(
                String.format(
                    Locale.ROOT,
                    "  %-22s → %s%n      %s%n",
                    table.tableName(),
                    destination.apply(table.tableName()),
                    cost)));
    return text.toString();
  }
}
