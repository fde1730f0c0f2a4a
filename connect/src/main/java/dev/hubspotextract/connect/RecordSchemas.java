package dev.hubspotextract.connect;

import dev.hubspotextract.client.PropertyDefinition;
import dev.hubspotextract.extract.AssociationPair;
import dev.hubspotextract.extract.FixedColumn;
import dev.hubspotextract.extract.PlannedHistory;
import dev.hubspotextract.extract.PlannedObject;
import dev.hubspotextract.extract.ReferenceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schemas of every topic ({@link ValueParsing} fills them): an object's value has
 * {@code id}, {@code createdAt}, {@code updatedAt}, {@code archived}, then each property ascending
 * by name, typed from HubSpot's type ({@code bool} BOOLEAN, {@code number} FLOAT64, {@code
 * datetime} Timestamp, {@code date} Date, anything else STRING), all optional; pairs and histories
 * have the engine's fixed columns. A schema is named as its topic, Avro-safe ({@link #schemaName}).
 */
final class RecordSchemas {
  static final Schema OBJECT_KEY = Schema.INT64_SCHEMA;

  /** The key fields of a pair topic, in order: the association file's first columns. */
  static final List<String> PAIR_KEY_FIELDS =
      FixedColumn.names(
          List.of(FixedColumn.FROM_ID, FixedColumn.TO_ID, FixedColumn.ASSOCIATION_TYPE_ID));

  private static final Schema OPTIONAL_TIMESTAMP = Timestamp.builder().optional().build();
  private static final Schema OPTIONAL_DATE = Date.builder().optional().build();

  private final TopicNames topics;
  private final Map<String, Schema> objectSchemas = new ConcurrentHashMap<>();

  RecordSchemas(TopicNames topics) {
    this.topics = Objects.requireNonNull(topics, "topics is null");
  }

  // ---- objects ---------------------------------------------------------------------------------

  /** The value schema of an object with the plan's properties (a new property: a new schema). */
  Schema objectValue(PlannedObject object) {
    String name = schemaName(topics.object(object.type()));
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

  // ---- association pairs -----------------------------------------------------------------------

  Schema pairKey(AssociationPair pair) {
    SchemaBuilder key = SchemaBuilder.struct().name(schemaName(topics.pair(pair)) + ".Key");
    for (FixedColumn column : FixedColumn.ASSOCIATION.subList(0, PAIR_KEY_FIELDS.size())) {
      key.field(column.name(), fixedSchema(column, false));
    }
    return key.build();
  }

  Schema pairValue(AssociationPair pair) {
    SchemaBuilder value = SchemaBuilder.struct().name(schemaName(topics.pair(pair)));
    for (FixedColumn column : FixedColumn.ASSOCIATION) {
      value.field(column.name(), fixedSchema(column, !PAIR_KEY_FIELDS.contains(column.name())));
    }
    return value.build();
  }

  /**
   * The schema of one of the engine's fixed columns: an id INT64, the association type id INT32,
   * another number INT64 (a user id), a time Timestamp, text STRING.
   */
  private static Schema fixedSchema(FixedColumn column, boolean optional) {
    SchemaBuilder schema =
        switch (column.type()) {
          case "id" -> SchemaBuilder.int64();
          case "number" ->
              column.equals(FixedColumn.ASSOCIATION_TYPE_ID)
                  ? SchemaBuilder.int32()
                  : SchemaBuilder.int64();
          case "datetime" -> Timestamp.builder();
          default -> SchemaBuilder.string();
        };
    return optional ? schema.optional().build() : schema.build();
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
    SchemaBuilder key = SchemaBuilder.struct().name(schemaName(topics.reference(table)) + ".Key");
    referenceKeyFields(table).forEach(field -> key.field(field, Schema.STRING_SCHEMA));
    return key.build();
  }

  Schema referenceValue(ReferenceTable table) {
    SchemaBuilder value = SchemaBuilder.struct().name(schemaName(topics.reference(table)));
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

  /** The fields of a change's key, among the history's columns. */
  private static final List<String> HISTORY_KEY =
      List.of(FixedColumn.ID.name(), "property", "timestamp");

  Schema historyKey(PlannedHistory history) {
    SchemaBuilder key = SchemaBuilder.struct().name(schemaName(topics.history(history)) + ".Key");
    for (FixedColumn column : FixedColumn.HISTORY) {
      if (HISTORY_KEY.contains(column.name())) {
        key.field(column.name(), fixedSchema(column, false));
      }
    }
    return key.build();
  }

  Schema historyValue(PlannedHistory history) {
    SchemaBuilder value = SchemaBuilder.struct().name(schemaName(topics.history(history)));
    for (FixedColumn column : FixedColumn.HISTORY) {
      value.field(column.name(), fixedSchema(column, !HISTORY_KEY.contains(column.name())));
    }
    return value.build();
  }

  /**
   * A topic's name as a schema's: the same, but for characters Avro does not take in a name (a
   * {@code -} in the prefix, a part starting with a digit), which become {@code _}, so that an Avro
   * converter can register it. Each part between dots: letters, digits and {@code _}, not starting
   * with a digit.
   */
  static String schemaName(String topic) {
    StringBuilder name = new StringBuilder(topic.length());
    for (String part : topic.split("\\.", -1)) {
      if (name.length() > 0) {
        name.append('.');
      }
      String safe = part.replaceAll("[^A-Za-z0-9_]", "_");
      name.append(safe.isEmpty() || Character.isDigit(safe.charAt(0)) ? "_" + safe : safe);
    }
    return name.toString();
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
