package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.sandbox.Portal;
import dev.hubspotextract.sandbox.PortalAssociation;
import dev.hubspotextract.sandbox.PortalProperty;
import dev.hubspotextract.sandbox.PortalRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Checks pulled files value by value against the sandbox's own data. */
public final class PortalChecks {
  private PortalChecks() {}

  /**
   * The object file holds every live record, every property, each value exactly as the portal's.
   */
  public static void objectFileMatchesPortal(
      Path dir, Portal portal, String type, long maxRecords) {
    List<List<String>> rows = PulledCsv.rows(dir.resolve(type + ".csv"));
    List<String> properties =
        portal.properties(type).stream().map(PortalProperty::name).sorted().toList();
    List<String> header = new ArrayList<>(List.of("id", "createdAt", "updatedAt", "archived"));
    header.addAll(properties);
    assertThat(rows.get(0)).as("header of %s.csv", type).containsExactlyElementsOf(header);
    List<PortalRecord> expected = portal.records(type).limit(maxRecords).toList();
    assertThat(rows).as("rows of %s.csv", type).hasSize(expected.size() + 1);
    for (int i = 0; i < expected.size(); i++) {
      PortalRecord record = expected.get(i);
      List<String> row = rows.get(i + 1);
      assertThat(row.get(0)).as("id in %s.csv row %d", type, i + 1).isEqualTo(record.id());
      assertThat(Instant.parse(row.get(1))).isEqualTo(record.createdAt());
      assertThat(Instant.parse(row.get(2))).isEqualTo(record.updatedAt());
      assertThat(row.get(3)).isEqualTo("false");
      for (int p = 0; p < properties.size(); p++) {
        String value = record.properties().get(properties.get(p));
        assertThat(row.get(4 + p))
            .as("%s of %s %s", properties.get(p), type, record.id())
            .isEqualTo(value == null ? "" : value);
      }
    }
  }

  /**
   * The pair file holds exactly the portal's links of every (or the given) from-record, once each.
   */
  public static List<List<String>> pairFileMatchesPortal(
      Path dir, Portal portal, String from, String to, List<String> fromIds) {
    List<List<String>> rows = PulledCsv.rows(dir.resolve(from + "_" + to + ".csv"));
    assertThat(rows.get(0))
        .containsExactly("from_id", "to_id", "association_type_id", "category", "label");
    List<List<String>> body = rows.subList(1, rows.size());
    List<String> ids =
        fromIds.isEmpty() ? portal.records(from).map(PortalRecord::id).toList() : fromIds;
    List<List<String>> expected = new ArrayList<>();
    for (String id : ids) {
      for (PortalAssociation link : portal.associations(from, to, id)) {
        expected.add(
            List.of(
                id,
                link.toId(),
                String.valueOf(link.typeId()),
                link.category(),
                link.label() == null ? "" : link.label()));
      }
    }
    assertThat(body)
        .as("rows of %s_%s.csv", from, to)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(new HashSet<>(body))
        .as("no duplicate rows in %s_%s.csv", from, to)
        .hasSize(body.size());
    return body;
  }
}
