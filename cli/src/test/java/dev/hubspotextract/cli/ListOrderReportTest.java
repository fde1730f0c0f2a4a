package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.PulledManifests;
import dev.hubspotextract.sandbox.FaultPlan;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code pull} says of a HubSpot whose list pages stray from id order (the sandbox's {@code
 * unordered-page} fault): the manifest counts it per file, and {@code --verbose} prints the same
 * counts. That the files hold every record and link once, in order, is the engine's to show ({@code
 * UnorderedListTest} in extract).
 */
class ListOrderReportTest {
  @TempDir Path tmp;

  private static Sandbox unordered(double rate) {
    return Sandbox.builder()
        .records(3_000)
        .faults(FaultPlan.parse("unordered-page=" + rate))
        .start();
  }

  @Test
  void howFarAnObjectsListStrayedIsInTheManifestAndPrintedByVerbose() {
    try (Sandbox sandbox = unordered(0.5)) {
      Path out = tmp.resolve("out");

      Cli.Run run =
          Cli.pull(sandbox, out, "--objects", "contacts", "--associations", "none", "--verbose");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      Manifest.ObjectEntry contacts = PulledManifests.object(out, "contacts");
      long outOfOrder = contacts.idsOutOfOrder();
      long dropped = contacts.duplicateIdsDropped();
      assertThat(dropped).as("records sent twice").isPositive();
      assertThat(outOfOrder).as("each dropped one came out of order").isGreaterThan(dropped);
      assertThat(run.err())
          .contains(
              "list order: contacts: out of id order "
                  + outOfOrder
                  + ", duplicate ids dropped "
                  + dropped);
    }
  }

  @Test
  void howFarTheListOfAPairsFromObjectStrayedIsInTheManifestAndPrintedByVerbose() throws Exception {
    try (Sandbox sandbox = unordered(1)) {
      Path out = tmp.resolve("out");

      Cli.Run run =
          Cli.pull(
              sandbox,
              out,
              "--objects",
              "companies",
              "--associations",
              "contacts:companies",
              "--verbose");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      JsonNode pair =
          new ObjectMapper()
              .readTree(out.resolve("manifest.json").toFile())
              .path("associations")
              .get(0);
      long outOfOrder = pair.path("idsOutOfOrder").asLong();
      long dropped = pair.path("duplicateIdsDropped").asLong();
      assertThat(dropped).as("contacts sent twice").isPositive();
      assertThat(outOfOrder).as("each dropped one came out of order").isGreaterThan(dropped);
      assertThat(run.err())
          .contains(
              "list order: contacts_companies: out of id order "
                  + outOfOrder
                  + ", duplicate ids dropped "
                  + dropped);
    }
  }
}
