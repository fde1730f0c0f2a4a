package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Compares two pulled folders: every file byte for byte, the manifest without its timings. */
public final class SameOutput {
  private SameOutput() {}

  public static void assertSame(Path actual, Path expected) throws IOException {
    List<String> files = files(expected);
    assertThat(files(actual)).containsExactlyElementsOf(files);
    assertThat(files).contains("manifest.json").anyMatch(name -> name.endsWith(".csv"));
    for (String name : files) {
      if (name.equals("manifest.json")) {
        assertThat(manifestWithoutTimings(actual)).isEqualTo(manifestWithoutTimings(expected));
      } else {
        assertThat(Files.readAllBytes(actual.resolve(name)))
            .as(name)
            .isEqualTo(Files.readAllBytes(expected.resolve(name)));
      }
    }
  }

  /**
   * Compares the tables of two folders, a synced one and a fresh pull: every table file byte for
   * byte, and what the manifests say of each table (records, rows, columns with their measured
   * types); the rest of the manifests (marks, times, what the last sync did) differ by nature.
   */
  public static void assertSameTables(Path synced, Path pulled) throws IOException {
    List<String> files = files(pulled);
    assertThat(files(synced)).containsExactlyElementsOf(files);
    for (String name : files) {
      if (name.endsWith(".csv")) {
        assertThat(Files.readAllBytes(synced.resolve(name)))
            .as(name)
            .isEqualTo(Files.readAllBytes(pulled.resolve(name)));
      }
    }
    assertThat(tablesOf(synced)).isEqualTo(tablesOf(pulled));
  }

  /** Each table's entry in a manifest, without what only a pull or a sync records. */
  public static List<String> tablesOf(Path dir) {
    try {
      ObjectNode manifest =
          (ObjectNode) new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
      List<String> tables = new java.util.ArrayList<>();
      for (String list : List.of("objects", "associations", "references", "histories")) {
        manifest
            .withArray(list)
            .forEach(
                entry -> {
                  ObjectNode table = ((ObjectNode) entry).deepCopy();
                  // how a list strayed from id order is a fact of one read, not of the table
                  table.remove(List.of("mark", "lastSync", "idsOutOfOrder", "duplicateIdsDropped"));
                  tables.add(table.toString());
                });
      }
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code files} and the reference tables' files every pull writes beside them, sorted as {@link
   * #files} lists a folder.
   */
  public static List<String> withReferenceFiles(String... files) {
    return Stream.concat(
            Stream.of(files), Stream.of(ReferenceTable.values()).map(ReferenceTable::file))
        .sorted()
        .toList();
  }

  /** Every file and folder name in the output folder, sorted: no state or partial left over. */
  public static List<String> files(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  private static ObjectNode manifestWithoutTimings(Path dir) {
    try {
      ObjectNode manifest =
          (ObjectNode) new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
      manifest.remove(List.of("startedAt", "finishedAt", "source"));
      // HubSpot's time when an object was read, which a resumed read does not have
      manifest.withArray("objects").forEach(entry -> ((ObjectNode) entry).remove("mark"));
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
