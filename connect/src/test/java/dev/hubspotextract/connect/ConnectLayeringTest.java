package dev.hubspotextract.connect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The connector runs inside a Connect worker on the client and the engine alone: none of the
 * command line, the analysis (DuckDB), or the sandbox, which only its tests use.
 */
class ConnectLayeringTest {
  @Test
  void theConnectorReachesNeitherTheCommandLineNorAnalysisNorTheSandbox() {
    JavaClasses connector =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hubspotextract.connect");
    noClasses()
        .that()
        .resideInAPackage("dev.hubspotextract.connect..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.hubspotextract.cli..",
            "dev.hubspotextract.analyze..",
            "dev.hubspotextract.sandbox..",
            "org.duckdb..",
            "picocli..")
        .check(connector);
  }
}
