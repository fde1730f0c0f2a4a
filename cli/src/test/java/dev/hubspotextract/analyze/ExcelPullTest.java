package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.hubspotextract.cli.Cli;
import dev.hubspotextract.extract.FormulaGuard;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.PulledManifests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pull --excel} against the sandbox, whose data holds cells a spreadsheet would run: each
 * file opens safely in Excel, the default pull stays as HubSpot sent it, and sql and join read the
 * Excel folder exactly as the default one.
 */
class ExcelPullTest {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir static Path tmp;
  static SandboxFolders pulled;
  static Path plain;
  static Path excel;

  @BeforeAll
  static void pull() {
    pulled = SandboxFolders.start(tmp, 300, 3, "contacts,companies,deals,products");
    plain = pulled.pull("plain");
    excel = pulled.pull("excel", "--excel");
  }

  @AfterAll
  static void stop() {
    pulled.close();
  }

  private static List<Path> csvFiles(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
    }
  }

  private static List<List<String>> cells(Path csv) throws Exception {
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder().detectBomHeader(true).ofCsvRecord(csv, StandardCharsets.UTF_8)) {
      return reader.stream().map(CsvRecord::getFields).toList();
    }
  }

  private static boolean startsAFormula(String cell) {
    return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0;
  }

  @Test
  void theSandboxHasCellsASpreadsheetWouldRunAndTheDefaultPullKeepsThemAsSent() throws Exception {
    Set<Character> firsts = new HashSet<>();
    for (Path csv : csvFiles(plain)) {
      assertThat(Arrays.copyOf(Files.readAllBytes(csv), 3)).as(csv.toString()).isNotEqualTo(BOM);
      cells(csv).stream()
          .flatMap(List::stream)
          .filter(ExcelPullTest::startsAFormula)
          .forEach(cell -> firsts.add(cell.charAt(0)));
    }
    assertThat(firsts).contains('=', '+', '-', '@', '\t', '\r');
    assertThat(PulledManifests.read(plain).excel()).isFalse();
  }

  @Test
  void everyFileOpensSafelyInASpreadsheetAndHoldsWhatWasPulled() throws Exception {
    Manifest manifest = PulledManifests.read(excel);
    assertThat(manifest.excel()).isTrue();
    Set<String> numbers = new HashSet<>();
    for (Manifest.ObjectEntry object : manifest.objects()) {
      for (Manifest.Column column : object.columns()) {
        if ("number".equals(column.type())) {
          numbers.add(object.file() + "/" + column.name());
        }
      }
    }
    boolean negativeNumberKept = false;
    assertThat(csvFiles(excel)).hasSameSizeAs(csvFiles(plain));
    for (Path csv : csvFiles(excel)) {
      String file = csv.getFileName().toString();
      assertThat(Arrays.copyOf(Files.readAllBytes(csv), 3)).as(file).isEqualTo(BOM);
      List<List<String>> guarded = cells(csv);
      List<List<String>> pulled = cells(plain.resolve(file));
      assertThat(guarded).as(file).hasSameSizeAs(pulled);
      List<String> header = pulled.get(0);
      for (int row = 0; row < guarded.size(); row++) {
        for (int column = 0; column < header.size(); column++) {
          String cell = guarded.get(row).get(column);
          boolean number = row > 0 && numbers.contains(file + "/" + header.get(column));
          if (startsAFormula(cell)) {
            assertThat(number).as("%s %s: %s", file, header.get(column), cell).isTrue();
            assertThat(cell).matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
            negativeNumberKept |= cell.startsWith("-");
          }
          assertThat(FormulaGuard.unguard(cell)).isEqualTo(pulled.get(row).get(column));
        }
      }
    }
    assertThat(negativeNumberKept).as("a negative number stays a number").isTrue();
  }

  @Test
  void sqlAndJoinReadTheExcelFolderExactlyAsTheDefaultOne() throws Exception {
    for (String table : List.of("contacts", "companies", "products", "deals_companies")) {
      String query = "SELECT * FROM " + table + " ORDER BY 1, 2";
      assertThat(sqlOut(excel, query, table + "-excel.csv"))
          .as(table)
          .isEqualTo(sqlOut(plain, query, table + "-plain.csv"));
    }
    String formulas = "SELECT count(*) AS n FROM products WHERE description LIKE '=%'";
    String counted = sqlOut(excel, formulas, "formulas-excel.csv");
    assertThat(counted).isEqualTo(sqlOut(plain, formulas, "formulas-plain.csv"));
    assertThat(Long.parseLong(counted.lines().toList().get(1))).isPositive();

    assertThat(joinOut(excel, "join-excel.csv")).isEqualTo(joinOut(plain, "join-plain.csv"));
  }

  @Test
  void excelWithParquetOrDuckdbIsAUsageError() {
    Cli.Run run =
        Cli.run(
            "pull",
            "--sandbox",
            "--excel",
            "--format",
            "parquet",
            "--out",
            tmp.resolve("never").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--excel", "--format parquet");
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  private static String sqlOut(Path folder, String query, String name) throws Exception {
    Path out = tmp.resolve(name);
    Cli.Run run = Cli.run("sql", "--in", folder.toString(), query, "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String joinOut(Path folder, String name) throws Exception {
    Path out = tmp.resolve(name);
    Cli.Run run =
        Cli.run(
            "join", "contacts", "companies", "--in", folder.toString(), "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
