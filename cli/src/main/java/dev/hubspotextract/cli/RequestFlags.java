package dev.hubspotextract.cli;

import dev.hubspotextract.client.DataSensitivity;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.extract.AssociationSelection;
import dev.hubspotextract.extract.ExtractException;
import dev.hubspotextract.extract.ObjectCatalog;
import dev.hubspotextract.extract.PullRequest;
import dev.hubspotextract.extract.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code pull} flags that say what to pull, as typed, checked in one step and turned into a
 * {@link PullRequest}. Every message names the flag and how to fix it; what only HubSpot can say
 * (whether a custom object or a property exists) is left to planning.
 *
 * @param objects {@code --objects} / {@code --object_list}, once per time it was given
 * @param associations {@code --associations} (null when absent)
 * @param objectType the original connector's {@code --object_type} (null when absent)
 * @param toObjectType its {@code --to_object_type}
 * @param associationIds its {@code --association_id_list} (null when absent)
 * @param count {@code --count} (null when absent)
 * @param properties {@code --properties} (null when absent)
 * @param history {@code --history} (null when absent)
 */
record RequestFlags(
    List<String> objects,
    String associations,
    String objectType,
    String toObjectType,
    String associationIds,
    Long count,
    String properties,
    boolean sensitive,
    boolean highlySensitive,
    Path out,
    int cursors,
    boolean searchWalk,
    String history) {
  RequestFlags {
    objects = List.copyOf(objects);
  }

  PullRequest toRequest() {
    List<String> objectNames = new ArrayList<>();
    for (String typed : objects) {
      objectNames.addAll(
          named(
              "--objects",
              typed,
              "object names, e.g. --objects contacts,deals, or leave it out for the 13 standard"
                  + " objects"));
    }
    List<String> propertyNames =
        properties == null
            ? List.of()
            : named(
                "--properties",
                properties,
                "property names, e.g. --properties firstname,email, or leave it out for every"
                    + " property");
    List<String> ids =
        associationIds == null
            ? List.of()
            : named(
                "--association_id_list",
                associationIds,
                "record ids, e.g. --association_id_list 101,102, or leave it out for every"
                    + " --object_type record");
    if (count != null && count < 1) {
      throw usage("--count must be at least 1, got " + count);
    }
    if (cursors < 1 || cursors > ReadOptions.MAX_CURSORS) {
      throw usage(
          "--cursors must be between 1 and " + ReadOptions.MAX_CURSORS + ", got " + cursors);
    }
    objectNames.forEach(name -> rejectTypo("--objects / --object_list", name));
    AssociationSelection selection = selection(ids);
    Set<DataSensitivity> levels = EnumSet.noneOf(DataSensitivity.class);
    if (sensitive) {
      levels.add(DataSensitivity.SENSITIVE);
    }
    if (highlySensitive) {
      levels.add(DataSensitivity.HIGHLY_SENSITIVE);
    }
    return new PullRequest(
        objectNames,
        selection,
        propertyNames,
        count == null ? OptionalLong.empty() : OptionalLong.of(count),
        out,
        levels,
        new ReadOptions(cursors, searchWalk),
        historyProperties());
  }

  /**
   * {@code --history}: split on commas (and spaces, semicolons) but not on dots, which join an
   * object to its property ({@code deals.dealstage}).
   */
  private List<String> historyProperties() {
    if (history == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : history.split("[,;\\s]+")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    if (items.isEmpty()) {
      throw usage(
          "--history '"
              + history
              + "' names nothing: give property names, e.g. --history dealstage,deals.amount, or"
              + " all for every property pulled, or leave it out for no history");
    }
    for (String item : items) {
      int dot = item.indexOf('.');
      if (dot == 0 || dot == item.length() - 1 || item.indexOf('.', dot + 1) >= 0) {
        throw usage(
            "--history takes property names, or object.property (e.g. deals.dealstage); got '"
                + item
                + "'");
      }
      if (dot > 0) {
        rejectTypo("--history", item.substring(0, dot));
      }
    }
    return items;
  }

  /**
   * The association files: the original connector's {@code --object_type} pair first, then those of
   * {@code --associations}; the default pairs when neither is given.
   */
  private AssociationSelection selection(List<String> ids) {
    if ((objectType == null) != (toObjectType == null)) {
      throw usage(
          "--object_type and --to_object_type go together: give both (e.g. --object_type deals"
              + " --to_object_type companies) or neither");
    }
    if (!ids.isEmpty() && objectType == null) {
      throw usage(
          "--association_id_list needs --object_type and --to_object_type to say which"
              + " associations of those ids to read");
    }
    for (String id : ids) {
      if (!AssociationSelection.Pair.isRecordId(id)) {
        throw usage("--association_id_list takes record ids (digits), got '" + id + "'");
      }
    }
    List<AssociationSelection.Pair> pairs = new ArrayList<>();
    if (objectType != null) {
      rejectTypo("--object_type", objectType);
      rejectTypo("--to_object_type", toObjectType);
      pairs.add(new AssociationSelection.Pair(objectType, toObjectType, ids));
    }
    boolean none = associations != null && associations.equalsIgnoreCase("none");
    if (associations != null && !none) {
      for (String typed : associations.split(",")) {
        String pair = typed.trim();
        if (!pair.matches("[^:\\s]+:[^:\\s]+")) {
          throw usage(
              "--associations takes from:to pairs separated by commas (e.g. deals:companies) or"
                  + " none; got '"
                  + pair
                  + "'");
        }
        String[] sides = pair.split(":");
        rejectTypo("--associations", sides[0]);
        rejectTypo("--associations", sides[1]);
        pairs.add(new AssociationSelection.Pair(sides[0], sides[1], List.of()));
      }
    }
    if (!pairs.isEmpty()) {
      return new AssociationSelection.Listed(pairs);
    }
    return none ? new AssociationSelection.None() : new AssociationSelection.Defaults();
  }

  /**
   * Splits a typed list on commas, dots (the original default's "notes.tasks"), semicolons, spaces.
   */
  static List<String> splitList(String typed) {
    List<String> items = new ArrayList<>();
    for (String item : typed.split("[,.;\\s]+")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  /**
   * The items of a list option, which must name something: an empty one ({@code ''}, {@code ,,,})
   * is a slip, never a quiet "everything".
   */
  private static List<String> named(String flag, String typed, String expected) {
    List<String> items = splitList(typed);
    if (items.isEmpty()) {
      throw usage(flag + " '" + typed + "' names nothing: give " + expected);
    }
    return items;
  }

  /** A mistyped standard name fails here, before the custom-object lookup costs a request. */
  private static void rejectTypo(String flag, String name) {
    ObjectCatalog.likelyTypoOf(name)
        .ifPresent(
            standard -> {
              throw usage(
                  flag
                      + ": unknown object '"
                      + name
                      + "': did you mean "
                      + standard
                      + "? Valid names: "
                      + ObjectCatalog.standardOnly().validNames()
                      + " (singular or plural, any case), a custom object's name or type id"
                      + " (2-…), or all");
            });
  }

  private static ExtractException usage(String message) {
    return new ExtractException(FailureCategory.USAGE, message);
  }
}
