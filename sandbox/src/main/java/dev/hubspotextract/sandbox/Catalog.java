package dev.hubspotextract.sandbox;

import dev.hubspotextract.sandbox.PropertyDef.Kind;
import dev.hubspotextract.sandbox.PropertyDef.Option;
import dev.hubspotextract.sandbox.PropertyDef.Sensitivity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The portal's object types and their properties: HubSpot's default property names and types per
 * object, a few custom properties of every type, generated padding up to {@code contactProperties}
 * for contacts, and a few sensitive properties (contacts, deals) on top.
 *
 * <p>Sizes per N contacts: companies N/5, deals N/2, tickets N/4, products N/50, line_items N,
 * quotes N/10, feedback_submissions N/10, calls N/4, emails N/2, meetings N/5, notes N/2, tasks
 * N/4, pets N/10, vehicles N/20 (each at least 1 when N &gt; 0).
 */
final class Catalog {
  static final long PORTAL_ID = 24_681_357L;

  /**
   * Generated records are created within the three years before this instant
   * (2026-01-01T00:00:00Z).
   */
  static final long T_END = 1_767_225_600_000L;

  static final long T_START = T_END - 3L * 365 * 86_400_000L;
  static final int MIN_CONTACT_PROPERTIES = 6;

  final List<ObjectDef> objects = new ArrayList<>();
  private final Map<String, ObjectDef> byAlias = new LinkedHashMap<>();
  private final SplittableRandom random;
  private final long seed;

