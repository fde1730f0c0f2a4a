package dev.hubspotextract.analyze;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.ReferenceTable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What keeps a reference table from giving labels, said so that the user can fix it: the pull's
 * token lacked its scope (add it, pull again), the pull failed it or did not write it (pull again),
 * or it lacks a column the labels read; or what keeps it from giving one object's labels: it was
 * written without that object's pipelines (a scope to add, or a failure: pull again).
 */
final class LabelGaps {
  private LabelGaps() {}

  /**
   * The gaps among {@code needed}, in the order of {@link ReferenceTable}: for a folder with no
   * reference table at all (pulled by an earlier version, which wrote none), one for them all.
   */
  static List<LabelGap> of(PulledDatabase db, Set<ReferenceTable> needed) {
    PulledFolder folder = db.folder();
    PullHint pull = pullOf(folder);
    if (!folder.hasReferenceTables() && !needed.isEmpty()) {
      String names =
          Arrays.stream(ReferenceTable.values())
              .map(ReferenceTable::tableName)
              .collect(Collectors.joining(", "));
      String wrote =
          Files.isRegularFile(folder.manifestPath())
              ? " was pulled by an earlier version, which wrote no reference tables ("
              : " has no manifest.json and no reference tables (";
      return List.of(
          new LabelGap(
              List.copyOf(needed),
              FailureCategory.USAGE,
              UserText.of(
                  "no labels: "
                      + folder.dir()
                      + wrote
                      + names
                      + "), so each label is its value: "
                      + pull.words()
                      + " to have them"),
              Optional.of(pull)));
    }
    List<LabelGap> gaps = new ArrayList<>();
    for (ReferenceTable table : ReferenceTable.values()) {
      if (needed.contains(table)) {
        of(db, table, pull).ifPresent(gaps::add);
      }
    }
    return gaps;
  }

  /**
   * The labels missing for some objects alone, in the order of {@link ReferenceTable}, then of
   * {@code neededBy}'s objects: a reference table written without their rows (their pipelines
   * refused for a scope, or failed), for each object of {@code neededBy} (table → the objects whose
   * columns need it) it lacks. A table missing whole is {@link #of(PulledDatabase, Set)}'s.
   */
  static List<LabelGap> ofObjectsLeftOut(
      PulledDatabase db, Map<ReferenceTable, Set<String>> neededBy) {
    PulledFolder folder = db.folder();
    PullHint pull = pullOf(folder);
    List<LabelGap> gaps = new ArrayList<>();
    for (ReferenceTable reference : ReferenceTable.values()) {
      Optional<PulledTable> listed = folder.reference(reference);
      if (listed.isEmpty() || of(db, reference, pull).isPresent()) {
        continue;
      }
      for (String object : neededBy.getOrDefault(reference, Set.of())) {
        Optional<Manifest.ReferenceEntry.LeftOut> left = listed.get().leftOut(object);
        if (left.isEmpty()) {
          continue;
        }
        String lead =
            what(reference) + " for " + object + ": " + where(folder, reference) + " was pulled";
        gaps.add(
            left.get().missingScope() != null
                ? new LabelGap(
                    List.of(reference),
                    FailureCategory.PERMISSION,
                    UserText.of(
                        lead
                            + " without them: the access token lacks the scope "
                            + left.get().missingScope()
                            + ". Add it to the private app's scopes in HubSpot, then "
                            + pull.words()),
                    Optional.of(pull))
                : new LabelGap(
                    List.of(reference),
                    FailureCategory.USAGE,
                    UserText.of(
                        lead
                            + " without them, as reading them failed (see failures in"
                            + " manifest.json), so each label is its value: "
                            + pull.words()),
                    Optional.of(pull)));
      }
    }
    return gaps;
  }

  /** Where a reference table is, as a message names it. */
  private static String where(PulledFolder folder, ReferenceTable reference) {
    return folder.format() == OutputFormat.DUCKDB
        ? "the table " + reference.tableName() + " of " + folder.dir()
        : folder.dir().resolve(folder.format().fileFor(reference.tableName())).toString();
  }

  private static Optional<LabelGap> of(PulledDatabase db, ReferenceTable reference, PullHint pull) {
    PulledFolder folder = db.folder();
    Optional<PulledTable> listed = folder.reference(reference);
    String lead = what(reference) + ": " + where(folder, reference);
    if (listed.isPresent() && listed.get().scopeLacked().isPresent()) {
      return Optional.of(
          new LabelGap(
              List.of(reference),
              FailureCategory.PERMISSION,
              UserText.of(
                  lead
                      + " was not pulled: the access token lacks the scope "
                      + listed.get().scopeLacked().get()
                      + ". Add it to the private app's scopes in HubSpot, then "
                      + pull.words()),
              Optional.of(pull)));
    }
    String why;
    if (listed.isEmpty()) {
      why = " is not in the folder";
    } else if (!db.has(listed.get())) {
      why =
          listed.get().failed()
              ? " failed in the pull that wrote the folder (see failures in manifest.json)"
              : " is missing, though manifest.json lists it";
    } else {
      List<String> missing = LabelLookups.missingColumns(db, listed.get(), reference);
      if (missing.isEmpty()) {
        return Optional.empty();
      }
      why = " has no column " + String.join(", ", missing);
    }
    return Optional.of(
        new LabelGap(
            List.of(reference),
            FailureCategory.USAGE,
            UserText.of(lead + why + ", so each label is its value: " + pull.words()),
            Optional.of(pull)));
  }

  /** What labels a reference table gives, as a message says it. */
  private static String what(ReferenceTable reference) {
    return switch (reference) {
      case OWNERS -> "no owner names";
      case PIPELINES -> "no pipeline labels";
      case PIPELINE_STAGES -> "no stage labels";
      case PROPERTIES -> "no option labels (properties tell which columns are enumerations)";
      case PROPERTY_OPTIONS -> "no option labels";
    };
  }

  /** The pull that writes the folder again, with its objects. */
  private static PullHint pullOf(PulledFolder folder) {
    List<String> objects =
        folder.tables().stream().filter(PulledTable::object).map(PulledTable::name).toList();
    return new PullHint(folder.dir(), objects, List.of(), folder.format());
  }
}
