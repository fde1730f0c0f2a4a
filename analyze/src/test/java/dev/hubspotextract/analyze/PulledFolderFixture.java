package dev.hubspotextract.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a small, realistic pulled folder in the documented output format (CSV, CRLF, manifest),
 * with the mess real portals have: commas, quotes, line breaks, non-Latin text, empty and
 * unparseable values, datetimes both ISO-8601 and epoch milliseconds, pairs linked by several
 * association types, records with no links, and a link to a record missing from its file.
 */
public final class PulledFolderFixture {
  public static final long COMPANY_BASE = 5_790_939_450L;
  public static final long CONTACT_BASE = 33_451L;
  public static final long DEAL_BASE = 515_690_208_449L;
  public static final long LINE_ITEM_BASE = 9_000_000_001L;
  public static final long MISSING_LINE_ITEM = 9_999_999_999L;

  private static final String[] NAMES = {
    "Acme, Inc.", "Umbrella \"Bio\" Ltd", "株式会社サンプル", "Ωmega Systems", "Line one\r\nLine two",
    "Müller & Söhne GmbH", "", "Blue Sun 🌞", "Soylent, Corp.", "Tyrell \"Corp\", Ltd\nsecond line"
  };
  private static final String[] STAGES = {"appointmentscheduled", "closedwon", "closedlost", ""};

  private final Path dir;
  private final Random random;
  private final ObjectNode manifest;

  private PulledFolderFixture(Path dir, long seed) {
    this.dir = dir;
    this.random = new Random(seed);
    this.manifest = new ObjectMapper().createObjectNode();
  }

  /** Writes the folder into {@code dir} and returns it. */
  public static Path write(Path dir, long seed) {
    new PulledFolderFixture(dir, seed).writeAll();
    return dir;
  }

  private void writeAll() {
    manifest.put("tool", "hubspot-extract").put("version", "0.1.0").put("format", "csv");
    manifest.put("source", "fixture").put("startedAt", "2026-11-29T22:00:00Z");
    ArrayNode objects = manifest.putArray("objects");
    ArrayNode associations = manifest.putArray("associations");

    int companies = 40;
    int contacts = 120;
    int deals = 80;
    int lineItems = 60;
    Map<String, String> companyTypes =
        types("domain", "string", "founded", "date", "is_public", "bool");
    companyTypes.put("name", "string");
    companyTypes.put("numberofemployees", "number");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < companies; i++) {
      rows.add(
          record(
              COMPANY_BASE + i,
              i % 7 == 0 ? "" : "domain" + i + ".example",
              date(i),
              pick(new String[] {"true", "false", "", "yes?"}),
              NAMES[i % NAMES.length] + (i >= NAMES.length ? " #" + i : ""),
              i % 9 == 0 ? "n/a" : Integer.toString(random.nextInt(5000))));
    }
    objects.add(object("companies", "0-2", companyTypes, rows));

    Map<String, String> contactTypes =
        types("email", "string", "firstname", "string", "hs_lead_status", "enumeration");
    contactTypes.put("lastname", "string");
    contactTypes.put("phone", "phone_number");
    rows = new ArrayList<>();
    for (int i = 0; i < contacts; i++) {
      rows.add(
          record(
              CONTACT_BASE + i,
              "person" + i + "@example.com",
              pick(new String[] {"Maria", "José", "太郎", "Γιώργος", "Mary-Kate", ""}),
              pick(new String[] {"NEW", "OPEN", "IN_PROGRESS", ""}),
              pick(
                  new String[] {"O'Connor", "Smith, Jr.", "\"The Rock\" Johnson", "山田", "Иванова"}),
              "+1 (555) 010-" + (1000 + i)));
    }
    objects.add(object("contacts", "0-1", contactTypes, rows));

    Map<String, String> dealTypes =
        types("amount", "number", "closedate", "datetime", "dealname", "string");
    dealTypes.put("dealstage", "enumeration");
    dealTypes.put("hs_is_closed", "bool");
    rows = new ArrayList<>();
    for (int i = 0; i < deals; i++) {
      String amount =
          i % 11 == 0
              ? ""
              : i % 13 == 0 ? "12,5k" : String.format("%d.%02d", random.nextInt(100_000), i % 100);
      rows.add(
          record(
              DEAL_BASE + i,
              amount,
              datetime(i),
              "Deal " + NAMES[(i * 3) % NAMES.length] + " " + i,
              STAGES[i % STAGES.length],
              i % 2 == 0 ? "true" : "false"));
    }
    objects.add(object("deals", "0-3", dealTypes, rows));

    Map<String, String> lineItemTypes =
        types("name", "string", "price", "number", "quantity", "number");
    rows = new ArrayList<>();
    for (int i = 0; i < lineItems; i++) {
      rows.add(
          record(
              LINE_ITEM_BASE + i,
              "Item, \"" + i + "\"",
              Integer.toString(10 + i),
              Integer.toString(1 + i % 4)));
    }
    objects.add(object("line_items", "0-8", lineItemTypes, rows));

    // deals → companies: most deals have a primary company (types 5 "Primary" and 341), some a
    // second
    // company (341 only), some none; a few deals have two companies and no primary at all
    List<List<String>> links = new ArrayList<>();
    for (int d = 0; d < deals; d++) {
      if (d % 5 == 4) {
        continue;
      }
      long company = COMPANY_BASE + random.nextInt(companies);
      if (d % 10 != 3) {
        links.add(link(DEAL_BASE + d, company, 5, "HUBSPOT_DEFINED", "Primary"));
      }
      links.add(link(DEAL_BASE + d, company, 341, "HUBSPOT_DEFINED", ""));
      if (d % 3 == 0) {
        long other = COMPANY_BASE + (company - COMPANY_BASE + 1) % companies;
        links.add(link(DEAL_BASE + d, other, 341, "HUBSPOT_DEFINED", ""));
      }
    }
    associations.add(association("deals", "companies", links));

