package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.PulledCsv;
import dev.hubspotextract.sandbox.RecordedRequest;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How many calls 100 records cost as objects get wider, against a sandbox that answers 414 past
 * 8,000 characters: one GET per page while the property list fits the URL budget, then a GET of ids
 * plus one batch read. Prints the figures for the README.
 */
class CallsPerRecordTest {
  private static final String TOKEN = "pat-na1-calls-per-record";
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} contact properties: {1} calls per page of 100")
  @CsvSource({"20, 1", "200, 1", "2000, 2"})
  void widerObjectsCostAtMostTwoCallsPerHundredRecords(int properties, int callsPerPage) {
    try (Sandbox sandbox =
        Sandbox.builder()
            .port(0)
            .token(TOKEN)
            .records(500)
            .contactProperties(properties)
            .maxRequestLineLength(8_000)
            .start()) {
      Cli.Run run =
          Cli.pull(
              sandbox,
              tmp,
              "--objects",
              "contacts",
              "--associations",
              "none",
              "--cursors",
              "1", // the list's own cost: no search for the top id
              "--quiet");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      long records = sandbox.portal().count("contacts");
      long pages = (records + 99) / 100;
      long dataCalls =
          sandbox.requests().stream().filter(r -> r.path().startsWith("/crm/v3/objects/")).count();
      int longest =
          sandbox.requests().stream()
              .mapToInt(
                  r -> r.path().length() + (r.rawQuery() == null ? 0 : 1 + r.rawQuery().length()))
              .max()
              .orElseThrow();
      System.out.printf(
          Locale.ROOT,
          "calls per 100 records: %d properties → %.2f (%d calls for %d records, longest URL %d"
              + " chars)%n",
          sandbox.portal().properties("contacts").size(),
          dataCalls * 100.0 / records,
          dataCalls,
          records,
          longest);
      assertThat(dataCalls).isEqualTo(callsPerPage * pages);
      assertThat(sandbox.requests()).extracting(RecordedRequest::status).doesNotContain(414);
      assertThat(PulledCsv.rows(tmp.resolve("contacts.csv")).get(0))
          .hasSize(4 + sandbox.portal().properties("contacts").size());
    }
  }
}
