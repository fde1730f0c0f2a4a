package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.sandbox.Portal;
import dev.hubspotextract.sandbox.PortalAssociation;
import dev.hubspotextract.sandbox.PortalOwner;
import dev.hubspotextract.sandbox.PortalPipeline;
import dev.hubspotextract.sandbox.PortalProperty;
import dev.hubspotextract.sandbox.PortalRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Compares what the topics hold, last value per key, with the sandbox's portal, value by value:
 * each object's records with every property as its schema types it, each pair's links, the owners,
 * pipelines and stages. Expected values are typed here from the portal's own property types, apart
 * from the connector's code.
 */
final class PortalMatch {
  private final Portal portal;
  private final CompactedView view;

  PortalMatch(Portal portal, CompactedView view) {
    this.portal = portal;
    this.view = view;
  }

  /** The object's topic holds every live record, as the portal has it, and nothing else. */
  void objectMatches(String object) {
    Map<Object, Object> topic = view.topic(ConnectHarness.PREFIX + "." + object);
    List<PortalRecord> live = portal.records(object).toList();
    assertThat(topic.keySet())
        .as("the keys of %s", object)
        .containsExactlyInAnyOrderElementsOf(
            live.stream().map(r -> Long.parseLong(r.id())).toList());
    Map<String, String> types = new HashMap<>();
    for (PortalProperty property : portal.properties(object)) {
      types.put(property.name(), property.type());
    }
    for (PortalRecord record : live) {
      Struct value = (Struct) topic.get(Long.parseLong(record.id()));
      assertThat(value.getInt64("id")).isEqualTo(Long.parseLong(record.id()));
      assertThat(value.get("createdAt")).isEqualTo(Date.from(record.createdAt()));
      assertThat(value.get("updatedAt")).isEqualTo(Date.from(record.updatedAt()));
      assertThat(value.getBoolean("archived")).isFalse();
      for (Map.Entry<String, String> property : types.entrySet()) {
        Field field = value.schema().field(property.getKey());
        Object sent = field == null ? null : value.get(field); // sent before it was added: none
        assertThat(sent)
            .as("%s %s %s", object, record.id(), property.getKey())
            .isEqualTo(typed(property.getValue(), record.properties().get(property.getKey())));
      }
    }
  }

  /** The property names of the schema of an object's latest record (after the four fixed). */
  Set<String> propertyFieldsOf(String object) {
    Set<String> names = new HashSet<>();
    for (Object value : view.topic(ConnectHarness.PREFIX + "." + object).values()) {
      ((Struct) value).schema().fields().stream().skip(4).forEach(f -> names.add(f.name()));
    }
    return names;
  }

  /** A portal value as the connector should type it, from the portal's type of the property. */
  static Object typed(String type, String text) {
    if (text == null) {
      return null;
    }
    if (text.isEmpty()) {
      return type.equals("bool")
              || type.equals("number")
              || type.equals("datetime")
              || type.equals("date")
          ? null
          : text; // a typed property's "no value"; text keeps its "" as HubSpot sent it
    }
    return switch (type) {
      case "bool" -> Boolean.valueOf(text);
      case "number" -> Double.valueOf(text);
      case "datetime" -> Date.from(Instant.parse(text));
      case "date" -> Date.from(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
      default -> text;
    };
  }

  /** The links a pair's topic holds, as (from, to, type, category, label). */
  Set<List<Object>> pairInView(String from, String to) {
    Set<List<Object>> links = new HashSet<>();
    for (Map.Entry<Object, Object> entry :
        view.topic(ConnectHarness.PREFIX + "." + from + "_" + to).entrySet()) {
      Struct key = (Struct) entry.getKey();
      Struct value = (Struct) entry.getValue();
      assertThat(
              List.of(value.get("from_id"), value.get("to_id"), value.get("association_type_id")))
          .isEqualTo(List.of(key.get("from_id"), key.get("to_id"), key.get("association_type_id")));
      List<Object> link = new ArrayList<>();
      link.add(value.getInt64("from_id"));
      link.add(value.getInt64("to_id"));
      link.add(value.getInt32("association_type_id"));
      link.add(value.getString("category"));
      link.add(value.getString("label"));
      links.add(link);
    }
    return links;
  }

  /** Every link of the portal's live from-records. */
  Set<List<Object>> pairInPortal(String from, String to) {
    Set<List<Object>> links = new HashSet<>();
    portal
        .records(from)
        .forEach(
            record -> {
              for (PortalAssociation a : portal.associations(from, to, record.id())) {
                List<Object> link = new ArrayList<>();
                link.add(Long.parseLong(record.id()));
                link.add(Long.parseLong(a.toId()));
                link.add(a.typeId());
                link.add(a.category());
                link.add(a.label());
                links.add(link);
              }
            });
    return links;
  }

  void pairMatches(String from, String to) {
    Set<List<Object>> expected = pairInPortal(from, to);
    assertThat(expected).as("the portal links some %s to %s", from, to).isNotEmpty();
    assertThat(pairInView(from, to))
        .as("the links of %s to %s", from, to)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  /** The owners, the pipelines and the stages of these objects, as the portal lists them. */
  void referencesMatch(List<String> objects) {
    Map<Object, Object> owners = view.topic(ConnectHarness.PREFIX + ".owners");
    List<PortalOwner> listed = portal.owners();
    assertThat(owners).hasSize(listed.size());
    for (PortalOwner owner : listed) {
      Struct row = (Struct) owners.get(new Struct(keySchemaOf(owners)).put("id", owner.id()));
      assertThat(row).as("owner %s", owner.id()).isNotNull();
      assertThat(row.getString("email")).isEqualTo(owner.email());
      assertThat(row.getString("lastName")).isEqualTo(owner.lastName());
      assertThat(row.getString("archived")).isEqualTo(Boolean.toString(owner.archived()));
      assertThat(row.getString("teams")).isEqualTo(String.join(";", owner.teams()));
    }
    Set<List<String>> pipelines = new HashSet<>();
    Set<List<String>> stages = new HashSet<>();
    for (String object : objects) {
      for (PortalPipeline p : portal.pipelines(object)) {
        pipelines.add(List.of(object, p.id(), p.label(), Integer.toString(p.displayOrder())));
        for (PortalPipeline.Stage s : p.stages()) {
          stages.add(List.of(object, p.id(), s.id(), s.label()));
        }
      }
    }
    Set<List<String>> pipelinesInView = new HashSet<>();
    view.topic(ConnectHarness.PREFIX + ".pipelines")
        .values()
        .forEach(
            v -> {
              Struct row = (Struct) v;
              pipelinesInView.add(
                  List.of(
                      row.getString("object"),
                      row.getString("id"),
                      row.getString("label"),
                      row.getString("displayOrder")));
            });
    Set<List<String>> stagesInView = new HashSet<>();
    view.topic(ConnectHarness.PREFIX + ".pipeline_stages")
        .values()
        .forEach(
            v -> {
              Struct row = (Struct) v;
              stagesInView.add(
                  List.of(
                      row.getString("object"),
                      row.getString("pipelineId"),
                      row.getString("id"),
                      row.getString("label")));
            });
    assertThat(pipelines).isNotEmpty();
    assertThat(pipelinesInView).containsExactlyInAnyOrderElementsOf(pipelines);
    assertThat(stagesInView).containsExactlyInAnyOrderElementsOf(stages);
  }

  private static org.apache.kafka.connect.data.Schema keySchemaOf(Map<Object, Object> topic) {
    return ((Struct) topic.keySet().iterator().next()).schema();
  }
}
