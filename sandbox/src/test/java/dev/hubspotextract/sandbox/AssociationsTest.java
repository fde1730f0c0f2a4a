package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AssociationsTest {
  private static Sandbox sandbox;
  private static SandboxClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.builder().records(5000).associationPageSize(500).start();
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void everyPairAgreesInBothDirections() {
    Portal portal = sandbox.portal();
    for (List<String> pair : portal.associationPairs()) {
      String child = pair.get(0);
      String parent = pair.get(1);
      Set<String> forward = new HashSet<>();
      portal
          .records(child)
          .limit(300)
          .forEach(
              r ->
                  portal
                      .associations(child, parent, r.id())
                      .forEach(a -> forward.add(r.id() + ">" + a.toId())));
      assertThat(forward).as(child + " to " + parent).isNotEmpty();
      for (String link : forward) {
        String[] ids = link.split(">");
        assertThat(portal.associations(parent, child, ids[1]))
            .as(parent + " " + ids[1] + " back to " + child)
            .extracting(PortalAssociation::toId)
            .contains(ids[0]);
      }
    }
  }

  @Test
  void primaryLinksCarryTwoTypesAndSomeDealContactLinksAreLabelled() {
    Portal portal = sandbox.portal();
    PortalRecord contact =
        portal
            .records("contacts")
            .filter(r -> !portal.associations("contacts", "companies", r.id()).isEmpty())
            .findFirst()
            .orElseThrow();
    List<PortalAssociation> types = portal.associations("contacts", "companies", contact.id());
    assertThat(types).extracting(PortalAssociation::typeId).contains(1, 279);
    assertThat(types)
        .filteredOn(a -> a.typeId() == 279)
        .extracting(PortalAssociation::label)
        .containsOnlyNulls();
    boolean labelled =
        portal
            .records("deals")
            .limit(200)
            .flatMap(d -> portal.associations("deals", "contacts", d.id()).stream())
            .anyMatch(
                a -> a.category().equals("USER_DEFINED") && "Decision maker".equals(a.label()));
    assertThat(labelled).isTrue();
  }

  @Test
  void aWhaleCompanyWithMoreThanAThousandContactsPagesPerInput() {
    String whale = sandbox.portal().records("companies").findFirst().orElseThrow().id();
    List<Long> contactIds = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      String input =
          "{\"id\":\"" + whale + "\"" + (after == null ? "" : ",\"after\":\"" + after + "\"") + "}";
      JsonNode body =
          SandboxClient.json(
              client.post(
                  "/crm/v4/associations/companies/contacts/batch/read",
                  "{\"inputs\":[" + input + "]}"));
      JsonNode result = body.path("results").get(0);
      result
          .path("to")
          .forEach(
              t -> {
                assertThat(t.path("toObjectId").isNumber()).isTrue();
                contactIds.add(t.path("toObjectId").asLong());
              });
      after = result.path("paging").path("next").path("after").asText(null);
      pages++;
    } while (after != null);
    assertThat(contactIds.size()).isGreaterThan(1000);
    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThat(contactIds).doesNotHaveDuplicates().isSorted();
    assertThat(contactIds.size())
        .isEqualTo(
            sandbox.portal().associations("companies", "contacts", whale).stream()
                .map(PortalAssociation::toId)
                .distinct()
                .count());
  }

  @Test
  void inputsWithoutAssociationsGive207NoAssociationsFound() {
    Portal portal = sandbox.portal();
    String lonely =
        portal
            .records("deals")
            .filter(d -> portal.associations("deals", "companies", d.id()).isEmpty())
            .findFirst()
            .orElseThrow()
            .id();
    String linked =
        portal
            .records("deals")
            .filter(d -> !portal.associations("deals", "companies", d.id()).isEmpty())
            .findFirst()
            .orElseThrow()
            .id();
    HttpResponse<String> response =
        client.post(
            "/crm/v4/associations/deal/company/batch/read",
            "{\"inputs\":[{\"id\":\"" + lonely + "\"},{\"id\":\"" + linked + "\"}]}");
    assertThat(response.statusCode()).isEqualTo(207);
    JsonNode body = SandboxClient.json(response);
    assertThat(body.path("results")).hasSize(1);
    JsonNode error = body.path("errors").get(0);
    assertThat(error.path("subCategory").asText())
        .isEqualTo("crm.associations.NO_ASSOCIATIONS_FOUND");
    assertThat(error.path("context").path("fromObjectId").get(0).asText()).isEqualTo(lonely);
  }

  @Test
  void moreThanAThousandInputsAreRejected() {
    StringBuilder inputs = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      inputs.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\"}");
    }
    assertThat(
            client
                .post(
                    "/crm/v4/associations/deals/contacts/batch/read",
                    "{\"inputs\":[" + inputs + "]}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void theSingleRecordEndpointPagesAtItsLimit() {
    String whale = sandbox.portal().records("companies").findFirst().orElseThrow().id();
    JsonNode first =
        SandboxClient.json(
            client.get("/crm/v4/objects/0-2/" + whale + "/associations/0-1?limit=500"));
    assertThat(first.path("results")).hasSize(500);
    String after = first.path("paging").path("next").path("after").asText();
    JsonNode second =
        SandboxClient.json(
            client.get(
                "/crm/v4/objects/companies/"
                    + whale
                    + "/associations/contacts?limit=500&after="
                    + after));
    assertThat(second.path("results").get(0).path("toObjectId").asLong())
        .isGreaterThan(first.path("results").get(499).path("toObjectId").asLong());
    assertThat(
            client
                .get("/crm/v4/objects/companies/" + whale + "/associations/contacts?limit=501")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void listCanIncludeLegacyAssociationIds() {
    Portal portal = sandbox.portal();
    PortalRecord contact =
        portal
            .records("contacts")
            .filter(r -> !portal.associations("contacts", "companies", r.id()).isEmpty())
            .findFirst()
            .orElseThrow();
    JsonNode record =
        SandboxClient.json(
            client.get("/crm/v3/objects/contacts/" + contact.id() + "?associations=companies"));
    JsonNode results = record.path("associations").path("companies").path("results");
    assertThat(results.size()).isGreaterThanOrEqualTo(1);
    assertThat(results.get(0).path("type").asText()).startsWith("contact_to_company");
  }

  private static String batchInput(String id, String after) {
    return "{\"inputs\":[{\"id\":\""
        + id
        + "\""
        + (after == null ? "" : ",\"after\":\"" + after + "\"")
        + "}]}";
  }

  @Test
  void batchCursorsAreOpaquePercentEncodedTokensAcceptedAsSentOrOnceDecodedButNotTwiceEncoded() {
    String whale = sandbox.portal().records("companies").findFirst().orElseThrow().id();
    String path = "/crm/v4/associations/companies/contacts/batch/read";
    JsonNode first = SandboxClient.json(client.post(path, batchInput(whale, null)));
    JsonNode firstTo = first.path("results").get(0).path("to");
    String after = first.path("results").get(0).path("paging").path("next").path("after").asText();

    // like HubSpot's "MC0yLTc1MDI%3D": base64 of "<typeId>-<id>", its padding percent-encoded
    assertThat(after).endsWith("%3D").doesNotContain("=").doesNotMatch("\\d+");
    String onceDecoded = after.replace("%3D", "=");
    assertThat(new String(Base64.getDecoder().decode(onceDecoded), StandardCharsets.US_ASCII))
        .startsWith("0-1-");

    JsonNode asSent = SandboxClient.json(client.post(path, batchInput(whale, after)));
    JsonNode decoded = SandboxClient.json(client.post(path, batchInput(whale, onceDecoded)));
    assertThat(asSent.path("results")).isEqualTo(decoded.path("results"));
    assertThat(asSent.path("results").get(0).path("to").get(0).path("toObjectId").asLong())
        .isGreaterThan(firstTo.get(firstTo.size() - 1).path("toObjectId").asLong());

    HttpResponse<String> twice =
        client.post(path, batchInput(whale, after.replace("%3D", "%253D")));
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(SandboxClient.json(twice).path("message").asText())
        .contains("percent-encoded twice");
    String plainId = firstTo.get(firstTo.size() - 1).path("toObjectId").asText();
    assertThat(client.post(path, batchInput(whale, plainId)).statusCode()).isEqualTo(400);
    String dealCursor =
        Base64.getEncoder()
            .encodeToString(("0-3-" + plainId).getBytes(StandardCharsets.US_ASCII))
            .replace("=", "%3D");
    assertThat(client.post(path, batchInput(whale, dealCursor)).statusCode()).isEqualTo(400);
  }

  @Test
  void singleRecordCursorsComeBackEncodedOnceOnTheWireOrRawAsTheLinkCarriesThem() {
    String whale = sandbox.portal().records("companies").findFirst().orElseThrow().id();
    String path = "/crm/v4/objects/companies/" + whale + "/associations/contacts";
    JsonNode first = SandboxClient.json(client.get(path + "?limit=100"));
    String after = first.path("paging").path("next").path("after").asText();
    assertThat(after).endsWith("%3D");
    assertThat(first.path("paging").path("next").path("link").asText()).endsWith("after=" + after);

    // a client that encodes the query parameter sends %253D, which the server decodes to %3D
    JsonNode encoded =
        SandboxClient.json(
            client.get(
                path + "?limit=100&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
    // the token pasted raw, as the link carries it, arrives once decoded
    JsonNode raw = SandboxClient.json(client.get(path + "?limit=100&after=" + after));
    assertThat(encoded.path("results")).isEqualTo(raw.path("results"));
    assertThat(encoded.path("results").get(0).path("toObjectId").asLong())
        .isGreaterThan(first.path("results").get(99).path("toObjectId").asLong());

    String encodedTwice =
        URLEncoder.encode(URLEncoder.encode(after, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThat(client.get(path + "?limit=100&after=" + encodedTwice).statusCode()).isEqualTo(400);
  }
}
