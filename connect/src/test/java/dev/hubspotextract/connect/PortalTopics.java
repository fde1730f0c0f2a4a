package dev.hubspotextract.connect;

import dev.hubspotextract.extract.ReferenceTable;
import dev.hubspotextract.sandbox.Portal;
import dev.hubspotextract.sandbox.PortalAssociation;
import dev.hubspotextract.sandbox.PortalOwner;
import dev.hubspotextract.sandbox.PortalPipeline;
import dev.hubspotextract.sandbox.PortalProperty;
import dev.hubspotextract.sandbox.PortalRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The topics one connector should hold for a portal, built from the sandbox's own data as the
 * design types them, and what the topics as read differ in. One connector: its prefix, objects and
 * association pairs ({@code from:to}).
 */
final class PortalTopics {
  /** How many differing keys a description lists per topic: enough to see the pattern. */
  private static final int SHOWN = 5;

  private final String prefix;
  private final List<String> objects;
  private final List<String> pairs;

  PortalTopics(String prefix, List<String> objects, List<String> pairs) {
    this.prefix = prefix;
    this.objects = List.copyOf(objects);
    this.pairs = List.copyOf(pairs);
  }

  /** Every topic the connector writes, by name. */
  Set<String> names() {
    Set<String> names = new TreeSet<>();
    objects.forEach(o -> names.add(prefix + "." + o));
    pairs.forEach(p -> names.add(prefix + "." + p.replace(':', '_')));
    for (String table : List.of("owners", "pipelines", "pipeline_stages")) {
      names.add(prefix + "." + table);
    }
    return names;
  }

  /**
   * What the topics differ in from the portal now, one line per difference (the first few of each
   * topic); empty when every topic's last values are exactly the portal's.
   */
  String differences(Portal portal, CompactedTopics topics) {
    StringBuilder out = new StringBuilder();
    Set<String> present = topics.namesUnder(prefix);
    if (!present.equals(names())) {
      out.append("topics under ").append(prefix).append(": ").append(present);
      out.append(", expected ").append(names()).append('\n');
    }
    for (String object : objects) {
      compare(out, prefix + "." + object, objectTopic(portal, object), topics);
    }
    for (String pair : pairs) {
      String[] ends = pair.split(":", 2);
      compare(
          out, prefix + "." + ends[0] + "_" + ends[1], pairTopic(portal, ends[0], ends[1]), topics);
    }
    compare(out, prefix + ".owners", ownersTopic(portal), topics);
    compare(out, prefix + ".pipelines", pipelinesTopic(portal), topics);
    compare(out, prefix + ".pipeline_stages", stagesTopic(portal), topics);
    return out.toString();
  }

  /** Every live record by id: id, dates, archived, then each property typed from its definition. */
  private static Map<Object, Object> objectTopic(Portal portal, String object) {
    List<PortalProperty> properties = new ArrayList<>(portal.properties(object));
    properties.sort((a, b) -> a.name().compareTo(b.name()));
    Map<Object, Object> expected = new LinkedHashMap<>();
    portal
        .records(object)
        .forEach(
            record -> {
              Map<String, Object> value = new LinkedHashMap<>();
              value.put("id", Long.parseLong(record.id()));
              value.put("createdAt", Date.from(record.createdAt()));
              value.put("updatedAt", Date.from(record.updatedAt()));
              value.put("archived", false);
              for (PortalProperty p : properties) {
                value.put(p.name(), typed(p.type(), record.properties().get(p.name())));
              }
              expected.put(Long.parseLong(record.id()), value);
            });
    return expected;
  }

