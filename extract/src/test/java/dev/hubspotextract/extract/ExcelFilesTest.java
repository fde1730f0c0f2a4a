package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written for a spreadsheet, and back: OWASP's guard, losslessly. */
class ExcelFilesTest {
  @TempDir Path dir;

  @Test
  void guardsWhatASpreadsheetWouldRunAndNothingElse() {
    for (String formula :
        new String[] {"=1+2", "+1 555", "-2+3", "@SUM(A1)", "\tx", "\rx", "\nx", "'quoted"}) {
      assertThat(FormulaGuard.guard(formula, false)).isEqualTo("'" + formula);
      assertThat(FormulaGuard.unguard(FormulaGuard.guard(formula, false))).isEqualTo(formula);
    }
    assertThat(FormulaGuard.guard("-12.50", true)).isEqualTo("-12.50"); // a negative amount
    assertThat(FormulaGuard.guard("+1.5E5", true)).isEqualTo("+1.5E5");
    assertThat(FormulaGuard.guard("-12.50", false)).isEqualTo("'-12.50"); // text that looks so
    assertThat(FormulaGuard.guard("-1+1", true)).isEqualTo("'-1+1"); // not a number
    assertThat(FormulaGuard.guard("Acme, Inc.", false)).isEqualTo("Acme, Inc.");
    assertThat(FormulaGuard.guard("", false)).isEmpty();
    assertThat(FormulaGuard.unguard("Acme")).isEqualTo("Acme");
  }

  @Test
  void aFileForASpreadsheetStartsWithABomAndGoesBackByteForByte() throws IOException {
    Path file = dir.resolve("deals.csv");
    String pulled =
        "id,amount,dealname,=odd name\r\n"
            + "1,-12.50,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",a\r\n"
            + "2,+5,\"\rcarriage\",'quote\r\n"
            + "3,-1-1,\tindent,\"line\r\nbreak\"\r\n";
    Files.writeString(file, pulled, StandardCharsets.UTF_8);
    Set<String> numbers = Set.of("amount");

    ExcelFiles.rewrite(file, numbers, true, FileMode.PRIVATE);
    byte[] excel = Files.readAllBytes(file);
    ExcelFiles.rewrite(file, numbers, true, FileMode.PRIVATE); // again: already done

    assertThat(Files.readAllBytes(file)).isEqualTo(excel);
    assertThat(ExcelFiles.isExcel(file)).isTrue();
    assertThat(new String(excel, StandardCharsets.UTF_8))
        .isEqualTo(
            "\uFEFFid,amount,dealname,'=odd name\r\n"
                + "1,-12.50,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",a\r\n"
                + "2,+5,\"'\rcarriage\",''quote\r\n"
                + "3,'-1-1,'\tindent,\"line\r\nbreak\"\r\n");

    ExcelFiles.rewrite(file, numbers, false, FileMode.PRIVATE);

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(pulled);
    assertThat(ExcelFiles.isExcel(file)).isFalse();
  }

  @Test
  void theNumbersOfAGuardedFileAreMeasuredAsPulled() throws IOException {
    Path file = dir.resolve("deals.csv");
    Files.writeString(file, "id,amount\r\n1,-inf\r\n2,12.125\r\n", StandardCharsets.UTF_8);
    ExcelFiles.rewrite(file, Set.of(), true, FileMode.PRIVATE); // -inf guarded: not plain

    assertThat(NumberColumns.read(file, Set.of("amount")).fits().get("amount"))
        .isEqualTo(new DecimalFit(2, 3, "a value is infinite or NaN"));
  }
}
