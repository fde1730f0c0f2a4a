package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The changes to make to one object's records at once (see {@link Portal#apply}): how many records
 * to create, update, bulk-update at one millisecond, archive, delete for good, merge into others
 * and relink, whether relinking bumps the modified date, and a property to add. Start from {@link
 * #of} and set what is wanted:
 *
 * <pre>{@code
 * ChangeSet.of("contacts").create(300).update(1500).bulkUpdate(12000).archive(100).delete(20)
 *     .relink(200).relinkTouchesModified(false).newProperty("favourite_colour")
 * }</pre>
 *
 * @param relink records whose links to one of the types they associate with are edited: one link
 *     removed (when there is one) and one to another live record added
 * @param newProperty a property to add to the object, or {@code null}
 */
public record ChangeSet(
    String object,
    int create,
    int update,
    int bulkUpdate,
    int archive,
    int delete,
    int merge,
    int relink,
    boolean relinkTouchesModified,
    String newProperty) {
  /** The most records one kind of change may touch in one set. */
  public static final int MAX_COUNT = 1_000_000;

  /** HubSpot's rule for a property's internal name. */
  private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  /** The fields of the JSON form, in the order the README shows them. */
  private static final List<String> FIELDS =
      List.of(
          "object",
          "create",
          "update",
          "bulkUpdate",
          "archive",
          "delete",
          "merge",
          "relink",
          "relinkTouchesModified",
          "newProperty");

  /**
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public ChangeSet {
    if (object == null || object.isBlank()) {
      throw new IllegalArgumentException("object is required: name an object type like contacts");
    }
    checkCount("create", create);
    checkCount("update", update);
    checkCount("bulkUpdate", bulkUpdate);
    checkCount("archive", archive);
    checkCount("delete", delete);
    checkCount("merge", merge);
    checkCount("relink", relink);
    if (newProperty != null && !PROPERTY_NAME.matcher(newProperty).matches()) {
      throw new IllegalArgumentException(
          "newProperty '"
              + newProperty
              + "' is not a property name: lowercase letters, digits and _, starting with a letter,"
              + " at most 100");
    }
  }

  private static void checkCount(String field, int count) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          field + " must be between 0 and " + MAX_COUNT + ", got " + count);
    }
  }

  /** A change set for one object type (by name or type id) that changes nothing yet. */
  public static ChangeSet of(String object) {
    return new ChangeSet(object, 0, 0, 0, 0, 0, 0, 0, false, null);
  }

  public ChangeSet create(int count) {
    return new ChangeSet(
        object,
        count,
        update,
        bulkUpdate,
        archive,
        delete,
        merge,
        relink,
        relinkTouchesModified,
        newProperty);
  }

  public ChangeSet update(int count) {
    return new ChangeSet(
        object,
        create,
        count,
        bulkUpdate,
        archive,
        delete,
        merge,
        relink,
        relinkTouchesModified,
        newProperty);
  }

  public ChangeSet bulkUpdate(int count) {
    return new ChangeSet(
        object,
        create,
        update,
        count,
        archive,
        delete,
        merge,
        relink,
        relinkTouchesModified,
        newProperty);
  }

  public ChangeSet archive(int count) {
    return new ChangeSet(
        object,
        create,
        update,
        bulkUpdate,
        count,
        delete,
        merge,
        relink,
        relinkTouchesModified,
        newProperty);
  }

  public ChangeSet delete(int count) {
    return new ChangeSet(
        object,
        create,
        update,
        bulkUpdate,
        archive,
        count,
        merge,
        relink,
        relinkTouchesModified,
        newProperty);
  }

  /**
   * Records merged, each into another live record, as HubSpot's merge does: the merged record is
   * gone from the lists and search, while GET and batch read of its id answer with the record it
   * was merged into, under that record's id.
   */
  public ChangeSet merge(int count) {
    return new ChangeSet(
        object,
        create,
        update,
        bulkUpdate,
        archive,
        delete,
        count,
        relink,
        relinkTouchesModified,
        newProperty);
  }

  public ChangeSet relink(int count) {
    return new ChangeSet(
        object,
        create,
        update,
        bulkUpdate,
        archive,
        delete,
        merge,
        count,
        relinkTouchesModified,
        newProperty);
  }

  public ChangeSet relinkTouchesModified(boolean touches) {
    return new ChangeSet(
        object, create, update, bulkUpdate, archive, delete, merge, relink, touches, newProperty);
  }

  public ChangeSet newProperty(String name) {
    return new ChangeSet(
        object,
        create,
        update,
        bulkUpdate,
        archive,
        delete,
        merge,
        relink,
        relinkTouchesModified,
        name);
  }

  /**
   * Existing records the set changes, each picked once: updated, archived, deleted, merged (two a
   * merge: the one merged and the one it is merged into) or relinked.
   */
  int existingRecords() {
    return update + bulkUpdate + archive + delete + 2 * merge + relink;
  }

  /**
   * The change sets of a JSON body: one object, or an array of them.
   *
   * @throws IllegalArgumentException naming the field that is wrong ({@code [1].update} in an
   *     array)
   */
  static List<ChangeSet> parse(JsonNode body) {
    if (body.isObject()) {
      return List.of(parseOne(body, ""));
    }
    if (!body.isArray() || body.isEmpty()) {
      throw new IllegalArgumentException(
          "send one change set, {\"object\":\"contacts\",\"update\":10}, or a non-empty array of"
              + " them");
    }
    List<ChangeSet> sets = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      String where = "[" + i + "].";
      if (!body.get(i).isObject()) {
        throw new IllegalArgumentException(
            where.substring(0, where.length() - 1) + " is not an object");
      }
      sets.add(parseOne(body.get(i), where));
    }
    return sets;
  }

  private static ChangeSet parseOne(JsonNode node, String where) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            where + field + " is not a field of a change set: use " + String.join(", ", FIELDS));
      }
    }
    JsonNode object = node.path("object");
    if (!object.isTextual()) {
      throw new IllegalArgumentException(
          where + "object is required: name an object type like \"contacts\"");
    }
    int create = count(node, where, "create");
    int update = count(node, where, "update");
    int bulkUpdate = count(node, where, "bulkUpdate");
    int archive = count(node, where, "archive");
    int delete = count(node, where, "delete");
    int merge = count(node, where, "merge");
    int relink = count(node, where, "relink");
    boolean touches = flag(node, where, "relinkTouchesModified");
    String newProperty = name(node, where, "newProperty");
    try {
      return new ChangeSet(
          object.asText(),
          create,
          update,
          bulkUpdate,
          archive,
          delete,
          merge,
          relink,
          touches,
          newProperty);
    } catch (IllegalArgumentException e) {
      throw where.isEmpty() ? e : new IllegalArgumentException(where + e.getMessage(), e);
    }
  }

  private static int count(JsonNode node, String where, String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode()) {
      return 0;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new IllegalArgumentException(
          where + field + " must be a whole number of records, got " + value);
    }
    return value.intValue();
  }

  private static boolean flag(JsonNode node, String where, String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(where + field + " must be true or false, got " + value);
    }
    return value.booleanValue();
  }

  private static String name(JsonNode node, String where, String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          where + field + " must be a property name in quotes, got " + value);
    }
    return value.asText();
  }
}
