package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.PortalChecks;
import dev.hubspotextract.extract.PulledCsv;
import dev.hubspotextract.extract.PulledManifests;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HubSpot lists sensitive properties only when asked, and reading them takes scopes of their own: a
 * pull leaves them out unless told, and says how many it left out.
 */
class SensitivePropertiesPullTest {
  @TempDir Path tmp;

  private static Manifest.ObjectEntry object(Path out, String name) {
    return PulledManifests.object(out, name);
  }

  @Test
  void byDefaultSensitivePropertiesAreLeftOutAndCounted() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(200).start()) {
      Path out = tmp.resolve("default");
      Cli.Run run = Cli.pull(sandbox, out, "--objects", "contacts,deals", "--associations", "none");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(PulledCsv.rows(out.resolve("contacts.csv")).get(0))
          .doesNotContain("national_id_number", "passport_number", "health_conditions");
      assertThat(object(out, "contacts").sensitivePropertiesSkipped().count()).isEqualTo(2);
      assertThat(object(out, "contacts").highlySensitivePropertiesSkipped().count()).isEqualTo(1);
      assertThat(object(out, "deals").sensitivePropertiesSkipped().count()).isEqualTo(1);
      PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
    }
  }

  @Test
  void askedForTheyArePulledLikeAnyOtherColumn() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().records(200).start()) {
      Path out = tmp.resolve("all");
      Cli.Run run =
          Cli.pull(
              sandbox,
              out,
              "--objects",
              "contacts",
              "--associations",
              "none",
              "--sensitive",
              "--highly-sensitive");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      List<List<String>> rows = PulledCsv.rows(out.resolve("contacts.csv"));
      List<String> header = rows.get(0);
      assertThat(header).contains("national_id_number", "passport_number", "health_conditions");
      int nationalId = header.indexOf("national_id_number");
      assertThat(rows.stream().skip(1).map(row -> row.get(nationalId))).anyMatch(v -> !v.isEmpty());
      assertThat(object(out, "contacts").sensitivePropertiesSkipped()).isNull();
    }
  }

  @Test
  void withoutTheScopeAskingFailsTheObjectNamingTheScopeAndCountingSaysUnknown() throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder().records(200).withoutScopes(Set.of("contacts.sensitive")).start()) {
      Path asked = tmp.resolve("asked");
      Cli.Run run =
          Cli.pull(
              sandbox,
              asked,
              "--objects",
              "contacts,deals",
              "--associations",
              "none",
              "--sensitive");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
      assertThat(run.err()).contains("contacts:").contains("crm.objects.contacts.sensitive.read");
      List<List<String>> deals = PulledCsv.rows(asked.resolve("deals.csv"));
      assertThat(deals).hasSize((int) sandbox.portal().count("deals") + 1);
      assertThat(deals.get(0)).contains("bank_account_number");

      Path plain = tmp.resolve("plain");
      Cli.Run counted = Cli.pull(sandbox, plain, "--objects", "contacts", "--associations", "none");
      assertThat(counted.exitCode()).as(counted.toString()).isZero();
      assertThat(object(plain, "contacts").sensitivePropertiesSkipped().count())
          .as("unknown: the token cannot list them")
          .isEqualTo(-1);
    }
  }
}
