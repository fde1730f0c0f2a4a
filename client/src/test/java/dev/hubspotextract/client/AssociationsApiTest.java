package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssociationsApiTest {
  @Test
  void followsEachInputsOwnCursorAndTreatsA207AsSuccess() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                207,
                "{\"status\":\"COMPLETE\",\"results\":["
                    + "{\"from\":{\"id\":\"1\"},\"to\":[{\"toObjectId\":5790939450,\"associationTypes\":["
                    + "{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":1,\"label\":\"Primary\"},"
                    + "{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":279,\"label\":null}]}],"
                    + "\"paging\":{\"next\":{\"after\":\"c1\",\"link\":\"ignored\"}}}],"
                    + "\"numErrors\":1,\"errors\":[{\"status\":\"error\",\"category\":\"OBJECT_NOT_FOUND\","
                    + "\"subCategory\":\"crm.associations.NO_ASSOCIATIONS_FOUND\",\"message\":\"none\"}]}")
            .then(
                200,
                "{\"status\":\"COMPLETE\",\"results\":["
                    // the same link again (must not repeat) and one more, toObjectId as a string
                    + "{\"to\":[{\"toObjectId\":5790939450,\"associationTypes\":["
                    + "{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":279,\"label\":null}]},"
                    + "{\"toObjectId\":\"42\",\"associationTypes\":["
                    + "{\"category\":\"USER_DEFINED\",\"typeId\":28,\"label\":\"Billing, main\"}]}],"
                    + "\"from\":{\"id\":\"1\"}}]}");
    List<AssociationRow> rows = new ArrayList<>();

    new AssociationsApi(wire).read("contacts", "companies", List.of("1", "2"), rows::add);

    assertThat(rows)
        .containsExactly(
            new AssociationRow("1", "5790939450", "1", "HUBSPOT_DEFINED", "Primary"),
            new AssociationRow("1", "5790939450", "279", "HUBSPOT_DEFINED", null),
            new AssociationRow("1", "42", "28", "USER_DEFINED", "Billing, main"));
    assertThat(wire.requests).hasSize(2);
    assertThat(wire.requests.get(0).pathAndQuery())
        .isEqualTo("/crm/v4/associations/contacts/companies/batch/read");
    assertThat(wire.body(0)).isEqualTo("{\"inputs\":[{\"id\":\"1\"},{\"id\":\"2\"}]}");
    assertThat(wire.body(1)).isEqualTo("{\"inputs\":[{\"id\":\"1\",\"after\":\"c1\"}]}");
  }

  @Test
  void aPercentEncodedCursorGoesBackInTheJsonBodyExactlyAsReceived() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                200,
                "{\"results\":[{\"from\":{\"id\":\"1\"},\"to\":[],"
                    + "\"paging\":{\"next\":{\"after\":\"MC0yLTc1MDI%3D\"}}}]}")
            .then(200, "{\"results\":[]}");

    new AssociationsApi(wire).read("contacts", "companies", List.of("1"), row -> {});

    assertThat(wire.body(1))
        .isEqualTo("{\"inputs\":[{\"id\":\"1\",\"after\":\"MC0yLTc1MDI%3D\"}]}");
  }

  private static ApiResponse page(String fromId, long toId, String after) {
    return ScriptedTransport.json(
        200,
        "{\"results\":[{\"from\":{\"id\":\""
            + fromId
            + "\"},\"to\":[{\"toObjectId\":"
            + toId
            + ",\"associationTypes\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":279}]}]"
            + (after == null ? "" : ",\"paging\":{\"next\":{\"after\":\"" + after + "\"}}")
            + "}]}",
        java.util.Map.of());
  }

  @Test
  void anInputWhoseCursorNeverAdvancesIsAskedAgainThreeTimesThenFailsThePairClearly() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(page("7", 100, "c1"))
            .answering(request -> page("7", 101, "c1"));
    List<AssociationRow> rows = new ArrayList<>();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new AssociationsApi(wire).read("contacts", "companies", List.of("7"), rows::add))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.EXTERNAL))
        .hasMessage(
            "HubSpot kept answering the same page of contacts → companies associations for record"
                + " 7 (its next cursor c1 was one already sent, 4 times in a row): stopping this"
                + " pair instead of looping.");
    // the first page, the page after c1, and the same page asked for 3 times more
    assertThat(wire.requests).hasSize(2 + AssociationsApi.MAX_REPEATS);
    for (int i = 1; i < wire.requests.size(); i++) {
      assertThat(wire.body(i)).isEqualTo("{\"inputs\":[{\"id\":\"7\",\"after\":\"c1\"}]}");
    }
    assertThat(rows).extracting(AssociationRow::toId).containsExactly("100", "101");
  }

  @Test
  void cursorsThatGoRoundInACircleFailThePairInsteadOfLooping() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(page("7", 100, "c1"))
            .then(page("7", 101, "c2"))
            .answering(request -> page("7", 102, "c1"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new AssociationsApi(wire).read("deals", "companies", List.of("7"), row -> {}))
        .isInstanceOf(HubSpotException.class)
        .hasMessageContaining("kept answering the same page of deals → companies")
        .hasMessageContaining("record 7");
    assertThat(wire.requests).hasSize(3 + AssociationsApi.MAX_REPEATS);
    assertThat(wire.body(3)).isEqualTo("{\"inputs\":[{\"id\":\"7\",\"after\":\"c2\"}]}");
  }

  @Test
  void pagesThatRepeatOnlyTheirRowsUnderNewCursorsFailThePairToo() {
    java.util.concurrent.atomic.AtomicInteger cursor =
        new java.util.concurrent.atomic.AtomicInteger();
    ScriptedTransport wire =
        new ScriptedTransport()
            .answering(request -> page("7", 100, "c" + cursor.incrementAndGet()));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new AssociationsApi(wire).read("deals", "companies", List.of("7"), row -> {}))
        .isInstanceOf(HubSpotException.class)
        .hasMessageContaining("record 7 (no association not already read, 4 times in a row)");
    assertThat(wire.requests).hasSize(2 + AssociationsApi.MAX_REPEATS);
  }

  @Test
  void aPageThatDidNotAdvanceIsAskedAgainAndTheReadCompletesWithEveryRowOnceWhenItDoes() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(page("7", 100, "c1"))
            .then(page("7", 101, "c1")) // did not advance
            .then(page("7", 101, "c1")) // nor when asked again
            .then(page("7", 101, "c1"))
            .then(page("7", 101, "c2")) // the third time it does
            .then(page("7", 102, null));
    List<AssociationRow> rows = new ArrayList<>();

    new AssociationsApi(wire).read("contacts", "companies", List.of("7"), rows::add);

    assertThat(rows).extracting(AssociationRow::toId).containsExactly("100", "101", "102");
    assertThat(wire.requests).hasSize(6);
    assertThat(wire.body(4)).isEqualTo("{\"inputs\":[{\"id\":\"7\",\"after\":\"c1\"}]}");
    assertThat(wire.body(5)).isEqualTo("{\"inputs\":[{\"id\":\"7\",\"after\":\"c2\"}]}");
  }
}
