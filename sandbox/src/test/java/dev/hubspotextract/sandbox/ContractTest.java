package dev.hubspotextract.sandbox;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates the sandbox's answers for every endpoint against HubSpot's official OpenAPI specs.
 * Where HubSpot's documented behaviour and its spec disagree, the sandbox follows HubSpot and
 * exactly that point is whitelisted.
 */
class ContractTest {
  /**
   * The documented differences between HubSpot's wire format and its specs; each rule matches one
   * kind of message at one JSON path.
   */
  private static final ValidationErrorsWhitelist HUBSPOT_NOT_SPEC =
      ValidationErrorsWhitelist.create()
          // "If a requested property is defined but a contact doesn't have a value, it will be
          // returned as null"
          // (contacts guide), although the spec types property values as strings
          .withRule(
              "property values may be null",
              allOf(
                  messageHasKey("validation.response.body.schema.type"),
                  messageContainsRegexp(
                      "^\\[Path '(/results/\\d+)?/properties/[^/']+'\\] Instance type \\(null\\)")))
          // the associations guide and real responses send toObjectId as a JSON number; the spec
          // says string
          .withRule(
              "toObjectId is a number",
              allOf(
                  messageHasKey("validation.response.body.schema.type"),
                  messageContainsRegexp(
                      "^\\[Path '/results/\\d+(/to/\\d+)?/toObjectId'\\] Instance type \\(integer\\)")))
          // unlabelled association types carry "label": null (associations guide); the spec says
          // string
          .withRule(
              "association labels may be null",
              allOf(
                  messageHasKey("validation.response.body.schema.type"),
                  messageContainsRegexp(
                      "^\\[Path '/results/\\d+(/to/\\d+)?/associationTypes/\\d+/label'\\] Instance type"
                          + " \\(null\\)")))
          // HubSpot's error bodies start with "status":"error" (error-handling guide) and 429
          // bodies carry
          // errorType, policyName and requestId (usage guidelines); the spec's Error allows none of
          // them
          .withRule(
              "error bodies carry status and rate-limit fields",
              allOf(
                  messageHasKey("validation.response.body.schema.additionalProperties"),
                  messageContainsRegexp(
                      "^Object instance has properties which are not allowed by the schema: \\[(\"(status|errorType"
                          + "|policyName|requestId)\",?)+\\]$")))
          // real error bodies carry subCategory as a string
          // (crm.associations.NO_ASSOCIATIONS_FOUND); the spec
          // types StandardError.subCategory as an object
          .withRule(
              "subCategory is a string",
              allOf(
                  messageHasKey("validation.response.body.schema.type"),
                  messageContainsRegexp(
                      "^\\[Path '/errors/\\d+/subCategory'\\] Instance type \\(string\\)")));

  private static final Map<String, OpenApiInteractionValidator> VALIDATORS =
      new ConcurrentHashMap<>();
  private static Path specs;
  private static Sandbox sandbox;
  private static SandboxClient client;

