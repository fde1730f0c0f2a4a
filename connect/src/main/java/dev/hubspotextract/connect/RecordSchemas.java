package dev.hubspotextract.connect;

import dev.hubspotextract.client.AssociationRow;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HistoriesApi;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.HubSpotRecord;
import dev.hubspotextract.client.PropertyDefinition;
import dev.hubspotextract.extract.AssociationPair;
import dev.hubspotextract.extract.PlannedHistory;
import dev.hubspotextract.extract.PlannedObject;
import dev.hubspotextract.extract.ReferenceTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connect schemas of every topic, and HubSpot's values converted to them: an object's value has
 * {@code id}, {@code createdAt}, {@code updatedAt}, {@code archived}, then each property ascending
 * by name, typed from HubSpot's type ({@code bool} BOOLEAN, {@code number} FLOAT64, {@code
 * datetime} Timestamp, {@code date} Date, anything else STRING), all optional. A value that does
 * not parse as its type is sent as null, with one warning per property.
 */
final class RecordSchemas {
  private static final Logger LOG = LoggerFactory.getLogger(RecordSchemas.class);

  static final Schema OBJECT_KEY = Schema.INT64_SCHEMA;

  /** The key fields of a pair topic, in order. */
  static final List<String> PAIR_KEY_FIELDS = List.of("from_id", "to_id", "association_type_id");

  /** The key fields of a property history topic, in order. */
  static final List<String> HISTORY_KEY_FIELDS = List.of("id", "property", "timestamp");

  /** HubSpot's types that map to a typed field; every other type is text. */
  private static final Set<String> TYPED = Set.of("bool", "number", "datetime", "date");

  private static final Schema OPTIONAL_TIMESTAMP = Timestamp.builder().optional().build();
  private static final Schema OPTIONAL_DATE = Date.builder().optional().build();

  private final TopicNames topics;
  private final Map<String, Schema> objectSchemas = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  RecordSchemas(TopicNames topics) {
    this.topics = Objects.requireNonNull(topics, "topics is null");
  }

  // ---- objects ---------------------------------------------------------------------------------

  /** The value schema of an object with the plan's properties (a new property: a new schema). */
  Schema objectValue(PlannedObject object) {
    String name = topics.object(object.type());
    StringBuilder signature = new StringBuilder(name);
    object
        .properties()
        .forEach(p -> signature.append('|').append(p.name()).append(':').append(p.type()));
    return objectSchemas.computeIfAbsent(
        signature.toString(),
        key -> {
          SchemaBuilder value =
              SchemaBuilder.struct()
                  .name(name)
                  .field("id", Schema.INT64_SCHEMA)
                  .field("createdAt", OPTIONAL_TIMESTAMP)
                  .field("updatedAt", OPTIONAL_TIMESTAMP)
                  .field("archived", Schema.BOOLEAN_SCHEMA);
          for (PropertyDefinition property : object.properties()) {
            value.field(property.name(), propertySchema(property.type()));
          }
          return value.build();
        });
  }

  /** The schema of a property of HubSpot type {@code type} (null: unknown, a string). */
  static Schema propertySchema(String type) {
    return switch (type == null ? "" : type) {
      case "bool" -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
      case "number" -> Schema.OPTIONAL_FLOAT64_SCHEMA;
      case "datetime" -> OPTIONAL_TIMESTAMP;
      case "date" -> OPTIONAL_DATE;
      default -> Schema.OPTIONAL_STRING_SCHEMA;
    };
  }

  /**
   * A record as the value {@code schema} (its object's {@link #objectValue}) describes it; column
   * {@code i} of the record's values is the plan's property {@code i}.
   */
  Struct objectValue(Schema schema, PlannedObject object, HubSpotRecord record) {
    String name = object.type().name();
    Struct value =
        new Struct(schema)
            .put("id", id(record.id()))
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

  /** A record id as a number: HubSpot's ids are strings of digits. */
  static long id(String id) {
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      throw new HubSpotException(
          FailureCategory.EXTERNAL, "HubSpot sent a record id that is not a number: " + id, e);
    }
  }

  // ---- association pairs -----------------------------------------------------------------------

  Schema pairKey(AssociationPair pair) {
    return SchemaBuilder.struct()
        .name(topics.pair(pair) + ".Key")
        .field("from_id", Schema.INT64_SCHEMA)
        .field("to_id", Schema.INT64_SCHEMA)
        .field("association_type_id", Schema.INT32_SCHEMA)
        .build();
  }

