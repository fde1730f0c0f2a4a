package dev.hubspotextract.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.client.FailureCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of the pull that a new pull into the same folder replaces: the table files the folder's
 * manifest lists when the new pull starts. Once the new pull is complete, those it did not write
 * again are deleted, so the folder holds exactly the tables its new manifest lists. Only files the
 * tool writes are taken: a manifest of the tool's, plain names, table file extensions; anything
 * else in the folder is the user's and stays.
 */
public final class EarlierPull {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The endings of the files a pull writes its tables to, in each format. */
  private static final List<String> TABLE_FILE_ENDINGS = List.of(".csv", ".parquet", ".duckdb");

  private EarlierPull() {}

  /** The table files the manifest in {@code outDir} lists; none when it is not the tool's. */
  static Set<String> filesListedIn(Path outDir) {
    Path manifest = outDir.resolve(Manifest.FILE);
    Set<String> files = new TreeSet<>();
    if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      return files;
    }
    JsonNode root;
    try {
      root = JSON.readTree(manifest.toFile());
    } catch (IOException e) {
      return files; // not a manifest the tool wrote: nothing in the folder is known to be its
    }
    if (!root.path("tool").asText().equals("hubspot-extract")) {
      return files;
    }
    for (String list : List.of("objects", "associations")) {
      for (JsonNode entry : root.path(list)) {
        String file = entry.path("file").asText("");
        if (isTableFileName(file)) {
          files.add(file);
        }
      }
    }
    return files;
  }

  /**
   * Of the earlier pull's files, those present that a complete pull which wrote {@code written} did
   * not write again, sorted: what {@link #delete} removes.
   */
  static List<String> notWrittenAgain(
      Path outDir, Collection<String> earlier, Collection<String> written) {
    List<String> stale = new ArrayList<>();
    for (String file : new TreeSet<>(earlier)) {
      if (!written.contains(file)
          && isTableFileName(file)
          && Files.exists(OutputFolder.fileIn(outDir, file), LinkOption.NOFOLLOW_LINKS)) {
        stale.add(file);
      }
    }
    return stale;
  }

  /** Deletes these files of the earlier pull from {@code outDir}. */
  public static void delete(Path outDir, List<String> files) {
    for (String file : files) {
      Path path = OutputFolder.fileIn(outDir, file);
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new ExtractException(
            FailureCategory.OUTPUT,
            "cannot delete "
                + path
                + ", left by the pull this one replaces ("
                + OutputFolder.reason(e)
                + "). Fix its folder's permissions and run the same command again to finish.",
            e);
      }
    }
  }

  private static boolean isTableFileName(String name) {
    return !name.isEmpty()
        && !name.startsWith(".")
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && TABLE_FILE_ENDINGS.stream().anyMatch(name::endsWith);
  }
}
