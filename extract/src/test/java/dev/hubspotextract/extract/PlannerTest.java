package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.Pacer;
import dev.hubspotextract.client.RecordFetch;
import dev.hubspotextract.client.UserText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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

  /** Properties contacts have besides the three every object has: enough makes them wide. */
  private int contactsExtraProperties;

  private ApiResponse answer(ApiRequest request) {
    requested.add(request.path());
    String extra =
        request.path().equals("/crm/v3/properties/contacts")
            ? IntStream.range(0, contactsExtraProperties)
                .mapToObj(i -> String.format(Locale.ROOT, ",{\"name\":\"custom_field_%04d\"}", i))
                .collect(Collectors.joining())
            : "";
    String body =
        request.path().startsWith("/crm-object-schemas/")
            ? "{\"results\":[{\"id\":\"101\",\"name\":\"pets\",\"objectTypeId\":\"2-101\","
                + "\"fullyQualifiedName\":\"p42_pets\",\"labels\":{}}]}"
            : "{\"results\":[{\"name\":\"zeta\",\"type\":\"string\",\"fieldType\":\"text\"},"
                + "{\"name\":\"alpha\",\"type\":\"number\",\"fieldType\":\"number\",\"options\":[]},"
                + "{\"name\":\"hs_object_id\",\"type\":\"number\",\"fieldType\":\"number\"}"
                + extra
                + "]}";
    return new ApiResponse(
        200,
        Map.of("Content-Type", List.of("application/json")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private Plan plan(List<String> objects, AssociationSelection associations) {
    return plan(
        request(objects, associations, List.of(), OptionalLong.empty(), ReadOptions.DEFAULT));
  }

  private static PullRequest request(
      List<String> objects,
      AssociationSelection associations,
      List<String> properties,
      OptionalLong recordLimit,
      ReadOptions reads) {
    return new PullRequest(
        objects, associations, properties, recordLimit, Path.of("out"), Set.of(), reads);
  }

  /** Deals alone, no association file. */
  private static PullRequest deals(List<String> properties, OptionalLong limit, ReadOptions reads) {
    return request(List.of("deals"), none(), properties, limit, reads);
  }

  private Plan plan(PullRequest request) {
    return new Planner(client, "https://api.hubapi.com").plan(request);
  }

  private static AssociationSelection none() {
    return new AssociationSelection.None();
  }

  /** Pairs as {@code from:to}. */
  private static AssociationSelection listed(String... pairs) {
    return new AssociationSelection.Listed(
        Stream.of(pairs)
            .map(pair -> pair.split(":"))
            .map(sides -> new AssociationSelection.Pair(sides[0], sides[1], List.of()))
            .toList());
  }

  private static List<String> names(Plan plan) {
    return plan.objects().stream().map(o -> o.type().name()).toList();
  }

  @Test
  void theThirteenStandardNamesNeedNoCustomObjectLookup() {
    Plan plan =
        plan(
            List.of(
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
                "tasks"),
            new AssociationSelection.Defaults());

    assertThat(names(plan))
        .containsExactlyElementsOf(ObjectCatalog.STANDARD.stream().map(ObjectType::name).toList());
    assertThat(requested).noneMatch(path -> path.contains("schemas"));
  }

  @Test
  void takesNamesInAnyCaseSingularOrPluralAndTypeIds() {
    assertThat(names(plan(List.of("Contact", "DEALS", "line_item", "0-5", "Company"), none())))
        .containsExactly("contacts", "deals", "line_items", "tickets", "companies");
  }

  @Test
  void findsCustomObjectsByNameFullyQualifiedNameOrTypeIdThroughTheSchemasApi() {
    for (String typed : List.of("pets", "pet", "p42_pets", "2-101")) {
      Plan plan = plan(List.of(typed), none());
      assertThat(names(plan)).containsExactly("pets");
      assertThat(plan.objects().get(0).type().apiName()).isEqualTo("2-101");
    }
    assertThat(requested).contains("/crm-object-schemas/v3/schemas", "/crm/v3/properties/2-101");
  }

  @Test
  void allMeansEveryStandardAndCustomObject() {
    assertThat(names(plan(List.of("all"), none()))).hasSize(14).endsWith("pets");
  }

  @Test
  void aLikelyTypoIsOneSlipFromAStandardNameButACustomNameNearOneIsNot() {
    assertThat(ObjectCatalog.likelyTypoOf("compnies")).contains("companies");
    assertThat(ObjectCatalog.likelyTypoOf("lineitem")).isEmpty(); // a valid spelling
    assertThat(ObjectCatalog.likelyTypoOf("leads"))
        .isEmpty(); // two edits from deals: may be custom
    assertThat(ObjectCatalog.likelyTypoOf("pets")).isEmpty();
    assertThat(ObjectCatalog.likelyTypoOf("tickts")).contains("tickets");
  }

  @Test
  void anUnknownObjectIsAUsageErrorListingTheValidNames() {
    assertThatThrownBy(
            () -> plan(List.of("contacts", "widgets"), new AssociationSelection.Defaults()))
        .isInstanceOfSatisfying(
            ExtractException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.USAGE))
        .hasMessageContaining("unknown object 'widgets'")
        .hasMessageContaining("contacts, companies, deals, tickets")
        .hasMessageContaining("pets")
        .message()
        .as("the engine names no command-line flag")
        .doesNotContain("--");
    assertThat(requested).doesNotContain("/crm/v3/properties/contacts");
  }

  @Test
  void writesTheDefaultPairsAmongTheChosenObjectsOnly() {
    Plan plan =
        plan(
            List.of("contacts", "deals", "companies", "notes"),
            new AssociationSelection.Defaults());

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
    assertThat(plan(List.of("deals", "companies"), none()).pairs()).isEmpty();
    assertThat(
            plan(List.of("deals"), listed("companies:deals", "Contact:pet", "company:deal"))
                .pairs())
        .extracting(AssociationPair::name)
        .containsExactly("companies_deals", "contacts_pets");
  }

  @Test
  void columnsAreEveryPropertyAscendingByNameOrOnlyThoseAsked() {
    assertThat(plan(List.of("deals"), none()).objects().get(0).propertyNames())
        .containsExactly("alpha", "hs_object_id", "zeta");
    assertThat(
            plan(deals(List.of("zeta", "alpha"), OptionalLong.empty(), ReadOptions.DEFAULT))
                .objects()
                .get(0)
                .propertyNames())
        .containsExactly("alpha", "zeta");
    assertThatThrownBy(
            () -> plan(deals(List.of("zeta", "nope"), OptionalLong.empty(), ReadOptions.DEFAULT)))
        .hasMessageContaining("the properties asked for name nope");
  }

  @Test
  void eachObjectIsReadAsTheRequestAsksUnlessARecordLimitEndsItEarly() {
    OptionalLong every = OptionalLong.empty();
    RecordFetch listed = RecordFetch.LIST_WITH_PROPERTIES;
    assertThat(readMode(deals(List.of(), every, ReadOptions.DEFAULT)))
        .isEqualTo(new ReadMode.SplitCursors(ReadOptions.DEFAULT_CURSORS, listed));
    assertThat(readMode(deals(List.of(), every, new ReadOptions(1, false))))
        .isEqualTo(new ReadMode.OneCursor(listed));
    assertThat(readMode(deals(List.of(), every, new ReadOptions(4, true))))
        .isEqualTo(new ReadMode.SearchWalk(listed));
    assertThat(readMode(deals(List.of(), OptionalLong.of(10), new ReadOptions(4, true))))
        .isEqualTo(new ReadMode.OneCursor(listed));
  }

  @Test
  void aWideObjectIsPlannedToListIdsThenBatchReadWhatEverItsCursors() {
    contactsExtraProperties = 2_000; // a list URL naming them all would be answered 414

    Plan plan =
        plan(
            request(
                List.of("contacts", "deals"),
                none(),
                List.of(),
                OptionalLong.empty(),
                ReadOptions.DEFAULT));
    Plan limited =
        plan(
            request(
                List.of("contacts"), none(), List.of(), OptionalLong.of(5), ReadOptions.DEFAULT));

    assertThat(plan.objects())
        .extracting(PlannedObject::readMode)
        .containsExactly(
            new ReadMode.SplitCursors(
                ReadOptions.DEFAULT_CURSORS, RecordFetch.LIST_IDS_THEN_BATCH_READ),
            new ReadMode.SplitCursors(
                ReadOptions.DEFAULT_CURSORS, RecordFetch.LIST_WITH_PROPERTIES));
    assertThat(limited.objects().get(0).readMode())
        .isEqualTo(new ReadMode.OneCursor(RecordFetch.LIST_IDS_THEN_BATCH_READ));
    // the properties asked for decide it, not the object: a few of them fit a GET again
    assertThat(
            plan(request(
                    List.of("contacts"),
                    none(),
                    List.of("alpha", "custom_field_0001"),
                    OptionalLong.empty(),
                    ReadOptions.DEFAULT))
                .objects()
                .get(0)
                .readMode()
                .fetch())
        .isEqualTo(RecordFetch.LIST_WITH_PROPERTIES);
  }

  @Test
  void theDryRunSaysHowEachObjectsRecordsAreFetched() {
    contactsExtraProperties = 2_000;

    String described =
        plan(List.of("contacts", "deals"), none()).describe(name -> name + ".csv", UserText::text);

    assertThat(described.lines().map(String::strip).filter(line -> line.startsWith("read: ")))
        .containsExactly(
            "read: 4 list cursors on id ranges past the first page; ids listed, then batch read"
                + " (too many properties for a GET)",
            "read: 4 list cursors on id ranges past the first page; records listed with their"
                + " properties");
  }

  @Test
  void theFingerprintStillWritesTheFetchAsTheBatchReadFlagItWas() {
    contactsExtraProperties = 2_000;

    Plan plan = plan(List.of("contacts", "deals"), none());

    // what the plan's fingerprint digests, as the version before read modes carried the fetch
    // wrote it: a pull it stopped resumes
    StringBuilder text =
        new StringBuilder("v1\n").append(plan.source()).append('\n').append(Long.MAX_VALUE);
    for (PlannedObject object : plan.objects()) {
      text.append("\nobject ")
          .append(object.type().name())
          .append(' ')
          .append(object.type().apiName())
          .append(' ')
          .append(object.type().name().equals("contacts"))
          .append(' ')
          .append(String.join(",", object.propertyNames()));
    }
    assertThat(plan.fingerprint()).isEqualTo(sha256(text.toString()));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private ReadMode readMode(PullRequest request) {
    return plan(request).objects().get(0).readMode();
  }
}