  Schema pairValue(AssociationPair pair) {
    return SchemaBuilder.struct()
        .name(topics.pair(pair))
        .field("from_id", Schema.INT64_SCHEMA)
        .field("to_id", Schema.INT64_SCHEMA)
        .field("association_type_id", Schema.INT32_SCHEMA)
        .field("category", Schema.OPTIONAL_STRING_SCHEMA)
        .field("label", Schema.OPTIONAL_STRING_SCHEMA)
        .build();
  }

  static Struct pairKey(Schema schema, AssociationRow row) {
    return new Struct(schema)
        .put("from_id", id(row.fromId()))
        .put("to_id", id(row.toId()))
        .put("association_type_id", typeId(row.typeId()));
  }

  static Struct pairValue(Schema schema, AssociationRow row) {
    return new Struct(schema)
        .put("from_id", id(row.fromId()))
        .put("to_id", id(row.toId()))
        .put("association_type_id", typeId(row.typeId()))
        .put("category", row.category())
        .put("label", row.label());
  }

  private static int typeId(String typeId) {
    try {
      return Integer.parseInt(typeId.trim());
    } catch (NumberFormatException e) {
      throw new HubSpotException(
          FailureCategory.EXTERNAL,
          "HubSpot sent an association type id that is not a number: " + typeId,
          e);
    }
  }

  // ---- reference tables ------------------------------------------------------------------------

  /** The key fields of a reference table's topic, each the row's column at the same place. */
  static List<String> referenceKeyFields(ReferenceTable table) {
    return switch (table) {
      case OWNERS -> List.of("id");
      case PIPELINES -> List.of("object", "pipeline_id");
      case PIPELINE_STAGES -> List.of("object", "pipeline_id", "stage_id");
      case PROPERTIES, PROPERTY_OPTIONS ->
          throw new IllegalArgumentException(table + " is not sent to a topic");
    };
  }

  Schema referenceKey(ReferenceTable table) {
    SchemaBuilder key = SchemaBuilder.struct().name(topics.reference(table) + ".Key");
    referenceKeyFields(table).forEach(field -> key.field(field, Schema.STRING_SCHEMA));
    return key.build();
  }

  Schema referenceValue(ReferenceTable table) {
    SchemaBuilder value = SchemaBuilder.struct().name(topics.reference(table));
    for (String column : table.header()) {
      value.field(column, Schema.OPTIONAL_STRING_SCHEMA);
    }
    return value.build();
  }

  static Struct referenceKey(Schema schema, ReferenceTable table, String[] row) {
    Struct key = new Struct(schema);
    List<String> fields = referenceKeyFields(table);
    for (int i = 0; i < fields.size(); i++) {
      key.put(fields.get(i), row[i]);
    }
    return key;
  }

  static Struct referenceValue(Schema schema, ReferenceTable table, String[] row) {
    Struct value = new Struct(schema);
    String[] header = table.header();
    for (int i = 0; i < header.length; i++) {
      value.put(header[i], row[i]);
    }
    return value;
  }

  // ---- property histories ----------------------------------------------------------------------

  Schema historyKey(PlannedHistory history) {
    return SchemaBuilder.struct()
        .name(topics.history(history) + ".Key")
        .field("id", Schema.INT64_SCHEMA)
        .field("property", Schema.STRING_SCHEMA)
        .field("timestamp", Timestamp.SCHEMA)
        .build();
  }

  Schema historyValue(PlannedHistory history) {
    return SchemaBuilder.struct()
        .name(topics.history(history))
        .field("id", Schema.INT64_SCHEMA)
        .field("property", Schema.STRING_SCHEMA)
        .field("value", Schema.OPTIONAL_STRING_SCHEMA)
        .field("timestamp", Timestamp.SCHEMA)
        .field("sourceType", Schema.OPTIONAL_STRING_SCHEMA)
        .field("sourceId", Schema.OPTIONAL_STRING_SCHEMA)
        .field("sourceLabel", Schema.OPTIONAL_STRING_SCHEMA)
        .field("updatedByUserId", Schema.OPTIONAL_INT64_SCHEMA)
        .build();
  }

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
    long id = id(change.id());
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

  /** The key fields' values of a key as text, to compare keys however they were read back. */
  static List<String> keyText(Object key, List<String> fields) {
    List<String> text = new ArrayList<>(fields.size());
    for (String field : fields) {
      Object value =
          key instanceof Struct struct
              ? struct.get(field)
              : key instanceof Map<?, ?> map ? map.get(field) : key;
      text.add(plain(value));
    }
    return text;
  }

  private static String plain(Object value) {
    if (value instanceof java.util.Date date) {
      return Long.toString(date.getTime());
    }
    if (value instanceof Number number && !(value instanceof Double) && !(value instanceof Float)) {
      return Long.toString(number.longValue());
    }
    return String.valueOf(value);
  }
}
