package dev.hubspotextract.connect;

import dev.hubspotextract.client.AssociationRow;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HistoriesApi;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.HubSpotRecord;
import dev.hubspotextract.client.PropertyDefinition;
import dev.hubspotextract.client.ServerText;
import dev.hubspotextract.extract.FixedColumn;
import dev.hubspotextract.extract.PlannedObject;
import dev.hubspotextract.extract.RecordIds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HubSpot's values as the values of {@link RecordSchemas}' schemas: ids as numbers, properties as
 * their HubSpot type says ({@code bool}, {@code number}, {@code datetime} in ISO-8601 or epoch
 * milliseconds, {@code date}), the others as sent. A value that does not parse as its type is sent
 * as null, with one warning per property that gives its length, never its text (the portal's data);
 * an id that is not a number fails the page, quoting an excerpt of what came.
 */
final class ValueParsing {
  private static final Logger LOG = LoggerFactory.getLogger(ValueParsing.class);

  /** The most of the server's text an exception message quotes. */
  private static final int EXCERPT = 40;

  /** HubSpot's types that map to a typed field; every other type is text. */
  private static final Set<String> TYPED = Set.of("bool", "number", "datetime", "date");

  private static final String FROM_ID = FixedColumn.FROM_ID.name();
  private static final String TO_ID = FixedColumn.TO_ID.name();
  private static final String TYPE_ID = FixedColumn.ASSOCIATION_TYPE_ID.name();

  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  // ---- objects ---------------------------------------------------------------------------------

  /**
   * A record as the value {@code schema} (its object's {@link #objectValue}) describes it; column
   * {@code i} of the record's values is the plan's property {@code i}.
   */
  Struct objectValue(Schema schema, PlannedObject object, HubSpotRecord record) {
    String name = object.type().name();
    Struct value =
        new Struct(schema)
            .put("id", RecordIds.parse(record.id()))
            .put("createdAt", timestamp(record.createdAt(), name, "createdAt"))
            .put("updatedAt", timestamp(record.updatedAt(), name, "updatedAt"))
            .put("archived", record.archived());
    List<PropertyDefinition> properties = object.properties();
    for (int i = 0; i < properties.size(); i++) {
      PropertyDefinition property = properties.get(i);
      value.put(
          property.name(),
          convert(property.type(), record.properties().valueAt(i), name, property.name()));
    }
    return value;
  }

  private Object convert(String type, String text, String object, String property) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.isEmpty() && TYPED.contains(type)) {
      return null; // HubSpot's "no value" of a typed property; text keeps its "" as sent
    }
    try {
      return switch (type == null ? "" : type) {
        case "bool" -> bool(trimmed);
        case "number" -> Double.parseDouble(trimmed);
        case "datetime" -> instant(trimmed);
        case "date" -> date(trimmed);
        default -> text;
      };
    } catch (IllegalArgumentException | DateTimeParseException e) {
      warnOnce(object, property, type, text);
      return null;
    }
  }

  private java.util.Date timestamp(String text, String object, String field) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return instant(text.trim());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      warnOnce(object, field, "datetime", text);
      return null;
    }
  }

  private void warnOnce(String object, String property, String type, String text) {
    if (warned.add(object + "." + property)) {
      // the value itself stays out of the log: it is the portal's data, and the server's text
      LOG.warn(
          "{} property {} has a value that is not a {} ({} characters): sent as null; further"
              + " such values of it are sent as null without a word",
          object,
          property,
          type,
          text.length());
    }
  }

  private static Boolean bool(String text) {
    if (text.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (text.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("not a bool: " + text);
  }

  /** A time as HubSpot writes one: ISO-8601, epoch milliseconds, or a bare date (its midnight). */
  static java.util.Date instant(String text) {
    if (isDigits(text)) {
      return new java.util.Date(Long.parseLong(text));
    }
    if (text.length() == 10) {
      return new java.util.Date(
          LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    }
    try {
      return java.util.Date.from(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return java.util.Date.from(OffsetDateTime.parse(text).toInstant());
    }
  }

  /** A date as HubSpot writes one ({@code 2024-05-01}, or its midnight UTC in milliseconds). */
  static java.util.Date date(String text) {
    LocalDate day =
        isDigits(text)
            ? Instant.ofEpochMilli(Long.parseLong(text)).atZone(ZoneOffset.UTC).toLocalDate()
            : text.length() > 10 && text.charAt(10) == 'T'
                ? instant(text).toInstant().atZone(ZoneOffset.UTC).toLocalDate()
                : LocalDate.parse(text);
    return new java.util.Date(day.toEpochDay() * 86_400_000L);
  }

  private static boolean isDigits(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  // ---- association pairs -----------------------------------------------------------------------

  static Struct pairKey(Schema schema, AssociationRow row) {
    return new Struct(schema)
        .put(FROM_ID, RecordIds.parse(row.fromId()))
        .put(TO_ID, RecordIds.parse(row.toId()))
        .put(TYPE_ID, typeId(row.typeId()));
  }

  /** A pair's key from its fields' text, as {@link RecordSchemas#keyText} gives them back. */
  static Struct pairKey(Schema schema, List<String> text) {
    return new Struct(schema)
        .put(FROM_ID, RecordIds.parse(text.get(0)))
        .put(TO_ID, RecordIds.parse(text.get(1)))
        .put(TYPE_ID, typeId(text.get(2)));
  }

  static Struct pairValue(Schema schema, AssociationRow row) {
    return new Struct(schema)
        .put(FROM_ID, RecordIds.parse(row.fromId()))
        .put(TO_ID, RecordIds.parse(row.toId()))
        .put(TYPE_ID, typeId(row.typeId()))
        .put("category", row.category())
        .put("label", row.label());
  }

  private static int typeId(String typeId) {
    try {
      return Integer.parseInt(typeId.trim());
    } catch (NumberFormatException e) {
      throw new HubSpotException(
          FailureCategory.EXTERNAL,
          "HubSpot sent an association type id that is not a number: "
              + ServerText.excerpt(typeId, EXCERPT),
          e);
    }
  }

  // ---- property histories ----------------------------------------------------------------------

  /**
   * One change's key and value, or null when its time does not parse (warned once per object): the
   * time is part of the key.
   */
  Struct[] history(Schema key, Schema value, String object, HistoriesApi.Change change) {
    java.util.Date at;
    try {
      at = instant(change.timestamp().trim());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      warnOnce(object + "_property_history", "timestamp", "datetime", change.timestamp());
      return null;
    }
    long id = RecordIds.parse(change.id());
    Long user = null;
    if (change.updatedByUserId() != null && isDigits(change.updatedByUserId().trim())) {
      user = Long.parseLong(change.updatedByUserId().trim());
    }
    return new Struct[] {
      new Struct(key).put("id", id).put("property", change.property()).put("timestamp", at),
      new Struct(value)
          .put("id", id)
          .put("property", change.property())
          .put("value", change.value())
          .put("timestamp", at)
          .put("sourceType", change.sourceType())
          .put("sourceId", change.sourceId())
          .put("sourceLabel", change.sourceLabel())
          .put("updatedByUserId", user)
    };
  }
}
