package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PortalTest {
  private final Portal portal = new Portal(2000, 50, 42);

  @Test
  void theSameSeedGivesTheSamePortalAndAnotherSeedAnotherOne() {
    Portal again = new Portal(2000, 50, 42);
    Portal other = new Portal(2000, 50, 43);
    assertThat(again.records("deals").limit(50).toList())
        .isEqualTo(portal.records("deals").limit(50).toList());
    assertThat(other.records("deals").limit(50).toList())
        .isNotEqualTo(portal.records("deals").limit(50).toList());
  }

  @Test
  void thereAreThirteenStandardObjectsAndTwoCustomOnes() {
    List<PortalObjectType> types = portal.objectTypes();
    assertThat(types.stream().filter(t -> !t.custom()).map(PortalObjectType::name))
        .containsExactly(
            "contacts",
            "companies",
            "deals",
            "tickets",
            "products",
            "line_items",
            "quotes",
            "feedback_submissions",
            "calls",
            "emails",
            "meetings",
            "notes",
            "tasks");
    assertThat(types.stream().filter(PortalObjectType::custom).map(PortalObjectType::objectTypeId))
        .hasSize(2)
        .allMatch(id -> id.startsWith("2-"));
    assertThat(portal.objectType("0-3").name()).isEqualTo("deals");
    assertThat(portal.objectType("deal").name()).isEqualTo("deals");
    assertThat(portal.objectType("p" + portal.portalId() + "_pets").name()).isEqualTo("pets");
    assertThatThrownBy(() -> portal.objectType("widgets"))
        .hasMessageContaining("unknown object type 'widgets'");
  }

  @Test
  void objectsComeInTheDocumentedProportions() {
    Map<String, Long> expected =
        Map.ofEntries(
            Map.entry("contacts", 2000L),
            Map.entry("companies", 400L),
            Map.entry("deals", 1000L),
            Map.entry("tickets", 500L),
            Map.entry("products", 40L),
            Map.entry("line_items", 2000L),
            Map.entry("quotes", 200L),
            Map.entry("feedback_submissions", 200L),
            Map.entry("calls", 500L),
            Map.entry("emails", 1000L),
            Map.entry("meetings", 400L),
            Map.entry("notes", 1000L),
            Map.entry("tasks", 500L),
            Map.entry("pets", 200L),
            Map.entry("vehicles", 100L));
    expected.forEach(
        (type, generated) -> {
          long live = portal.count(type);
          long archived = portal.archivedRecords(type).count();
          assertThat(live + archived).as(type).isEqualTo(generated);
          assertThat(archived).as(type + " archived").isLessThan(Math.max(3, generated / 20));
        });
  }

  @Test
  void idsAscendInListOrderButNotWithCreationAndModificationNeverPrecedesCreation() {
    List<PortalRecord> records = portal.records("contacts").toList();
    int createdEarlier = 0;
    for (int i = 1; i < records.size(); i++) {
      assertThat(Long.parseLong(records.get(i).id()))
          .isGreaterThan(Long.parseLong(records.get(i - 1).id()));
      if (records.get(i).createdAt().isBefore(records.get(i - 1).createdAt())) {
        createdEarlier++;
      }
    }
    assertThat(createdEarlier).as("records with a higher id created earlier").isPositive();
    assertThat(records).allMatch(r -> !r.updatedAt().isBefore(r.createdAt()));
    assertThat(records).allMatch(r -> r.id().equals(r.properties().get("hs_object_id")));
    assertThat(records)
        .allMatch(
            r ->
                r.createdAt().toString().equals(r.properties().get("createdate"))
                    || r.properties()
                        .get("createdate")
                        .equals(r.createdAt().toString().replace("Z", ".000Z")));
  }

  @Test
  void idsAreSparseOfMixedLengthsMostlyTenOrElevenDigits() {
    List<Long> ids = portal.records("contacts").map(r -> Long.parseLong(r.id())).toList();
    assertThat(ids).startsWith(1L, 51L, 101L);
    assertThat(ids).filteredOn(id -> id < 10_000).isNotEmpty();
    assertThat(ids).filteredOn(id -> id >= 1_000_000_000L && id < 10_000_000_000L).isNotEmpty();
    assertThat(ids.stream().filter(id -> id >= 10_000_000_000L).count())
        .as("11-digit ids")
        .isGreaterThan(ids.size() / 2);
    assertThat(ids.get(ids.size() - 1) - ids.get(0))
        .as("sparse: far more id values than records")
        .isGreaterThan(1000L * ids.size());
    long smallest = Long.MAX_VALUE;
    long largest = 0;
    for (int i = 1; i < ids.size(); i++) {
      smallest = Math.min(smallest, ids.get(i) - ids.get(i - 1));
      largest = Math.max(largest, ids.get(i) - ids.get(i - 1));
    }
    assertThat(largest / smallest).as("gaps vary by orders of magnitude").isGreaterThan(10_000L);
  }

  @Test
  void everyRecordIsFoundByItsIdAndOnlyThere() {
    for (PortalObjectType type : portal.objectTypes()) {
      portal
          .records(type.name())
          .forEach(r -> assertThat(portal.record(type.name(), r.id())).isEqualTo(r));
    }
    long first = Long.parseLong(portal.records("deals").findFirst().orElseThrow().id());
    assertThat(portal.record("deals", Long.toString(first + 1))).isNull();
    assertThat(portal.record("deals", "0")).isNull();
    assertThat(portal.record("deals", "-51")).isNull();
  }

  @Test
  void valuesCarryTheMessOfARealPortal() {
    List<String> values =
        Stream.of("contacts", "companies", "notes", "emails", "tickets")
            .flatMap(portal::records)
            .flatMap(r -> r.properties().values().stream())
            .toList();
    assertThat(values).contains((String) null).contains("");
    List<String> text = values.stream().filter(Objects::nonNull).toList();
    assertThat(text).anyMatch(v -> v.contains(","));
    assertThat(text).anyMatch(v -> v.contains("\""));
    assertThat(text).anyMatch(v -> v.contains("\n"));
    assertThat(text).anyMatch(v -> v.contains("日本語"));
    assertThat(text).anyMatch(v -> v.contains("Ελληνικά"));
    assertThat(text).anyMatch(v -> v.contains("🎉"));
    assertThat(text).anyMatch(v -> v.startsWith("<p>") || v.startsWith("<div>"));
    assertThat(text).anyMatch(v -> v.length() > 10_000);
  }

  @Test
  void everyPropertyTypeIsPresentWithWellFormedValues() {
    List<PortalProperty> properties = portal.properties("contacts");
    assertThat(properties.stream().map(PortalProperty::type).distinct())
        .contains("string", "number", "date", "datetime", "enumeration", "bool", "phone_number");
    assertThat(properties).hasSize(50);
    PortalProperty lifecycle =
        properties.stream()
            .filter(p -> p.name().equals("lifecyclestage"))
            .findFirst()
            .orElseThrow();
    assertThat(lifecycle.options()).contains("lead", "customer");
    // owner properties hold ids of every owner, archived ones too, which their options leave out
    List<String> ownerIds = portal.owners().stream().map(PortalOwner::id).toList();
    portal
        .records("contacts")
        .limit(300)
        .forEach(
            r -> {
              for (PortalProperty p : properties) {
                String v = r.properties().get(p.name());
                if (v == null || v.isEmpty()) {
                  continue;
                }
                switch (p.type()) {
                  case "number" -> assertThat(v).matches("-?\\d+(\\.\\d+)?");
                  case "date" -> assertThat(v).matches("\\d{4}-\\d\\d-\\d\\d");
                  case "datetime" ->
                      assertThat(v).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                  case "bool" -> assertThat(v).isIn("true", "false");
                  case "enumeration" ->
                      assertThat(List.of(v.split(";")))
                          .isSubsetOf(p.externalOptions() ? ownerIds : p.options());
                  default -> {}
                }
              }
            });
  }

  @Test
  void contactPropertiesPadWithGeneratedCustomPropertiesOfEveryType() {
    Portal wide = new Portal(10, 1000, 1);
    List<PortalProperty> properties = wide.properties("contacts");
    assertThat(properties).hasSize(1000);
    assertThat(properties)
        .filteredOn(p -> p.name().startsWith("custom_field_"))
        .allMatch(p -> !p.hubspotDefined());
  }

  @Test
  void everyDealAndTicketIsInAStageOfItsOwnPipelineAndBothDealPipelinesAreUsed() {
    for (String[] object :
        new String[][] {
          {"deals", "pipeline", "dealstage"}, {"tickets", "hs_pipeline", "hs_pipeline_stage"}
        }) {
      Map<String, String> pipelineOfStage = new HashMap<>();
      for (PortalPipeline p : portal.pipelines(object[0])) {
        p.stages().forEach(stage -> pipelineOfStage.put(stage.id(), p.id()));
      }
      Set<String> pipelinesUsed = new HashSet<>();
      Set<String> stagesUsed = new HashSet<>();
      portal
          .records(object[0])
          .forEach(
              r -> {
                String stage = r.properties().get(object[2]);
                assertThat(pipelineOfStage).containsKey(stage);
                assertThat(r.properties().get(object[1])).isEqualTo(pipelineOfStage.get(stage));
                pipelinesUsed.add(r.properties().get(object[1]));
                stagesUsed.add(stage);
              });
      assertThat(stagesUsed).isEqualTo(pipelineOfStage.keySet());
      assertThat(pipelinesUsed).hasSize(portal.pipelines(object[0]).size());
    }
    assertThat(portal.pipelines("deals")).hasSize(2);
    assertThat(portal.pipelines("contacts")).isEmpty();
  }

  @Test
  void ownerPropertiesPointAtActiveAndArchivedOwnersWhileTheirOptionsListTheActiveOnes() {
    Map<String, PortalOwner> owners = new HashMap<>();
    portal.owners().forEach(o -> owners.put(o.id(), o));
    Set<Boolean> archivedSeen = new HashSet<>();
    portal
        .records("deals")
        .map(r -> r.properties().get("hubspot_owner_id"))
        .filter(Objects::nonNull)
        .forEach(
            id -> {
              assertThat(owners).containsKey(id);
              archivedSeen.add(owners.get(id).archived());
            });
    assertThat(archivedSeen).containsExactlyInAnyOrder(true, false);
    PortalProperty owner =
        portal.properties("deals").stream()
            .filter(p -> p.name().equals("hubspot_owner_id"))
            .findFirst()
            .orElseThrow();
    assertThat(owner.referencedObjectType()).isEqualTo("OWNER");
    assertThat(owner.options())
        .containsExactlyElementsOf(
            portal.owners().stream().filter(o -> !o.archived()).map(PortalOwner::id).toList());
  }
}
