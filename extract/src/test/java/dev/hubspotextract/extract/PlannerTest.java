package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.Pacer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final List<String> requested = new ArrayList<>();

  /** A hand-written fake HubSpot: three properties per object, one custom object "pets". */
  private final HubSpotClient client =
      HubSpotClient.builder()
          .token("pat-na1-test")
          .pacer(Pacer.UNLIMITED)
          .transport(this::answer)
          .build();

  private ApiResponse answer(ApiRequest request) {
    requested.add(request.path());
    String body =
        request.path().startsWith("/crm-object-schemas/")
            ? "{\"results\":[{\"id\":\"101\",\"name\":\"pets\",\"objectTypeId\":\"2-101\","
                + "\"fullyQualifiedName\":\"p42_pets\",\"labels\":{}}]}"
            : "{\"results\":[{\"name\":\"zeta\",\"type\":\"string\",\"fieldType\":\"text\"},"
                + "{\"name\":\"alpha\",\"type\":\"number\",\"fieldType\":\"number\",\"options\":[]},"
                + "{\"name\":\"hs_object_id\",\"type\":\"number\",\"fieldType\":\"number\"}]}";
    return new ApiResponse(
        200,
        Map.of("Content-Type", List.of("application/json")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private Plan plan(String objects, String associations, String properties) {
    return new Planner(client, "https://api.hubapi.com")
        .plan(
            new PullOptions(
                Planner.splitList(objects),
                associations,
                Planner.splitList(properties),
                Long.MAX_VALUE,
                Path.of("out"),
                null,
                null,
                List.of()));
  }

  private static List<String> names(Plan plan) {
    return plan.objects().stream().map(o -> o.type().name()).toList();
  }

  @Test
  void readsTheOriginalConnectorsDefaultObjectListWithItsNotesDotTasksTypo() {
    Plan plan =
        plan(
            "contacts,companies,deals,tickets,products,line_items,quotes,feedback_submissions,"
                + "calls,emails,meetings,notes.tasks",
            null,
            null);

    assertThat(names(plan))
        .containsExactlyElementsOf(ObjectCatalog.STANDARD.stream().map(ObjectType::name).toList());
    assertThat(requested).noneMatch(path -> path.contains("schemas"));
  }

  @Test
  void takesNamesInAnyCaseSingularOrPluralAndTypeIds() {
    assertThat(names(plan("Contact, DEALS;line_item,0-5,Company", "none", null)))
        .containsExactly("contacts", "deals", "line_items", "tickets", "companies");
  }

  @Test
  void findsCustomObjectsByNameFullyQualifiedNameOrTypeIdThroughTheSchemasApi() {
    for (String typed : List.of("pets", "pet", "p42_pets", "2-101")) {
      Plan plan = plan(typed, "none", null);
      assertThat(names(plan)).containsExactly("pets");
      assertThat(plan.objects().get(0).type().apiName()).isEqualTo("2-101");
    }
    assertThat(requested).contains("/crm-object-schemas/v3/schemas", "/crm/v3/properties/2-101");
  }

  @Test
  void allMeansEveryStandardAndCustomObject() {
    assertThat(names(plan("all", "none", null))).hasSize(14).endsWith("pets");
  }

  @Test
  void aMistypedStandardNameIsRejectedWithoutAnyRequestButACustomNameNearOneIsNot() {
    assertThatThrownBy(() -> plan("compnies", null, null))
        .hasMessageContaining("did you mean companies?");
    assertThat(requested).isEmpty();
    assertThat(ObjectCatalog.likelyTypoOf("lineitem")).isEmpty(); // a valid spelling
    assertThat(ObjectCatalog.likelyTypoOf("leads"))
        .isEmpty(); // two edits from deals: may be custom
    assertThat(ObjectCatalog.likelyTypoOf("pets")).isEmpty();
    assertThat(ObjectCatalog.likelyTypoOf("tickts")).contains("tickets");
  }

  @Test
  void anUnknownObjectIsAUsageErrorListingTheValidNames() {
    assertThatThrownBy(() -> plan("contacts,widgets", null, null))
        .isInstanceOfSatisfying(
            ExtractException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.USAGE))
        .hasMessageContaining("unknown object 'widgets'")
        .hasMessageContaining("contacts, companies, deals, tickets")
        .hasMessageContaining("pets");
    assertThat(requested).doesNotContain("/crm/v3/properties/contacts");
  }

  @Test
  void writesTheDefaultPairsAmongTheChosenObjectsOnly() {
    Plan plan = plan("contacts,deals,companies,notes", null, null);

    assertThat(plan.pairs())
        .extracting(AssociationPair::name)
        .containsExactly(
            "deals_companies",
            "deals_contacts",
            "companies_contacts",
            "notes_contacts",
            "notes_companies",
            "notes_deals");
  }

  @Test
  void associationsNoneOrExplicitPairsReplaceTheDefaults() {
    assertThat(plan("deals,companies", "none", null).pairs()).isEmpty();
    assertThat(plan("deals", "companies:deals,Contact:pet", null).pairs())
        .extracting(AssociationPair::name)
        .containsExactly("companies_deals", "contacts_pets");
  }

  @Test
  void columnsAreEveryPropertyAscendingByNameOrOnlyThoseAsked() {
    assertThat(plan("deals", "none", null).objects().get(0).propertyNames())
        .containsExactly("alpha", "hs_object_id", "zeta");
    assertThat(plan("deals", "none", "zeta,alpha").objects().get(0).propertyNames())
        .containsExactly("alpha", "zeta");
    assertThatThrownBy(() -> plan("deals", "none", "zeta,nope"))
        .hasMessageContaining("--properties names nope");
  }

  @Test
  void rejectsInputsThatDoNotGoTogetherBeforeAnyRequest() {
    List<PullOptions> bad =
        List.of(
            new PullOptions(List.of(), null, List.of(), 0, Path.of("o"), null, null, List.of()),
            new PullOptions(List.of(), null, List.of(), 5, Path.of("o"), "deals", null, List.of()),
            new PullOptions(List.of(), null, List.of(), 5, Path.of("o"), null, null, List.of("1")),
            new PullOptions(
                List.of(), null, List.of(), 5, Path.of("o"), "deals", "companies", List.of("x1")),
            new PullOptions(
                List.of(), "deals-companies", List.of(), 5, Path.of("o"), null, null, List.of()));
    for (PullOptions options : bad) {
      assertThatThrownBy(() -> Planner.validate(options)).isInstanceOf(ExtractException.class);
    }
    assertThat(requested).isEmpty();
  }
}