    // contacts → deals, written from the contact side only, so joins from deals read it in reverse;
    // some
    // links also carry the user label "Billing contact"
    links = new ArrayList<>();
    for (int c = 0; c < contacts; c++) {
      if (c % 4 == 3) {
        continue;
      }
      long deal = DEAL_BASE + random.nextInt(deals);
      links.add(link(CONTACT_BASE + c, deal, 4, "HUBSPOT_DEFINED", ""));
      if (c % 6 == 0) {
        links.add(link(CONTACT_BASE + c, deal, 28, "USER_DEFINED", "Billing contact"));
      }
    }
    associations.add(association("contacts", "deals", links));

    // contacts → companies with primary (1) and unlabeled (279) types
    links = new ArrayList<>();
    for (int c = 0; c < contacts; c++) {
      long company = COMPANY_BASE + random.nextInt(companies);
      links.add(link(CONTACT_BASE + c, company, 279, "HUBSPOT_DEFINED", ""));
      if (c % 2 == 0) {
        links.add(link(CONTACT_BASE + c, company, 1, "HUBSPOT_DEFINED", "Primary"));
      }
    }
    associations.add(association("contacts", "companies", links));

    // deals → line items, including a link to a line item that is not in line_items.csv
    links = new ArrayList<>();
    for (int l = 0; l < lineItems; l++) {
      links.add(
          link(DEAL_BASE + random.nextInt(deals), LINE_ITEM_BASE + l, 19, "HUBSPOT_DEFINED", ""));
    }
    links.add(link(DEAL_BASE, MISSING_LINE_ITEM, 19, "HUBSPOT_DEFINED", ""));
    associations.add(association("deals", "line_items", links));

    manifest.put("finishedAt", "2026-11-29T22:01:10Z");
    manifest.putArray("failures");
    try {
      new ObjectMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValue(dir.resolve("manifest.json").toFile(), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> types(String... namesAndTypes) {
    Map<String, String> types = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      types.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return types;
  }

  private List<String> record(long id, String... properties) {
    List<String> row = new ArrayList<>();
    Instant created = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(id % 100_000 * 37);
    row.add(Long.toString(id));
    row.add(created.toString());
    row.add(created.plusMillis(123).toString());
    row.add("false");
    row.addAll(List.of(properties));
    return row;
  }

  /** Dates come as YYYY-MM-DD or as epoch milliseconds at midnight UTC, as HubSpot sends both. */
  private String date(int i) {
    LocalDate day = LocalDate.of(1990, 1, 1).plusDays(i * 97L);
    if (i % 8 == 5) {
      return "";
    }
    return i % 2 == 0
        ? day.toString()
        : Long.toString(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
  }

  /** Datetimes come as ISO-8601 or epoch milliseconds; one in a while is garbage. */
  public static Instant closeDate(int i) {
    return Instant.parse("2025-03-01T10:15:30.250Z").plusSeconds(i * 86_413L);
  }

  private static String datetime(int i) {
    if (i % 17 == 16) {
      return "not a date";
    }
    Instant at = closeDate(i);
    return i % 3 == 0 ? Long.toString(at.toEpochMilli()) : at.toString();
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static List<String> link(long from, long to, int type, String category, String label) {
    return List.of(Long.toString(from), Long.toString(to), Integer.toString(type), category, label);
  }

  private ObjectNode object(
      String name, String typeId, Map<String, String> propertyTypes, List<List<String>> rows) {
    List<String> header = new ArrayList<>(List.of("id", "createdAt", "updatedAt", "archived"));
    header.addAll(propertyTypes.keySet());
    writeCsv(name + ".csv", header, rows);
    ObjectNode entry = new ObjectMapper().createObjectNode();
    entry.put("name", name).put("objectTypeId", typeId).put("file", name + ".csv");
    entry.put("records", rows.size()).put("status", "complete");
    ArrayNode columns = entry.putArray("columns");
    columns.addObject().put("name", "id").put("type", "id");
    columns.addObject().put("name", "createdAt").put("type", "datetime");
    columns.addObject().put("name", "updatedAt").put("type", "datetime");
    columns.addObject().put("name", "archived").put("type", "bool");
    propertyTypes.forEach(
        (column, type) -> columns.addObject().put("name", column).put("type", type));
    return entry;
  }

  private ObjectNode association(String from, String to, List<List<String>> rows) {
    String file = from + "_" + to + ".csv";
    writeCsv(file, List.of("from_id", "to_id", "association_type_id", "category", "label"), rows);
    ObjectNode entry = new ObjectMapper().createObjectNode();
    entry.put("from", from).put("to", to).put("file", file);
    entry.put("rows", rows.size()).put("status", "complete");
    ArrayNode columns = entry.putArray("columns");
    columns.addObject().put("name", "from_id").put("type", "id");
    columns.addObject().put("name", "to_id").put("type", "id");
    columns.addObject().put("name", "association_type_id").put("type", "number");
    columns.addObject().put("name", "category").put("type", "string");
    columns.addObject().put("name", "label").put("type", "string");
    return entry;
  }

  private void writeCsv(String file, List<String> header, List<List<String>> rows) {
    try (CsvWriter csv = CsvWriter.builder().build(dir.resolve(file))) {
      csv.writeRecord(header);
      rows.forEach(csv::writeRecord);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
