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
}
