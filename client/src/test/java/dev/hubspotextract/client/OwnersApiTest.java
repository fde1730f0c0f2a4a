package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OwnersApiTest {
  private static String owner(String id, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"email\":\"o"
        + id
        + "@x.example\",\"firstName\":\"F"
        + id
        + "\",\"lastName\":\"L\",\"type\":\"PERSON\",\"createdAt\":\"2024-01-01T00:00:00Z\""
        + extra
        + "}";
  }

  @Test
  void listsTheActiveOwnersPageByPageThenTheArchivedOnesEachIdOnce() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                200,
                "{\"results\":["
                    + owner(
                        "1",
                        ",\"userId\":11,\"archived\":false,\"teams\":[{\"id\":\"7\","
                            + "\"name\":\"Sales\",\"primary\":true},{\"id\":\"8\",\"name\":\"EMEA\"}]")
                    + "],\"paging\":{\"next\":{\"after\":\"MQ%3D%3D\"}}}")
            .then(200, "{\"results\":[" + owner("2", ",\"archived\":false") + "]}")
            // the archived list repeats an active owner: kept once, as first listed
            .then(
                200,
                "{\"results\":["
                    + owner("3", ",\"userIdIncludingInactive\":33")
                    + ","
                    + owner("1", ",\"archived\":true")
                    + "]}");

    List<Owner> owners = new OwnersApi(wire).list();

    assertThat(owners).extracting(Owner::id).containsExactly("1", "2", "3");
    assertThat(owners.get(0).teams()).containsExactly("Sales", "EMEA");
    assertThat(owners.get(0).userId()).isEqualTo(11L);
    assertThat(owners.get(0).archived()).isFalse();
    // archived=true lists archived owners: one that does not say so is taken as archived
    assertThat(owners.get(2).archived()).isTrue();
    assertThat(owners.get(2).userId()).isNull();
    assertThat(owners.get(2).userIdIncludingInactive()).isEqualTo(33L);
    assertThat(wire.requests)
        .extracting(ApiRequest::pathAndQuery)
        .containsExactly(
            "/crm/v3/owners?limit=500&archived=false",
            "/crm/v3/owners?limit=500&archived=false&after=MQ%3D%3D",
            "/crm/v3/owners?limit=500&archived=true");
  }

  @Test
  void aMissingScopeNamesTheScopeToAdd() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                403,
                "{\"status\":\"error\",\"message\":\"This app hasn't been granted all required"
                    + " scopes\",\"category\":\"MISSING_SCOPES\",\"errors\":[{\"message\":\"One or"
                    + " more\",\"context\":{\"requiredGranularScopes\":[\"crm.objects.owners.read\"]}}]}");

    assertThatThrownBy(() -> new OwnersApi(wire).list())
        .isInstanceOfSatisfying(
            MissingScopeException.class,
            e -> {
              assertThat(e.scope()).isEqualTo("crm.objects.owners.read");
              assertThat(e.category()).isEqualTo(FailureCategory.PERMISSION);
              assertThat(e.getMessage())
                  .contains("lacks the scope crm.objects.owners.read", "to have owners");
            });
  }

  @Test
  void anOwnerIdThatIsNotANumberIsNotHubSpotsAnswer() {
    ScriptedTransport wire =
        new ScriptedTransport().then(200, "{\"results\":[" + owner("../etc", "") + "]}");

    assertThatThrownBy(() -> new OwnersApi(wire).list())
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> {
              assertThat(e.category()).isEqualTo(FailureCategory.NOT_HUBSPOT);
              assertThat(e.getMessage()).contains("owner whose id '../etc' is not a number");
            });
  }

  @Test
  void aCursorSentTwiceEndsTheListingInsteadOfLooping() {
    String page = "{\"results\":[" + owner("1", "") + "],\"paging\":{\"next\":{\"after\":\"5\"}}}";
    ScriptedTransport wire = new ScriptedTransport().then(200, page).then(200, page);

    assertThatThrownBy(() -> new OwnersApi(wire).list())
        .isInstanceOf(HubSpotException.class)
        .hasMessageContaining("owners cursor '5' a second time");
    assertThat(wire.requests).hasSize(2);
  }
}
