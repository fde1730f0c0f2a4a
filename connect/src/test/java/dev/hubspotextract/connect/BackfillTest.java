package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.PortalProperty;
import dev.hubspotextract.sandbox.Sandbox;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** A first run backfills topics that hold the portal, and a task stopped midway ends the same. */
class BackfillTest {
  private static final List<String> OBJECTS = List.of("contacts", "companies", "deals");

  @Test
  void aBackfillHoldsThePortalValueByValue() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(200).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness()) {
      connect.start(ConnectHarness.settings(sandbox));
      connect.runUntilPasses(1);

      PortalMatch match = new PortalMatch(sandbox.portal(), connect.view);
      OBJECTS.forEach(match::objectMatches);
      match.pairMatches("deals", "companies");
      match.pairMatches("deals", "contacts");
      match.pairMatches("companies", "contacts");
      match.referencesMatch(OBJECTS);
      assertThat(match.propertyFieldsOf("contacts"))
          .containsExactlyInAnyOrderElementsOf(
              sandbox.portal().properties("contacts").stream().map(PortalProperty::name).toList());
      assertThat(connect.committedOffset("object/contacts"))
          .as("a backfill done is a stream following changes from when it began")
          .containsEntry("phase", "changes");
    }
  }

  @Test
  void aTaskStoppedMidBackfillAndStartedFromItsCommittedOffsetsEndsEqualToThePortal()
      throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(2_000).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness()) {
      Map<String, String> settings = ConnectHarness.settings(sandbox);
      connect.start(settings);
      pollAndCommitUntilContactsHaveACursor(connect);
      connect.poll(); // delivered, never committed: sent again after the restart
      connect.pollAndDrop(); // read, never delivered: lost unless sent again
      connect.stop();
      Map<String, Object> stopped = connect.committedOffset("object/contacts");
      assertThat(stopped)
          .as("stopped inside the contacts' backfill, a list cursor stored")
          .containsEntry("phase", "backfill")
          .containsKey("after");

      sandbox.clearRequests();
      connect.start(settings);
      connect.runUntilPasses(1);

      assertThat(sandbox.requests())
          .as("the restarted task lists contacts from the committed cursor, not the start")
          .anyMatch(
              r ->
                  r.path().equals("/crm/v3/objects/contacts")
                      && r.rawQuery() != null
                      && r.rawQuery().contains("after=" + stopped.get("after")));
      PortalMatch match = new PortalMatch(sandbox.portal(), connect.view);
      OBJECTS.forEach(match::objectMatches);
      match.pairMatches("deals", "companies");
      match.pairMatches("deals", "contacts");
      match.pairMatches("companies", "contacts");
      match.referencesMatch(OBJECTS);
    }
  }

  @Test
  void aPropertyAddedWhileABackfillIsStoppedStartsItOverSoEveryRecordHasIt() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(500).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness()) {
      Map<String, String> settings = ConnectHarness.objectsAlone(sandbox, "contacts");
      connect.start(settings);
      pollAndCommitUntilContactsHaveACursor(connect);
      connect.stop();
      assertThat(connect.committedOffset("object/contacts"))
          .as("stopped inside the backfill, with the properties it was reading")
          .containsEntry("phase", "backfill")
          .containsKeys("after", "columns");
      sandbox.portal().apply(ChangeSet.of("contacts").newProperty("favourite_colour"));

      connect.start(settings);
      connect.runUntilPasses(1);

      Map<Object, Object> contacts = connect.view.topic("hs.contacts");
      assertThat(contacts).hasSize((int) sandbox.portal().records("contacts").count());
      assertThat(contacts.values())
          .as("the records of the pages sent before the property came were sent again with it")
          .allSatisfy(v -> assertThat(((Struct) v).schema().field("favourite_colour")).isNotNull());
      new PortalMatch(sandbox.portal(), connect.view).objectMatches("contacts");
    }
  }

  /** Polls and commits until the contacts' committed offset holds a list cursor (30 s at most). */
  private static void pollAndCommitUntilContactsHaveACursor(ConnectHarness connect)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!hasCursor(connect.committedOffset("object/contacts")) && System.nanoTime() < deadline) {
      connect.poll();
      connect.commit();
    }
  }

  private static boolean hasCursor(Map<String, Object> offset) {
    return offset != null && offset.containsKey("after");
  }

  @Test
  void numbersDatetimesDatesAndBoolsArriveTypedAsTheSchemaSays() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(200).searchLag(Duration.ZERO).start();
        ConnectHarness connect = new ConnectHarness()) {
      connect.start(ConnectHarness.objectsAlone(sandbox, "contacts"));
      connect.runUntilPasses(1);

      Map<Object, Object> contacts = connect.view.topic("hs.contacts");
      Struct any = (Struct) contacts.values().iterator().next();
      assertThat(any.schema().name()).isEqualTo("hs.contacts");
      assertThat(any.schema().field("id").schema()).isEqualTo(Schema.INT64_SCHEMA);
      Map<String, Class<?>> javaTypes =
          Map.of(
              "number",
              Double.class,
              "datetime",
              Date.class,
              "date",
              Date.class,
              "bool",
              Boolean.class);
      Map<String, Schema.Type> connectTypes =
          Map.of(
              "number", Schema.Type.FLOAT64,
              "datetime", Schema.Type.INT64,
              "date", Schema.Type.INT32,
              "bool", Schema.Type.BOOLEAN);
      Map<String, String> logicalNames =
          Map.of(
              "datetime",
              Timestamp.LOGICAL_NAME,
              "date",
              org.apache.kafka.connect.data.Date.LOGICAL_NAME);
      for (String type : javaTypes.keySet()) {
        PortalProperty property =
            sandbox.portal().properties("contacts").stream()
                .filter(p -> p.type().equals(type))
                .filter(
                    p ->
                        contacts.values().stream()
                            .anyMatch(v -> ((Struct) v).get(p.name()) != null))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no contact has a " + type + " value"));
        Schema schema = any.schema().field(property.name()).schema();
        assertThat(schema.type()).as(property.name()).isEqualTo(connectTypes.get(type));
        assertThat(schema.isOptional()).isTrue();
        assertThat(schema.name()).isEqualTo(logicalNames.get(type));
        for (Object value : contacts.values()) {
          Object sent = ((Struct) value).get(property.name());
          if (sent != null) {
            assertThat(sent).as(property.name()).isInstanceOf(javaTypes.get(type));
          }
          if (sent != null && type.equals("date")) {
            assertThat(((Date) sent).getTime() % 86_400_000L)
                .as("a date is its midnight UTC")
                .isZero();
          }
        }
      }
    }
  }
}