  Catalog(long records, int contactProperties, long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed ^ 0x5EEDL);
    buildAll(records, contactProperties);
    for (ObjectDef def : objects) {
      alias(def.name, def);
      alias(def.singular, def);
      alias(def.objectTypeId, def);
      if (def.fullyQualifiedName != null) {
        alias(def.fullyQualifiedName, def);
      }
    }
  }

  private void alias(String name, ObjectDef def) {
    byAlias.put(name.toLowerCase(Locale.ROOT), def);
  }

  /**
   * Resolves a path segment as HubSpot does: name, singular name, type id or fully qualified name.
   */
  ObjectDef resolve(String nameOrId) {
    return nameOrId == null ? null : byAlias.get(nameOrId.toLowerCase(Locale.ROOT));
  }

  static long count(long contacts, int numerator, int denominator) {
    return contacts == 0 ? 0 : Math.max(1, contacts * numerator / denominator);
  }

  // ---- building -------------------------------------------------------------------------------

  private void buildAll(long n, int contactProperties) {
    List<PropertyDef> contacts = new ArrayList<>(contactCore());
    contacts.addAll(contactMore());
    int target = contactProperties - 3; // hs_object_id, createdate and lastmodifieddate come on top
    if (contacts.size() > target) {
      contacts = new ArrayList<>(contacts.subList(0, target));
    }
    for (int i = 1; contacts.size() < target; i++) {
      contacts.add(padding(i));
    }
    contacts.addAll(contactSensitive()); // on top of the count: the default listing hides them
    add(
        "contacts",
        "contact",
        "0-1",
        null,
        "crm.objects.contacts.read",
        n,
        "createdate",
        "lastmodifieddate",
        contacts,
        List.of("firstname", "lastname", "email"),
        "Contact",
        "Contacts",
        "email");
    add(
        "companies",
        "company",
        "0-2",
        null,
        "crm.objects.companies.read",
        count(n, 1, 5),
        "createdate",
        "hs_lastmodifieddate",
        companies(),
        List.of("name", "domain"),
        "Company",
        "Companies",
        "name");
    add(
        "deals",
        "deal",
        "0-3",
        null,
        "crm.objects.deals.read",
        count(n, 1, 2),
        "createdate",
        "hs_lastmodifieddate",
        deals(),
        List.of("dealname", "amount", "closedate", "pipeline", "dealstage"),
        "Deal",
        "Deals",
        "dealname");
    add(
        "tickets",
        "ticket",
        "0-5",
        null,
        "tickets",
        count(n, 1, 4),
        "createdate",
        "hs_lastmodifieddate",
        tickets(),
        List.of(
            "content",
            "hs_pipeline",
            "hs_pipeline_stage",
            "hs_ticket_category",
            "hs_ticket_priority",
            "subject"),
        "Ticket",
        "Tickets",
        "subject");
    add(
        "products",
        "product",
        "0-7",
        null,
        "crm.objects.products.read",
        count(n, 1, 50),
        "createdate",
        "hs_lastmodifieddate",
        products(),
        List.of("name", "description", "price"),
        "Product",
        "Products",
        "name");
    add(
        "line_items",
        "line_item",
        "0-8",
        null,
        "crm.objects.line_items.read",
        count(n, 1, 1),
        "createdate",
        "hs_lastmodifieddate",
        lineItems(),
        List.of(),
        "Line item",
        "Line items",
        "name");
    add(
        "quotes",
        "quote",
        "0-14",
        null,
        "crm.objects.quotes.read",
        count(n, 1, 10),
        "hs_createdate",
        "hs_lastmodifieddate",
        quotes(),
        List.of(),
        "Quote",
        "Quotes",
        "hs_title");
    add(
        "feedback_submissions",
        "feedback_submission",
        "0-19",
        null,
        "crm.objects.feedback_submissions.read",
        count(n, 1, 10),
        "hs_createdate",
        "hs_lastmodifieddate",
        feedback(),
        List.of(),
        "Feedback submission",
        "Feedback submissions",
        "hs_survey_name");
    add(
        "calls",
        "call",
        "0-48",
        null,
        "crm.objects.calls.read",
        count(n, 1, 4),
        "hs_createdate",
        "hs_lastmodifieddate",
        calls(),
        List.of(),
        "Call",
        "Calls",
        "hs_call_title");
    add(
        "emails",
        "email",
        "0-49",
        null,
        "crm.objects.emails.read",
        count(n, 1, 2),
        "hs_createdate",
        "hs_lastmodifieddate",
        emails(),
        List.of(),
        "Email",
        "Emails",
        "hs_email_subject");
    add(
        "meetings",
        "meeting",
        "0-47",
        null,
        "crm.objects.meetings.read",
        count(n, 1, 5),
        "hs_createdate",
        "hs_lastmodifieddate",
        meetings(),
        List.of(),
        "Meeting",
        "Meetings",
        "hs_meeting_title");
    add(
        "notes",
        "note",
        "0-46",
        null,
        "crm.objects.notes.read",
        count(n, 1, 2),
        "hs_createdate",
        "hs_lastmodifieddate",
        notes(),
        List.of(),
        "Note",
        "Notes",
        "hs_note_body");
    add(
        "tasks",
        "task",
        "0-27",
        null,
        "crm.objects.tasks.read",
        count(n, 1, 4),
        "hs_createdate",
        "hs_lastmodifieddate",
        tasks(),
        List.of(),
        "Task",
        "Tasks",
        "hs_task_subject");
    add(
        "pets",
        "pet",
        "2-" + (PORTAL_ID % 1000 * 1000 + 101),
        "p" + PORTAL_ID + "_pets",
        "crm.objects.custom.read",
        count(n, 1, 10),
        "hs_createdate",
        "hs_lastmodifieddate",
        pets(),
        List.of("pet_name"),
        "Pet",
        "Pets",
        "pet_name");
    add(
        "vehicles",
        "vehicle",
        "2-" + (PORTAL_ID % 1000 * 1000 + 102),
        "p" + PORTAL_ID + "_vehicles",
        "crm.objects.custom.read",
        count(n, 1, 20),
        "hs_createdate",
        "hs_lastmodifieddate",
        vehicles(),
        List.of("vin"),
        "Vehicle",
        "Vehicles",
        "vin");
  }

  private void add(
      String name,
      String singular,
      String typeId,
      String fqn,
      String scope,
      long count,
      String created,
      String modified,
      List<PropertyDef> props,
      List<String> defaults,
      String labelSingular,
      String labelPlural,
      String primaryDisplay) {
    List<PropertyDef> all = new ArrayList<>();
    String group = singular.replace("_", "") + "information";
    all.add(
        new PropertyDef(
            "hs_object_id",
            "Record ID",
            "number",
            "number",
            group,
            Kind.ID,
            0,
            List.of(),
            new String[0],
            true));
    all.add(datetimeOf(created, "Create Date", group, Kind.CREATED));
    all.add(datetimeOf(modified, "Last Modified Date", group, Kind.MODIFIED));
    props.forEach(p -> all.add(p.withGroup(group)));
    List<String> defaultNames = new ArrayList<>(defaults);
    defaultNames.addAll(List.of("hs_object_id", created, modified));
    objects.add(
        new ObjectDef(
            name,
            singular,
            typeId,
            fqn,
            objects.size(),
            seed,
            scope,
            count,
            created,
            modified,
            all,
            defaultNames,
            labelSingular,
            labelPlural,
            primaryDisplay));
  }

  private static PropertyDef datetimeOf(String name, String label, String group, Kind kind) {
    return new PropertyDef(
        name, label, "datetime", "date", group, kind, 0, List.of(), new String[0], true);
  }

  // ---- property helpers -----------------------------------------------------------------------

  private PropertyDef text(String name, String label, int nullPm, String[] pool) {
    return new PropertyDef(
        name, label, "string", "text", "", Kind.POOL, nullPm, List.of(), pool, true);
  }

  private PropertyDef named(String name, String label, String[] pool) {
    return new PropertyDef(
        name, label, "string", "text", "", Kind.NAMED, 20, List.of(), pool, true);
  }

  private PropertyDef textarea(String name, String label, int nullPm, String[] pool) {
    return new PropertyDef(
        name, label, "string", "textarea", "", Kind.POOL, nullPm, List.of(), pool, true);
  }

  private PropertyDef html(String name, String label, int nullPm) {
    return new PropertyDef(
        name, label, "string", "html", "", Kind.POOL, nullPm, List.of(), ValuePools.HTML, true);
  }

  private PropertyDef number(
      String name, String label, int nullPm, int min, int max, int decimals) {
    String[] pool = new String[64];
    for (int i = 0; i < pool.length; i++) {
      long v = random.nextLong(min, max + 1L);
      if (decimals == 0) {
        pool[i] = Long.toString(v);
      } else {
        int cents = random.nextInt(100);
        pool[i] = cents == 0 ? Long.toString(v) : v + "." + (cents % 10 == 0 ? cents / 10 : cents);
      }
    }
    return new PropertyDef(
        name, label, "number", "number", "", Kind.POOL, nullPm, List.of(), pool, true);
  }

  private PropertyDef date(String name, String label, int nullPm) {
    String[] pool = new String[64];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = Timestamps.date(random.nextLong(T_START, T_END + 365L * 86_400_000L));
    }
    return new PropertyDef(
        name, label, "date", "date", "", Kind.POOL, nullPm, List.of(), pool, true);
  }

  private PropertyDef datetime(String name, String label, int nullPm) {
    String[] pool = new String[64];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = Timestamps.iso(random.nextLong(T_START, T_END + 365L * 86_400_000L));
    }
    return new PropertyDef(
        name, label, "datetime", "date", "", Kind.POOL, nullPm, List.of(), pool, true);
  }

  private PropertyDef phone(String name, String label, String type, int nullPm) {
    String[] pool = {
      "+1 (555) 010-1234",
      "+49 30 1234567",
      "555.123.4567",
      "+81-3-1234-5678",
      "",
      "+44 20 7946 0958 ext. 12",
      "0044 (0) 20 7946 0000",
      "+30 210 1234567"
    };
    return new PropertyDef(
        name, label, type, "phonenumber", "", Kind.POOL, nullPm, List.of(), pool, true);
  }

  private PropertyDef bool(String name, String label, int nullPm) {
    return new PropertyDef(
        name,
        label,
        "bool",
        "booleancheckbox",
        "",
        Kind.POOL,
        nullPm,
        List.of(new Option("Yes", "true"), new Option("No", "false")),
        new String[] {"true", "false"},
        true);
  }

  private PropertyDef select(String name, String label, int nullPm, String... values) {
    return new PropertyDef(
        name, label, "enumeration", "select", "", Kind.POOL, nullPm, options(values), values, true);
  }

  private PropertyDef radio(String name, String label, int nullPm, String... values) {
    return new PropertyDef(
        name, label, "enumeration", "radio", "", Kind.POOL, nullPm, options(values), values, true);
  }

  /**
   * Multi-select: values are non-empty subsets of the options joined by {@code ;}, in option order.
   */
  private PropertyDef multi(String name, String label, int nullPm, String... values) {
    int n = Math.min(values.length, 5);
    String[] pool = new String[(1 << n) - 1];
    for (int mask = 1; mask < 1 << n; mask++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if ((mask & 1 << i) != 0) {
          b.append(b.length() == 0 ? "" : ";").append(values[i]);
        }
      }
      pool[mask - 1] = b.toString();
    }
    return new PropertyDef(
        name, label, "enumeration", "checkbox", "", Kind.POOL, nullPm, options(values), pool, true);
  }

  /**
   * An owner property: its values are ids of every owner, archived ones too (old records keep the
   * owner they had), while its options list the active owners alone, as HubSpot's do.
   */
  private PropertyDef owner(String name) {
    String[] ids = Owners.EVERY.stream().map(o -> o.id()).toArray(String[]::new);
    List<Option> options = Owners.ACTIVE.stream().map(o -> new Option(o.label(), o.id())).toList();
    return new PropertyDef(
            name, "Owner", "enumeration", "select", "", Kind.POOL, 150, options, ids, true)
        .referencing("OWNER");
  }

  /**
   * An object's pipeline and stage properties: the stage picks from every stage of every pipeline,
   * and the pipeline, keyed like the stage on a pool aligned with it, is the stage's own.
   */
  private static List<PropertyDef> pipelineAndStage(
      String object, String pipeline, String pipelineLabel, String stage, String stageLabel) {
    List<Option> pipelines = new ArrayList<>();
    List<Option> stages = new ArrayList<>();
    for (Pipelines.Pipeline p : Pipelines.of(object)) {
      pipelines.add(new Option(p.label(), p.id()));
      p.stages().forEach(st -> stages.add(new Option(st.label(), st.id())));
    }
    return List.of(
        new PropertyDef(
                pipeline,
                pipelineLabel,
                "enumeration",
                "select",
                "",
                Kind.POOL,
                0,
                pipelines,
                Pipelines.pipelineOfEachStage(object),
                true)
            .keyedLike(stage),
        new PropertyDef(
            stage,
            stageLabel,
            "enumeration",
            "select",
            "",
            Kind.POOL,
            0,
            stages,
            Pipelines.stageIds(object),
            true));
  }

  private static List<Option> options(String... values) {
    return Arrays.stream(values).map(v -> new Option(labelOf(v), v)).toList();
  }

  private static String labelOf(String value) {
    String spaced = value.replace('_', ' ').toLowerCase(Locale.ROOT);
    return spaced.isEmpty() ? value : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  private static PropertyDef custom(PropertyDef p) {
    return new PropertyDef(
        p.name,
        p.label,
        p.type,
        p.fieldType,
        p.groupName,
        p.kind,
        p.nullPerMille,
        p.options,
        p.pool,
        false);
  }

  /**
   * A text property added to an object while the sandbox runs (see {@link ChangeSet#newProperty}):
   * custom, in the object's group, with values on every record, as a property filled by an import.
   */
  static PropertyDef addedProperty(ObjectDef def, String name) {
    return new PropertyDef(
        name,
        labelOf(name),
        "string",
        "text",
        def.property("hs_object_id").groupName,
        Kind.POOL,
        200,
        List.of(),
        ValuePools.SHORT_TEXT,
        false);
  }

  /** Generated custom contact properties, cycling through every HubSpot property type. */
  private PropertyDef padding(int i) {
    String name = String.format(Locale.ROOT, "custom_field_%04d", i);
    String label = "Custom field " + i;
    PropertyDef p =
        switch (i % 8) {
          case 0 -> text(name, label, 300, ValuePools.SHORT_TEXT);
          case 1 -> number(name, label, 300, -1000, 100_000, i % 3 == 0 ? 2 : 0);
          case 2 -> date(name, label, 300);
          case 3 -> datetime(name, label, 300);
          case 4 -> select(name, label, 300, "alpha", "beta", "gamma", "delta");
          case 5 -> multi(name, label, 300, "red", "green", "blue", "yellow");
          case 6 -> bool(name, label, 300);
          default -> phone(name, label, "phone_number", 300);
        };
    return custom(p);
  }

  // ---- the objects' properties ----------------------------------------------------------------

  private List<PropertyDef> contactCore() {
    return List.of(
        new PropertyDef(
            "email",
            "Email",
            "string",
            "text",
            "",
            Kind.EMAIL,
            30,
            List.of(),
            new String[] {"ana", "liam", "maria", "o'connor", "jean-luc", "zoe"},
            true),
        text("firstname", "First Name", 20, ValuePools.FIRST_NAMES),
        text("lastname", "Last Name", 20, ValuePools.LAST_NAMES));
  }

  private List<PropertyDef> contactMore() {
    return List.of(
        phone("phone", "Phone Number", "string", 200),
        phone("mobilephone", "Mobile Phone Number", "string", 500),
        text("company", "Company Name", 150, ValuePools.COMPANIES),
        text("jobtitle", "Job Title", 200, ValuePools.JOB_TITLES),
        text("website", "Website URL", 400, ValuePools.DOMAINS),
        textarea("address", "Street Address", 300, ValuePools.STREETS),
        text("city", "City", 200, ValuePools.CITIES),
        text("state", "State/Region", 300, ValuePools.STATES),
        number("zip", "Postal Code", 300, 1000, 99999, 0),
        text("country", "Country/Region", 200, ValuePools.COUNTRIES),
        radio(
            "lifecyclestage",
            "Lifecycle Stage",
            50,
            "subscriber",
            "lead",
            "marketingqualifiedlead",
            "salesqualifiedlead",
            "opportunity",
            "customer",
            "evangelist",
            "other"),
        radio(
            "hs_lead_status",
            "Lead Status",
            300,
            "NEW",
            "OPEN",
            "IN_PROGRESS",
            "OPEN_DEAL",
            "UNQUALIFIED",
            "ATTEMPTED_TO_CONTACT",
            "CONNECTED",
            "BAD_TIMING"),
        owner("hubspot_owner_id"),
        datetime("notes_last_updated", "Last Activity Date", 400),
        number("num_associated_deals", "Number of Associated Deals", 100, 0, 12, 0),
        bool("hs_email_optout", "Unsubscribed from all email", 100),
        custom(
            multi(
                "favourite_colours",
                "Favourite colours",
                300,
                "red",
                "green",
                "blue",
                "black",
                "white")),
        custom(date("date_of_birth", "Date of birth", 400)),
        custom(number("customer_score", "Customer score", 200, 0, 100, 2)),
        custom(bool("is_vip", "VIP", 100)),
        custom(textarea("about_me", "About me", 300, ValuePools.LONG_TEXT)),
        custom(phone("fax_number", "Fax number", "phone_number", 700)));
  }

  /**
   * Identity documents (sensitive) and health data (highly sensitive): HubSpot's sensitive-data
   * levels, hidden from the default property listing and readable only with their scopes. Fixed
   * pools, so adding them does not shift the seeded values of the other properties.
   */
  private List<PropertyDef> contactSensitive() {
    return List.of(
        custom(
                text(
                    "national_id_number",
                    "National ID number",
                    300,
                    new String[] {"123-45-6789", "AB 12 34 56 C", "7501011234", "X1234567"}))
            .withSensitivity(Sensitivity.SENSITIVE),
        custom(
                text(
                    "passport_number",
                    "Passport number",
                    600,
                    new String[] {"C01X00T47", "123456789", "AA1234567", "P<UTOERIKSSON"}))
            .withSensitivity(Sensitivity.SENSITIVE),
        custom(
                multi(
                    "health_conditions",
                    "Health conditions",
                    700,
                    "asthma",
                    "diabetes",
                    "hypertension",
                    "allergy",
                    "pregnancy"))
            .withSensitivity(Sensitivity.HIGHLY_SENSITIVE));
  }

  private List<PropertyDef> companies() {
    return List.of(
        named("name", "Company name", ValuePools.COMPANIES),
        text("domain", "Company Domain Name", 100, ValuePools.DOMAINS),
        select(
            "industry",
            "Industry",
            300,
            "COMPUTER_SOFTWARE",
            "RETAIL",
            "BANKING",
            "BIOTECHNOLOGY",
            "EDUCATION_MANAGEMENT"),
        phone("phone", "Phone Number", "string", 200),
        text("city", "City", 200, ValuePools.CITIES),
        text("country", "Country/Region", 200, ValuePools.COUNTRIES),
        number("numberofemployees", "Number of Employees", 200, 1, 250_000, 0),
        number("annualrevenue", "Annual Revenue", 300, 10_000, 900_000_000, 0),
        radio("lifecyclestage", "Lifecycle Stage", 100, "lead", "opportunity", "customer", "other"),
        owner("hubspot_owner_id"),
        textarea("description", "Description", 300, ValuePools.LONG_TEXT),
        text(
            "founded_year", "Year Founded", 400, new String[] {"1999", "2004", "2015", "1887", ""}),
        bool("is_public", "Is Public", 300),
        custom(select("company_tier", "Tier", 200, "gold", "silver", "bronze")),
        custom(multi("tags", "Tags", 400, "partner", "reseller", "competitor", "press")));
  }

  private List<PropertyDef> deals() {
    List<PropertyDef> list =
        new ArrayList<>(
            pipelineAndStage("deals", "pipeline", "Pipeline", "dealstage", "Deal Stage"));
    list.addAll(dealsBesidesPipeline());
    return list;
  }

  private List<PropertyDef> dealsBesidesPipeline() {
    return List.of(
        named("dealname", "Deal Name", ValuePools.SUBJECTS),
        number("amount", "Amount", 150, 0, 250_000, 2),
        datetime("closedate", "Close Date", 200),
        select("dealtype", "Deal Type", 300, "newbusiness", "existingbusiness"),
        owner("hubspot_owner_id"),
        textarea("description", "Deal Description", 400, ValuePools.LONG_TEXT),
        select("hs_priority", "Priority", 300, "low", "medium", "high"),
        select("deal_currency_code", "Currency", 100, "USD", "EUR", "JPY", "GBP"),
        custom(date("renewal_date", "Renewal date", 400)),
        custom(number("discount_pct", "Discount %", 300, 0, 60, 1)),
        custom(bool("is_strategic", "Strategic", 200)),
        custom(
            multi(
                "competitors", "Competitors", 400, "Globex", "Initech", "Hooli", "Other, unknown")),
        custom(
                text(
                    "bank_account_number",
                    "Bank account number",
                    500,
                    new String[] {
                      "DE89370400440532013000", "GB29NWBK60161331926819", "000123456789"
                    }))
            .withSensitivity(Sensitivity.SENSITIVE));
  }

  private List<PropertyDef> tickets() {
    List<PropertyDef> list =
        new ArrayList<>(
            pipelineAndStage(
                "tickets", "hs_pipeline", "Pipeline", "hs_pipeline_stage", "Ticket status"));
    list.addAll(ticketsBesidesPipeline());
    return list;
  }

  private List<PropertyDef> ticketsBesidesPipeline() {
    return List.of(
        text("subject", "Ticket name", 20, ValuePools.SUBJECTS),
        textarea("content", "Ticket description", 200, ValuePools.LONG_TEXT),
        multi(
            "hs_ticket_category",
            "Category",
            300,
            "PRODUCT_ISSUE",
            "BILLING_ISSUE",
            "FEATURE_REQUEST",
            "GENERAL_INQUIRY"),
        select("hs_ticket_priority", "Priority", 200, "LOW", "MEDIUM", "HIGH", "URGENT"),
        owner("hubspot_owner_id"),
        select("source_type", "Source", 200, "EMAIL", "CHAT", "PHONE", "FORM"),
        datetime("closed_date", "Close date", 500));
  }

  private List<PropertyDef> products() {
    return List.of(
        named(
            "name",
            "Name",
            new String[] {"Widget", "Gadget, large", "Subscription \"Pro\"", "サービス", "Υπηρεσία"}),
        textarea("description", "Description", 300, ValuePools.SHORT_TEXT),
        number("price", "Unit price", 50, 1, 5000, 2),
        text("hs_sku", "SKU", 200, new String[] {"SKU-001", "SKU-002", "W-XL", "G/1", ""}),
        number("hs_cost_of_goods_sold", "Unit cost", 400, 1, 2000, 2),
        select(
            "recurringbillingfrequency",
            "Billing frequency",
            500,
            "monthly",
            "quarterly",
            "annually"),
        text("hs_url", "URL", 600, ValuePools.DOMAINS));
  }

  private List<PropertyDef> lineItems() {
    return List.of(
        text(
            "name",
            "Name",
            20,
            new String[] {"Widget", "Gadget, large", "Subscription \"Pro\"", "サービス"}),
        number("quantity", "Quantity", 0, 1, 50, 0),
        number("price", "Unit price", 20, 1, 5000, 2),
        number("amount", "Net price", 20, 1, 100_000, 2),
        number("discount", "Unit discount", 600, 1, 100, 0),
        text("hs_sku", "SKU", 300, new String[] {"SKU-001", "SKU-002", "W-XL", "G/1"}),
        select(
            "recurringbillingfrequency",
            "Billing frequency",
            500,
            "monthly",
            "quarterly",
            "annually"));
  }

  private List<PropertyDef> quotes() {
    return List.of(
        named("hs_title", "Quote name", ValuePools.SUBJECTS),
        datetime("hs_expiration_date", "Expiration date", 50),
        select(
            "hs_status",
            "Quote approval status",
            50,
            "DRAFT",
            "APPROVAL_NOT_NEEDED",
            "PENDING_APPROVAL",
            "APPROVED",
            "REJECTED"),
        number("hs_quote_amount", "Quote amount", 100, 0, 250_000, 2),
        select("hs_currency", "Currency", 100, "USD", "EUR", "JPY"),
        textarea("hs_terms", "Terms", 300, ValuePools.LONG_TEXT),
        text(
            "hs_sender_email",
            "Sender email",
            200,
            new String[] {"sales@acme.example", "ana@acme.example"}));
  }

  private List<PropertyDef> feedback() {
    return List.of(
        text(
            "hs_survey_name",
            "Survey name",
            0,
            new String[] {"NPS 2025", "Support CSAT", "Onboarding, Q1"}),
        select("hs_survey_type", "Survey type", 0, "NPS", "CSAT", "CES"),
        number("hs_response_value", "Response value", 50, 0, 10, 0),
        select("hs_sentiment", "Sentiment", 100, "Promoter", "Passive", "Detractor"),
        textarea("hs_content", "Response", 300, ValuePools.LONG_TEXT),
        datetime("hs_submission_timestamp", "Submitted at", 0));
  }

  private List<PropertyDef> engagement() {
    return List.of(datetime("hs_timestamp", "Activity date", 0), owner("hubspot_owner_id"));
  }

  private List<PropertyDef> calls() {
    List<PropertyDef> list = new ArrayList<>(engagement());
    list.addAll(
        List.of(
            text("hs_call_title", "Call Title", 100, ValuePools.SUBJECTS),
            html("hs_call_body", "Call notes", 200),
            number("hs_call_duration", "Call duration", 100, 0, 3_600_000, 0),
            select("hs_call_direction", "Call direction", 50, "INBOUND", "OUTBOUND"),
            select(
                "hs_call_status",
                "Call status",
                50,
                "COMPLETED",
                "BUSY",
                "NO_ANSWER",
                "FAILED",
                "CANCELED")));
    return list;
  }

  private List<PropertyDef> emails() {
    List<PropertyDef> list = new ArrayList<>(engagement());
    list.addAll(
        List.of(
            text("hs_email_subject", "Email subject", 50, ValuePools.SUBJECTS),
            textarea("hs_email_text", "Email body (text)", 200, ValuePools.LONG_TEXT),
            html("hs_email_html", "Email body (HTML)", 200),
            select(
                "hs_email_direction",
                "Email direction",
                0,
                "EMAIL",
                "INCOMING_EMAIL",
                "FORWARDED_EMAIL"),
            select(
                "hs_email_status",
                "Email send status",
                100,
                "BOUNCED",
                "FAILED",
                "SCHEDULED",
                "SENDING",
                "SENT")));
    return list;
  }

  private List<PropertyDef> meetings() {
    List<PropertyDef> list = new ArrayList<>(engagement());
    list.addAll(
        List.of(
            text("hs_meeting_title", "Meeting name", 50, ValuePools.SUBJECTS),
            html("hs_meeting_body", "Meeting description", 300),
            datetime("hs_meeting_start_time", "Start time", 50),
            datetime("hs_meeting_end_time", "End time", 50),
            text("hs_meeting_location", "Location", 400, ValuePools.CITIES),
            select(
                "hs_meeting_outcome",
                "Meeting outcome",
                100,
                "SCHEDULED",
                "COMPLETED",
                "RESCHEDULED",
                "NO_SHOW",
                "CANCELED")));
    return list;
  }

  private List<PropertyDef> notes() {
    List<PropertyDef> list = new ArrayList<>(engagement());
    list.addAll(
        List.of(
            html("hs_note_body", "Note body", 50),
            text(
                "hs_attachment_ids",
                "Attachment IDs",
                800,
                new String[] {"1001", "1001;1002", "2040"})));
    return list;
  }

  private List<PropertyDef> tasks() {
    List<PropertyDef> list = new ArrayList<>(engagement());
    list.addAll(
        List.of(
            text("hs_task_subject", "Task title", 20, ValuePools.SUBJECTS),
            html("hs_task_body", "Task notes", 300),
            select(
                "hs_task_status",
                "Task status",
                0,
                "NOT_STARTED",
                "IN_PROGRESS",
                "WAITING",
                "COMPLETED",
                "DEFERRED"),
            select("hs_task_priority", "Priority", 200, "NONE", "LOW", "MEDIUM", "HIGH"),
            select("hs_task_type", "Task type", 100, "EMAIL", "CALL", "TODO")));
    return list;
  }

  private List<PropertyDef> pets() {
    return List.of(
        custom(
            named(
                "pet_name",
                "Pet name",
                new String[] {"Rex", "Mittens", "Ποπάι", "ポチ", "Mr. \"Whiskers\""})),
        custom(select("species", "Species", 50, "dog", "cat", "rabbit", "parrot")),
        custom(
            text(
                "breed",
                "Breed",
                300,
                new String[] {"Labrador", "Siamese, seal point", "Mixed", ""})),
        custom(date("birth_date", "Birth date", 300)),
        custom(number("weight_kg", "Weight (kg)", 200, 1, 80, 1)),
        custom(bool("vaccinated", "Vaccinated", 200)),
        custom(phone("vet_phone", "Vet phone", "phone_number", 400)),
        custom(textarea("pet_notes", "Notes", 400, ValuePools.LONG_TEXT)));
  }

  private List<PropertyDef> vehicles() {
    return List.of(
        custom(named("vin", "VIN", new String[] {"1HGCM82633A", "WVWZZZ1JZXW", "JHMCM56557C"})),
        custom(select("make", "Make", 50, "Toyota", "Volkswagen", "Tesla", "Škoda")),
        custom(
            text(
                "model",
                "Model",
                200,
                new String[] {"Corolla", "Golf", "Model 3", "Octavia, Combi"})),
        custom(number("year", "Year", 100, 1990, 2026, 0)),
        custom(date("registered_on", "Registered on", 300)),
        custom(bool("is_electric", "Electric", 100)),
        custom(multi("features", "Features", 400, "gps", "heated_seats", "tow_bar", "sunroof")),
        custom(odometer("odometer_km", "Odometer (km)", 300)));
  }

  /**
   * A number property some of whose values are in exponent notation ({@code 1.52E5}), as a number
   * written through the API as a float can read back: no DECIMAL takes the column as it is typed.
   */
  private PropertyDef odometer(String name, String label, int nullPm) {
    String[] pool = new String[64];
    for (int i = 0; i < pool.length; i++) {
      long km = random.nextLong(0, 400_000);
      pool[i] = i % 8 == 0 ? String.format(Locale.ROOT, "%.2E", (double) km) : Long.toString(km);
    }
    return new PropertyDef(
        name, label, "number", "number", "", Kind.POOL, nullPm, List.of(), pool, true);
  }
}
