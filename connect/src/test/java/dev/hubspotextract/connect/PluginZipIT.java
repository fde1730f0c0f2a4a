package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The plugin zip, as {@code package} built it, is what a worker's plugin.path needs: the connector
 * with the engine and client and every jar they need at run time, and none of what the worker
 * itself provides (Kafka's clients, Connect's API, SLF4J), whose second copy in a plugin can shadow
 * the worker's classes.
 */
class PluginZipIT {
  private static final String VERSION = System.getProperty("plugin.version");
  private static final Path ZIP = Path.of(System.getProperty("plugin.zip"));

  /** Lines of {@code dependency:list}: {@code group:artifact:type[:classifier]:version:scope}. */
  private static final Path RUNTIME_DEPENDENCIES =
      Path.of(System.getProperty("plugin.runtime.dependencies"));

  @Test
  void holdsTheConnectorTheEngineAndTheClient() throws IOException {
    assertThat(jars())
        .contains(
            "hubspot-extract-connect-" + VERSION + ".jar",
            "hubspot-extract-engine-" + VERSION + ".jar",
            "hubspot-client-" + VERSION + ".jar");
  }

  @Test
  void holdsExactlyTheRuntimeDependencies() throws IOException {
    Set<String> expected = new TreeSet<>(runtimeJars());
    expected.add("hubspot-extract-connect-" + VERSION + ".jar");

    assertThat(jars()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void leavesOutWhatTheWorkerProvides() throws IOException {
    assertThat(jars())
        .noneMatch(jar -> jar.startsWith("kafka-clients-"))
        .noneMatch(jar -> jar.startsWith("connect-api-"))
        .noneMatch(jar -> jar.startsWith("slf4j-"));
  }

  /** The jars in the zip's one folder of jars, by file name. */
  private static List<String> jars() throws IOException {
    List<String> jars = new ArrayList<>();
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        if (!entry.isDirectory()) {
          assertThat(name)
              .as("every file of the zip is a jar in its folder's lib/")
              .matches("hubspot-extract-connect-[^/]+/lib/[^/]+\\.jar");
          jars.add(name.substring(name.lastIndexOf('/') + 1));
        }
      }
    }
    return jars;
  }

  /** The file names of the module's compile and runtime dependencies, as Maven resolved them. */
  private static List<String> runtimeJars() throws IOException {
    List<String> jars = new ArrayList<>();
    for (String line : Files.readAllLines(RUNTIME_DEPENDENCIES, StandardCharsets.UTF_8)) {
      String[] parts = line.strip().split(":");
      if (parts.length < 5 || !"jar".equals(parts[2])) {
        continue; // the header line, or a blank one
      }
      String classifier = parts.length == 6 ? "-" + parts[3] : "";
      String version = parts[parts.length - 2];
      jars.add(parts[1] + "-" + version + classifier + ".jar");
    }
    assertThat(jars).as("runtime dependencies listed in " + RUNTIME_DEPENDENCIES).isNotEmpty();
    return jars;
  }
}