  @BeforeAll
  static void start() {
    String shared = System.getProperty("hubspot.shared.dir");
    specs = shared == null ? null : Path.of(shared, "hubspot-openapi");
    Assumptions.assumeTrue(
        specs != null && Files.isDirectory(specs),
        "../shared/hubspot-openapi not found beside the repository: skipping contract tests");
    sandbox = Sandbox.builder().records(300).start();
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static OpenApiInteractionValidator validator(String spec) {
    return VALIDATORS.computeIfAbsent(
        spec,
        s ->
            OpenApiInteractionValidator.createForSpecificationUrl(
                    specs.resolve(s).toUri().toString())
                .withWhitelist(HUBSPOT_NOT_SPEC)
                .build());
  }

  private static void assertConforms(
      String spec, Request.Method method, String specPath, HttpResponse<String> response) {
    SimpleResponse.Builder builder =
        SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
    response.headers().map().forEach((name, values) -> builder.withHeader(name, values));
    ValidationReport report = validator(spec).validateResponse(specPath, method, builder.build());
    assertThat(
            report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .collect(Collectors.toList()))
        .as(spec + " " + method + " " + specPath + " -> " + response.statusCode())
        .isEmpty();
  }

  private String firstId(String type) {
    return sandbox.portal().records(type).findFirst().orElseThrow().id();
  }

  @Test
  void listPagesOfEveryObjectTypeConformToTheObjectsSpec() {
    for (PortalObjectType type : sandbox.portal().objectTypes()) {
      String properties =
          sandbox.portal().properties(type.name()).stream()
              .map(PortalProperty::name)
              .collect(Collectors.joining(","));
      String path = "/crm/v3/objects/" + type.objectTypeId();
      HttpResponse<String> response =
          client.get(
              path + "?limit=100&properties=" + properties + "&associations=contacts,companies");
      assertThat(response.statusCode()).isEqualTo(200);
      assertConforms("v3/objects.json", Request.Method.GET, path, response);
    }
  }

  @Test
  void listGetBatchAndSearchConformToThePerObjectSpecs() {
    for (String[] spec :
        new String[][] {
          {"contacts", "v3/contacts.json", "/crm/v3/objects/contacts"},
          {"deals", "v3/deals.json", "/crm/v3/objects/0-3"},
          {"tickets", "v3/tickets.json", "/crm/v3/objects/tickets"},
          {"line_items", "v3/lineItems.json", "/crm/v3/objects/line_items"},
          {"notes", "v3/notes.json", "/crm/v3/objects/notes"},
          {
            "feedback_submissions",
            "v3/feedbackSubmissions.json",
            "/crm/v3/objects/feedback_submissions"
          }
        }) {
      String path = spec[2];
      String id = firstId(spec[0]);
      assertConforms(
          spec[1],
          Request.Method.GET,
          path,
          client.get(path + "?limit=10&propertiesWithHistory=hs_object_id,hubspot_owner_id"));
      assertConforms(spec[1], Request.Method.GET, path + "/" + id, client.get(path + "/" + id));
      assertConforms(
          spec[1],
          Request.Method.POST,
          path + "/batch/read",
          client.post(
              path + "/batch/read",
              "{\"properties\":[\"hubspot_owner_id\"],\"inputs\":[{\"id\":\""
                  + id
                  + "\"},{\"id\":\"1\"}]}"));
      assertConforms(
          spec[1],
          Request.Method.POST,
          path + "/search",
          client.post(
              path + "/search",
              "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"hs_object_id\",\"operator\":\"GT\","
                  + "\"value\":\"0\"}]}],\"limit\":5}"));
    }
  }

  @Test
  void propertyHistoriesConformOnListGetAndBatchRead() {
    // every kind of property and source: stages moved along pipelines, values cleared (""),
    // sources with and without ids, labels and users
    for (String[] spec :
        new String[][] {
          {"deals", "v3/deals.json", "/crm/v3/objects/0-3"},
          {"tickets", "v3/tickets.json", "/crm/v3/objects/tickets"},
          {"contacts", "v3/contacts.json", "/crm/v3/objects/contacts"}
        }) {
      String path = spec[2];
      String all =
          sandbox.portal().properties(spec[0]).stream()
              .map(PortalProperty::name)
              .collect(Collectors.joining(","));
      String ids =
          sandbox
              .portal()
              .records(spec[0])
              .limit(50)
              .map(r -> "{\"id\":\"" + r.id() + "\"}")
              .collect(Collectors.joining(","));
      HttpResponse<String> list = client.get(path + "?limit=50&propertiesWithHistory=" + all);
      assertThat(list.body()).contains("\"sourceLabel\"", "\"updatedByUserId\"", "\"value\":\"\"");
      assertConforms(spec[1], Request.Method.GET, path, list);
      assertConforms(
          spec[1],
          Request.Method.GET,
          path + "/" + firstId(spec[0]),
          client.get(path + "/" + firstId(spec[0]) + "?propertiesWithHistory=" + all));
      HttpResponse<String> batch =
          client.post(
              path + "/batch/read",
              "{\"properties\":[\"hs_object_id\"],\"propertiesWithHistory\":[\""
                  + all.replace(",", "\",\"")
                  + "\"],\"inputs\":["
                  + ids
                  + "]}");
      assertThat(batch.statusCode()).isEqualTo(200);
      assertConforms(spec[1], Request.Method.POST, path + "/batch/read", batch);
    }
  }

  @Test
  void batchReadWithMissingIdsConformsAsA207() {
    HttpResponse<String> response =
        client.post(
            "/crm/v3/objects/companies/batch/read",
            "{\"propertiesWithHistory\":[\"name\"],\"inputs\":[{\"id\":\""
                + firstId("companies")
                + "\"},{\"id\":\"7\"}]}");
    assertThat(response.statusCode()).isEqualTo(207);
    assertConforms(
        "v3/objects.json", Request.Method.POST, "/crm/v3/objects/companies/batch/read", response);
  }

  @Test
  void batchReadWithAnErrorOfAnotherCategoryConformsAsA207() {
    try (Sandbox faulty =
        Sandbox.builder().records(300).faults(FaultPlan.parse("batch-error=1")).start()) {
      List<String> ids =
          faulty.portal().records("companies").limit(4).map(PortalRecord::id).toList();
      HttpResponse<String> response =
          new SandboxClient(faulty)
              .post(
                  "/crm/v3/objects/companies/batch/read",
                  ids.stream()
                      .map(id -> "{\"id\":\"" + id + "\"}")
                      .collect(Collectors.joining(",", "{\"inputs\":[", ",{\"id\":\"7\"}]}")));
      assertThat(response.statusCode()).isEqualTo(207);
      assertThat(response.body()).contains("INTERNAL_ERROR").contains("OBJECT_NOT_FOUND");
      assertConforms(
          "v3/objects.json", Request.Method.POST, "/crm/v3/objects/companies/batch/read", response);
    }
  }

  @Test
  void propertiesConformToThePropertiesSpec() {
    for (String type : new String[] {"contacts", "deals", "pets"}) {
      String path = "/crm/v3/properties/" + type;
      assertConforms("v3/properties.json", Request.Method.GET, path, client.get(path));
    }
    for (String level : new String[] {"sensitive", "highly_sensitive"}) {
      String path = "/crm/v3/properties/contacts";
      HttpResponse<String> response = client.get(path + "?dataSensitivity=" + level);
      assertThat(response.body()).contains("\"dataSensitivity\":\"" + level + "\"");
      assertConforms("v3/properties.json", Request.Method.GET, path, response);
    }
  }

  @Test
  void schemasConformToTheSchemasSpecUnderBothPaths() {
    assertConforms(
        "v3/schemas.json",
        Request.Method.GET,
        "/crm-object-schemas/v3/schemas",
        client.get("/crm-object-schemas/v3/schemas"));
    assertConforms(
        "v3/schemas.json",
        Request.Method.GET,
        "/crm-object-schemas/v3/schemas",
        client.get("/crm/v3/schemas"));
    String typeId = sandbox.portal().objectType("vehicles").objectTypeId();
    assertConforms(
        "v3/schemas.json",
        Request.Method.GET,
        "/crm-object-schemas/v3/schemas/" + typeId,
        client.get("/crm-object-schemas/v3/schemas/" + typeId));
  }

  @Test
  void recordsLinksAndPropertiesChangedOnDemandStillConform() {
    try (Sandbox changed = Sandbox.builder().records(300).searchLag(Duration.ZERO).start()) {
      SandboxClient changedClient = new SandboxClient(changed);
      ChangeReport report =
          changed
              .portal()
              .apply(
                  ChangeSet.of("contacts")
                      .create(5)
                      .update(5)
                      .bulkUpdate(5)
                      .archive(5)
                      .delete(5)
                      .relink(5)
                      .newProperty("favourite_colour"));
      String path = "/crm/v3/objects/contacts";
      String properties = "?limit=100&properties=email,favourite_colour";
      assertConforms(
          "v3/contacts.json", Request.Method.GET, path, changedClient.get(path + properties));
      assertConforms(
          "v3/contacts.json",
          Request.Method.GET,
          path,
          changedClient.get(path + properties + "&archived=true"));
      assertConforms(
          "v3/contacts.json",
          Request.Method.POST,
          path + "/search",
          changedClient.post(
              path + "/search",
              "{\"filters\":[{\"propertyName\":\"hs_object_id\",\"operator\":\"EQ\",\"value\":\""
                  + report.created().get(0)
                  + "\"}],\"properties\":[\"favourite_colour\"]}"));
      assertConforms(
          "v3/properties.json",
          Request.Method.GET,
          "/crm/v3/properties/contacts",
          changedClient.get("/crm/v3/properties/contacts"));
      ChangeReport.LinkEdit edit = report.relinked().get(0);
      String links = "/crm/v4/associations/contacts/" + edit.toObject() + "/batch/read";
      assertConforms(
          "v4/associations.json",
          Request.Method.POST,
          links,
          changedClient.post(
              links,
              "{\"inputs\":[{\"id\":\""
                  + edit.id()
                  + "\"},{\"id\":\""
                  + report.deleted().get(0)
                  + "\"}]}"));
    }
  }

  @Test
  void associationReadsConformToTheV4Spec() {
    String path = "/crm/v4/associations/companies/contacts/batch/read";
    Portal portal = sandbox.portal();
    String lonely =
        portal
            .records("companies")
            .filter(c -> portal.associations("companies", "contacts", c.id()).isEmpty())
            .findFirst()
            .map(PortalRecord::id)
            .orElse("2"); // no record has id 2 (the small ids are 1, 51, 101, …)
    HttpResponse<String> batch =
        client.post(
            path,
            "{\"inputs\":[{\"id\":\"" + firstId("companies") + "\"},{\"id\":\"" + lonely + "\"}]}");
    assertThat(batch.statusCode()).isEqualTo(207);
    assertConforms("v4/associations.json", Request.Method.POST, path, batch);
    String single = "/crm/v4/objects/companies/" + firstId("companies") + "/associations/contacts";
    assertConforms(
        "v4/associations.json", Request.Method.GET, single, client.get(single + "?limit=2"));
  }

  @Test
  void ownersAndPipelinesConformToTheirSpecs() {
    // a page, every active owner (a queue without a last name or user), the archived ones
    for (String query : new String[] {"?limit=3", "?limit=500", "?limit=500&archived=true"}) {
      HttpResponse<String> owners = client.get("/crm/v3/owners" + query);
      assertThat(owners.statusCode()).isEqualTo(200);
      assertConforms("v3/crmOwners.json", Request.Method.GET, "/crm/v3/owners", owners);
    }
    for (String type : new String[] {"deals", "tickets", "0-3"}) {
      String path = "/crm/v3/pipelines/" + type;
      HttpResponse<String> pipelines = client.get(path);
      assertThat(pipelines.statusCode()).isEqualTo(200);
      assertConforms("v3/pipelines.json", Request.Method.GET, path, pipelines);
    }
    HttpResponse<String> none = client.get("/crm/v3/pipelines/contacts");
    assertThat(none.statusCode()).isEqualTo(400);
    assertConforms("v3/pipelines.json", Request.Method.GET, "/crm/v3/pipelines/contacts", none);
    try (Sandbox scoped = Sandbox.builder().records(10).withoutScopes(Set.of("owners")).start()) {
      HttpResponse<String> refused = new SandboxClient(scoped).get("/crm/v3/owners");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertConforms("v3/crmOwners.json", Request.Method.GET, "/crm/v3/owners", refused);
    }
  }

  @Test
  void propertiesWithOptionsConformToThePropertiesSpec() {
    // enumerations with options of their own (stages, pipelines) and owner properties, whose
    // options are HubSpot's owners (externalOptions, referencedObjectType OWNER)
    for (String type : new String[] {"deals", "tickets", "companies"}) {
      String path = "/crm/v3/properties/" + type;
      HttpResponse<String> response = client.get(path);
      assertThat(response.body()).contains("\"referencedObjectType\":\"OWNER\"");
      assertThat(response.body()).contains("\"options\":[{");
      assertConforms("v3/properties.json", Request.Method.GET, path, response);
    }
  }

  @Test
  void errorAnswersConformToTheErrorSchema() {
    assertConforms(
        "v3/objects.json",
        Request.Method.GET,
        "/crm/v3/objects/contacts",
        new SandboxClient(sandbox, "pat-na1-wrong").get("/crm/v3/objects/contacts"));
    assertConforms(
        "v3/objects.json",
        Request.Method.GET,
        "/crm/v3/objects/contacts",
        client.get("/crm/v3/objects/contacts?limit=500"));
    assertConforms(
        "v3/objects.json",
        Request.Method.GET,
        "/crm/v3/objects/contacts/1",
        client.get("/crm/v3/objects/contacts/1"));
    try (Sandbox scoped =
        Sandbox.builder()
            .records(10)
            .withoutScopes(Set.of("deals", "contacts.sensitive"))
            .broken(Set.of("tickets"))
            .start()) {
      SandboxClient scopedClient = new SandboxClient(scoped);
      assertConforms(
          "v3/objects.json",
          Request.Method.GET,
          "/crm/v3/objects/deals",
          scopedClient.get("/crm/v3/objects/deals"));
      HttpResponse<String> sensitive =
          scopedClient.get("/crm/v3/properties/contacts?dataSensitivity=sensitive");
      assertThat(sensitive.statusCode()).isEqualTo(403);
      assertConforms(
          "v3/properties.json", Request.Method.GET, "/crm/v3/properties/contacts", sensitive);
      HttpResponse<String> sensitiveValues =
          scopedClient.get("/crm/v3/objects/contacts?properties=passport_number");
      assertThat(sensitiveValues.statusCode()).isEqualTo(403);
      assertConforms(
          "v3/contacts.json", Request.Method.GET, "/crm/v3/objects/contacts", sensitiveValues);
      HttpResponse<String> broken = scopedClient.get("/crm/v3/objects/tickets");
      assertThat(broken.statusCode()).isEqualTo(500);
      assertConforms("v3/tickets.json", Request.Method.GET, "/crm/v3/objects/tickets", broken);
    }
    try (Sandbox limited =
        Sandbox.builder().records(10).rateLimit(RateLimitTier.FREE).dailyLimit(1).start()) {
      SandboxClient limitedClient = new SandboxClient(limited);
      limitedClient.get("/crm/v3/objects/deals");
      HttpResponse<String> rejected = limitedClient.get("/crm/v3/objects/deals");
      assertThat(rejected.statusCode()).isEqualTo(429);
      assertConforms("v3/objects.json", Request.Method.GET, "/crm/v3/objects/deals", rejected);
    }
    try (Sandbox limited =
        Sandbox.builder().records(10).rateLimit(RateLimitTier.FREE).secondlyLimit(true).start()) {
      SandboxClient limitedClient = new SandboxClient(limited);
      HttpResponse<String> secondly = null;
      for (int i = 0; i < 30 && (secondly == null || secondly.statusCode() != 429); i++) {
        secondly = limitedClient.get("/crm/v3/objects/deals");
      }
      assertThat(secondly.statusCode()).isEqualTo(429);
      assertConforms("v3/objects.json", Request.Method.GET, "/crm/v3/objects/deals", secondly);
      HttpResponse<String> search = null;
      for (int i = 0; i < 30 && (search == null || search.statusCode() != 429); i++) {
        search = limitedClient.post("/crm/v3/objects/deals/search", "{\"limit\":1}");
      }
      assertThat(search.statusCode()).isEqualTo(429);
      assertConforms(
          "v3/objects.json", Request.Method.POST, "/crm/v3/objects/deals/search", search);
    }
  }
}
