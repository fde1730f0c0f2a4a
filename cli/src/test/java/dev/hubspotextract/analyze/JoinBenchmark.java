package dev.hubspotextract.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.hubspotextract.cli.Main;
import dev.hubspotextract.extract.FileMode;
import dev.hubspotextract.extract.FolderLayout;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark for {@code join}: writes a pulled folder with N contacts (default 1,000,000), N/10
 * companies and 3N/10 deals plus their association files, in the documented format, then times
 * {@code join contacts companies deals} to CSV and to Parquet, in process. Run it with {@code
 * scripts/bench-join.sh}, which also times the real command line. Usage: {@code JoinBenchmark DIR
 * [CONTACTS]}.
 */
public final class JoinBenchmark {
  private static final String[] FIRST = {
    "Maria", "José", "太郎", "Γιώργος", "Mary-Kate", "Liam", "Ada"
  };
  private static final String[] LAST = {
    "O'Connor", "Smith, Jr.", "山田", "Иванова", "Turing", "García"
  };
  private static final String[] CITIES = {
    "Berlin", "São Paulo", "東京", "New York, NY", "Zürich", ""
  };
  private static final String[] STAGES = {
    "appointmentscheduled", "qualifiedtobuy", "closedwon", "closedlost"
  };
  private static final String[] LIFECYCLE = {
    "subscriber", "lead", "marketingqualifiedlead", "customer"
  };

  private JoinBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-join");
    int contacts = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    boolean generateOnly = args.length > 2 && args[2].equals("--generate-only");
    Path in = dir.resolve("in");
    long started = System.nanoTime();
    if (Files.isRegularFile(in.resolve("manifest.json"))) {
      System.out.println("reusing " + in + " (delete it to regenerate)");
    } else {
      Files.createDirectories(in);
      generate(in, contacts, new Random(1));
      System.out.printf("generated %s in %.1f s%n", in, seconds(started));
    }
    for (String file :
        List.of(
            "contacts.csv",
            "companies.csv",
            "deals.csv",
            "companies_contacts.csv",
            "deals_contacts.csv")) {
      System.out.printf("  %-24s %,d bytes%n", file, Files.size(in.resolve(file)));
    }
    if (generateOnly) {
      return;
    }
    System.out.printf(
        "machine: %d cores, load average %.1f%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    time(in, dir.resolve("joined.csv"), List.of());
    time(in, dir.resolve("joined.parquet"), List.of());
    time(
        in,
        dir.resolve("joined-few-columns.csv"),
        List.of("--columns", "contact.email,company.name,deal.amount"));

    // the same folder as pull --format duckdb leaves it
    Path database = dir.resolve("in-duckdb");
    if (!Files.isRegularFile(database.resolve("manifest.json"))) {
      Files.createDirectories(database);
      long converting = System.nanoTime();
      FormatConverter.convert(in, database, OutputFormat.DUCKDB, FileMode.PRIVATE);
      System.out.printf(
          "converted a copy to duckdb format in %.2f s (%,d bytes)%n",
          seconds(converting), Files.size(database.resolve(FolderLayout.DATABASE_FILE)));
    }
    time(database, dir.resolve("joined-from-duckdb.csv"), List.of());
    time(database, dir.resolve("joined-from-duckdb.parquet"), List.of());
  }

