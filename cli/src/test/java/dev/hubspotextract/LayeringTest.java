package dev.hubspotextract;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The modules' import rules, checked on the main classes of every module (this module's test
 * classpath holds them all). Maven's scopes already stop a module compiling against one it does not
 * declare; these rules also hold where a dependency is declared for another reason. A rule whose
 * classes are missing fails (ArchUnit's default), so none passes for having checked nothing.
 */
class LayeringTest {
  private static final String SANDBOX = "dev.hubspotextract.sandbox..";
  private static final String CLIENT = "dev.hubspotextract.client..";
  private static final String EXTRACT = "dev.hubspotextract.extract..";
  private static final String ANALYZE = "dev.hubspotextract.analyze..";
  private static final String CLI = "dev.hubspotextract.cli..";
  private static final String CONNECT = "dev.hubspotextract.connect..";

  /**
   * The modules' test helpers that reach this module as test-jars (extract's, analyze's): tests,
   * though packaged, which the Maven pattern of DO_NOT_INCLUDE_TESTS does not tell apart.
   */
  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

  private static final JavaClasses MAIN_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.matches(TEST_JAR))
          .importPackages("dev.hubspotextract");

  @Test
  void theSandboxReachesNoneOfOurOtherModules() {
    // it speaks HubSpot's wire format, so a test cannot pass by sharing code with the client
    noClasses()
        .that()
        .resideInAPackage(SANDBOX)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(CLIENT, EXTRACT, ANALYZE, CLI)
        .check(MAIN_CLASSES);
  }

  @Test
  void theClientReachesNeitherTheEngineNorAnalysisNorTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage(CLIENT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(EXTRACT, ANALYZE, CLI)
        .check(MAIN_CLASSES);
  }

  @Test
  void theEngineReachesNeitherAnalysisNorTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage(EXTRACT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ANALYZE, CLI)
        .check(MAIN_CLASSES);
  }

  @Test
  void theEngineUsesNoCommandLineDatabaseOrSandbox() {
    // a Kafka Connect plugin ships the engine without picocli, DuckDB or the sandbox
    noClasses()
        .that()
        .resideInAPackage(EXTRACT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..", "org.duckdb..", "java.sql..", SANDBOX)
        .check(MAIN_CLASSES);
  }

  @Test
  void analysisDoesNotReachTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage(ANALYZE)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(CLI)
        .check(MAIN_CLASSES);
  }

  @Test
  void aConnectPluginReachesOnlyTheClientAndTheEngineOfOurs() {
    // holds vacuously until the connect module exists
    noClasses()
        .that()
        .resideInAPackage(CONNECT)
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.hubspotextract..")
                .and(not(resideInAnyPackage(CONNECT, CLIENT, EXTRACT))))
        .allowEmptyShould(true)
        .check(MAIN_CLASSES);
  }
}