  /**
   * A property's value as the design types it: bool, number, datetime and date parsed (null when
   * the text is not one, as the connector sends), everything else the text as HubSpot sent it.
   */
  private static Object typed(String type, String text) {
    if (text == null) {
      return null;
    }
    try {
      return switch (type) {
        case "bool" -> "true".equals(text) || "false".equals(text) ? Boolean.valueOf(text) : null;
        case "number" -> text.isEmpty() ? null : Double.valueOf(text);
        case "datetime" -> text.isEmpty() ? null : Date.from(Instant.parse(text));
        case "date" ->
            text.isEmpty()
                ? null
                : Date.from(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        default -> text;
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }

  /** Every link of every live from-record, keyed by (from, to, type). */
  private static Map<Object, Object> pairTopic(Portal portal, String from, String to) {
    Map<Object, Object> expected = new LinkedHashMap<>();
    for (PortalRecord record : portal.records(from).toList()) {
      for (PortalAssociation link : portal.associations(from, to, record.id())) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("from_id", Long.parseLong(record.id()));
        key.put("to_id", Long.parseLong(link.toId()));
        key.put("association_type_id", link.typeId());
        Map<String, Object> value = new LinkedHashMap<>(key);
        value.put("category", link.category());
        value.put("label", link.label());
        expected.put(key, value);
      }
    }
    return expected;
  }

  private static Map<Object, Object> ownersTopic(Portal portal) {
    Map<Object, Object> expected = new LinkedHashMap<>();
    for (PortalOwner o : portal.owners()) {
      expected.put(
          keyOf("id", o.id()),
          row(
              ReferenceTable.OWNERS,
              o.id(),
              o.email(),
              o.firstName(),
              o.lastName(),
              text(o.userId()),
              text(o.userIdIncludingInactive()),
              o.type(),
              String.join(";", o.teams()),
              Boolean.toString(o.archived()),
              o.createdAt(),
              o.updatedAt()));
    }
    return expected;
  }

  private Map<Object, Object> pipelinesTopic(Portal portal) {
    Map<Object, Object> expected = new LinkedHashMap<>();
    for (String object : objects) {
      for (PortalPipeline p : portal.pipelines(object)) {
        expected.put(
            keyOf("object", object, "pipeline_id", p.id()),
            row(
                ReferenceTable.PIPELINES,
                object,
                p.id(),
                p.label(),
                text(p.displayOrder()),
                Boolean.toString(p.archived()),
                p.createdAt(),
                p.updatedAt()));
      }
    }
    return expected;
  }

  private Map<Object, Object> stagesTopic(Portal portal) {
    Map<Object, Object> expected = new LinkedHashMap<>();
    for (String object : objects) {
      for (PortalPipeline p : portal.pipelines(object)) {
        for (PortalPipeline.Stage s : p.stages()) {
          String closed = s.metadata().get("isClosed");
          expected.put(
              keyOf("object", object, "pipeline_id", p.id(), "stage_id", s.id()),
              row(
                  ReferenceTable.PIPELINE_STAGES,
                  object,
                  p.id(),
                  s.id(),
                  s.label(),
                  text(s.displayOrder()),
                  s.metadata().get("probability"),
                  s.metadata().get("ticketState"),
                  "true".equals(closed) || "false".equals(closed) ? closed : null,
                  Boolean.toString(s.archived()),
                  s.createdAt(),
                  s.updatedAt()));
        }
      }
    }
    return expected;
  }

  /** A reference table's row as the topic's value: the engine's columns by name, as text. */
  private static Map<String, Object> row(ReferenceTable table, String... cells) {
    String[] header = table.header();
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < header.length; i++) {
      row.put(header[i], cells[i]);
    }
    return row;
  }

  private static Map<String, Object> keyOf(String... namesAndValues) {
    Map<String, Object> key = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      key.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return key;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /**
   * Adds to {@code out} the keys the topic lacks or should not have, and those whose value differs;
   * a reference row's fields compared as text (the design leaves their types to the engine's
   * columns, which are text on the wire).
   */
  private static void compare(
      StringBuilder out, String topic, Map<Object, Object> expected, CompactedTopics topics) {
    Map<Object, Object> actual = topics.lastValues(topic);
    List<String> found = new ArrayList<>();
    for (Map.Entry<Object, Object> e : expected.entrySet()) {
      if (!actual.containsKey(e.getKey())) {
        found.add("missing " + e.getKey());
      } else if (!same(e.getValue(), actual.get(e.getKey()))) {
        found.add(
            "differs at "
                + e.getKey()
                + ": "
                + actual.get(e.getKey())
                + ", expected "
                + e.getValue());
      }
    }
    for (Object key : actual.keySet()) {
      if (!expected.containsKey(key)) {
        found.add("not in the portal: " + key);
      }
    }
    if (!found.isEmpty()) {
      out.append(topic)
          .append(": ")
          .append(found.size())
          .append(" differences (")
          .append(actual.size())
          .append(" keys, expected ")
          .append(expected.size())
          .append("), e.g. ")
          .append(found.subList(0, Math.min(SHOWN, found.size())))
          .append('\n');
    }
  }

  private static boolean same(Object expected, Object actual) {
    if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
      if (!e.keySet().equals(a.keySet())) {
        return false;
      }
      for (Object field : e.keySet()) {
        Object want = e.get(field);
        Object got = a.get(field);
        boolean equal =
            want instanceof String && got != null && !(got instanceof String)
                ? want.equals(got.toString()) // a typed reference field compared as its text
                : Objects.equals(want, got);
        if (!equal) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(expected, actual);
  }
}