  private static void time(Path in, Path out, List<String> extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "join",
                "contacts",
                "companies",
                "deals",
                "--in",
                in.toString(),
                "--out",
                out.toString()));
    args.addAll(extra);
    long started = System.nanoTime();
    int code = Main.commandLine().execute(args.toArray(String[]::new));
    double elapsed = seconds(started);
    if (code != 0) {
      throw new IllegalStateException("join failed with exit code " + code);
    }
    try {
      System.out.printf(
          "join contacts companies deals --in %s %s→ %s: %.2f s (%,d bytes)%n",
          in.getFileName(),
          extra.isEmpty() ? "" : String.join(" ", extra) + " ",
          out.getFileName(),
          elapsed,
          Files.size(out));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  static void generate(Path in, int contacts, Random random) throws IOException {
    int companies = Math.max(1, contacts / 10);
    int deals = Math.max(1, contacts * 3 / 10);
    long contactBase = 1_000_001L;
    long companyBase = 5_000_000_001L;
    long dealBase = 9_000_000_001L;
    ObjectNode manifest = new ObjectMapper().createObjectNode();
    manifest.put("tool", "hubspot-extract").put("version", "bench").put("format", "csv");
    manifest.put("source", "JoinBenchmark").put("startedAt", Instant.now().toString());
    ArrayNode objects = manifest.putArray("objects");
    ArrayNode associations = manifest.putArray("associations");

    List<String> contactColumns =
        List.of(
            "city",
            "email",
            "firstname",
            "hs_lead_status",
            "jobtitle",
            "lastname",
            "lifecyclestage",
            "phone");
    objects.add(
        entry(
            "contacts",
            "0-1",
            contactColumns,
            List.of(
                "string",
                "string",
                "string",
                "enumeration",
                "string",
                "string",
                "enumeration",
                "phone_number"),
            contacts));
    try (CsvWriter csv = writer(in, "contacts.csv", contactColumns)) {
      for (int i = 0; i < contacts; i++) {
        csv.writeRecord(
            record(
                contactBase + i,
                i,
                pick(random, CITIES),
                "person" + i + "@example.com",
                pick(random, FIRST),
                random.nextInt(3) == 0 ? "" : "OPEN",
                "Engineer",
                pick(random, LAST),
                pick(random, LIFECYCLE),
                "+1 555 01" + (i % 10_000)));
      }
    }
    List<String> companyColumns =
        List.of("annualrevenue", "city", "domain", "industry", "name", "numberofemployees");
    objects.add(
        entry(
            "companies",
            "0-2",
            companyColumns,
            List.of("number", "string", "string", "enumeration", "string", "number"),
            companies));
    try (CsvWriter csv = writer(in, "companies.csv", companyColumns)) {
      for (int i = 0; i < companies; i++) {
        csv.writeRecord(
            record(
                companyBase + i,
                i,
                Integer.toString(random.nextInt(10_000_000)),
                pick(random, CITIES),
                "company" + i + ".example",
                "COMPUTER_SOFTWARE",
                "Company \"" + i + "\", Inc.",
                Integer.toString(random.nextInt(5000))));
      }
    }
    List<String> dealColumns =
        List.of("amount", "closedate", "dealname", "dealstage", "hs_is_closed", "pipeline");
    objects.add(
        entry(
            "deals",
            "0-3",
            dealColumns,
            List.of("number", "datetime", "string", "enumeration", "bool", "enumeration"),
            deals));
    try (CsvWriter csv = writer(in, "deals.csv", dealColumns)) {
      for (int i = 0; i < deals; i++) {
        csv.writeRecord(
            record(
                dealBase + i,
                i,
                random.nextInt(100_000) + "." + random.nextInt(100),
                Long.toString(1_700_000_000_000L + i * 60_000L),
                "Deal " + i,
                pick(random, STAGES),
                i % 2 == 0 ? "true" : "false",
                "default"));
      }
    }
    // companies → contacts, as pull writes it: every contact has a primary company (types 280 and
    // 2),
    // one in ten a second one
    long links = 0;
    try (CsvWriter csv = writer(in, "companies_contacts.csv", null)) {
      for (int i = 0; i < contacts; i++) {
        long company = companyBase + random.nextInt(companies);
        csv.writeRecord(
            Long.toString(company), Long.toString(contactBase + i), "280", "HUBSPOT_DEFINED", "");
        csv.writeRecord(
            Long.toString(company),
            Long.toString(contactBase + i),
            "2",
            "HUBSPOT_DEFINED",
            "Primary");
        links += 2;
        if (i % 10 == 0) {
          long other = companyBase + (company - companyBase + 1) % companies;
          csv.writeRecord(
              Long.toString(other), Long.toString(contactBase + i), "280", "HUBSPOT_DEFINED", "");
          links++;
        }
      }
    }
    associations.add(pair("companies", "contacts", links));
    // deals → contacts: one to three contacts per deal
    links = 0;
    try (CsvWriter csv = writer(in, "deals_contacts.csv", null)) {
      for (int i = 0; i < deals; i++) {
        int count = 1 + random.nextInt(3);
        long first = contactBase + random.nextInt(contacts);
        for (int c = 0; c < count; c++) {
          long contact = contactBase + (first - contactBase + c * 7919L) % contacts;
          csv.writeRecord(
              Long.toString(dealBase + i), Long.toString(contact), "3", "HUBSPOT_DEFINED", "");
          links++;
        }
      }
    }
    associations.add(pair("deals", "contacts", links));
    manifest.put("finishedAt", Instant.now().toString());
    manifest.putArray("failures");
    new ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(in.resolve("manifest.json").toFile(), manifest);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static CsvWriter writer(Path in, String file, List<String> properties)
      throws IOException {
    CsvWriter csv = CsvWriter.builder().bufferSize(1 << 16).build(in.resolve(file));
    if (properties == null) {
      csv.writeRecord("from_id", "to_id", "association_type_id", "category", "label");
    } else {
      List<String> header = new ArrayList<>(List.of("id", "createdAt", "updatedAt", "archived"));
      header.addAll(properties);
      csv.writeRecord(header);
    }
    return csv;
  }

  private static List<String> record(long id, int i, String... properties) {
    List<String> row = new ArrayList<>(4 + properties.length);
    Instant created = Instant.ofEpochMilli(1_600_000_000_000L + i * 1_000L);
    row.add(Long.toString(id));
    row.add(created.toString());
    row.add(created.plusSeconds(86_400).toString());
    row.add("false");
    row.addAll(List.of(properties));
    return row;
  }

  private static ObjectNode entry(
      String name, String typeId, List<String> properties, List<String> types, long records) {
    ObjectNode entry = new ObjectMapper().createObjectNode();
    entry.put("name", name).put("objectTypeId", typeId).put("file", name + ".csv");
    entry.put("records", records).put("status", "complete");
    ArrayNode columns = entry.putArray("columns");
    columns.addObject().put("name", "id").put("type", "id");
    columns.addObject().put("name", "createdAt").put("type", "datetime");
    columns.addObject().put("name", "updatedAt").put("type", "datetime");
    columns.addObject().put("name", "archived").put("type", "bool");
    for (int i = 0; i < properties.size(); i++) {
      columns.addObject().put("name", properties.get(i)).put("type", types.get(i));
    }
    return entry;
  }

  private static ObjectNode pair(String from, String to, long rows) {
    ObjectNode entry = new ObjectMapper().createObjectNode();
    entry.put("from", from).put("to", to).put("file", from + "_" + to + ".csv");
    entry.put("rows", rows).put("status", "complete");
    return entry;
  }
}
