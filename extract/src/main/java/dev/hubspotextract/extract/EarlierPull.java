package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of the pull that a new pull into the same folder replaces: the table files the folder's
 * manifest lists when the new pull starts. Once the new pull is complete, those it did not write
 * again are deleted, so the folder holds exactly the tables its new manifest lists. Only files the
 * tool writes are taken: a manifest of the tool's, plain names, table file extensions; anything
 * else in the folder is the user's and stays.
 */
public final class EarlierPull {
  private EarlierPull() {}

  /** The table files the manifest in {@code outDir} lists; none when it is not the tool's. */
  public static Set<String> filesListedIn(Path outDir) {
    Path file = FolderLayout.of(outDir).manifest();
    Set<String> files = new TreeSet<>();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return files;
    }
    Manifest manifest;
    try {
      manifest = Manifest.read(file);
    } catch (IOException e) {
      return files; // not a manifest the tool wrote: nothing in the folder is known to be its
    }
    if (!manifest.writtenByTheTool()) {
      return files;
    }
    for (Manifest.TableEntry entry : manifest.tables()) {
      if (entry.file() != null && FolderLayout.isTableFile(entry.file())) {
        files.add(entry.file());
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
          && FolderLayout.isTableFile(file)
          && Files.exists(OutputFolder.fileIn(outDir, file), LinkOption.NOFOLLOW_LINKS)) {
        stale.add(file);
      }
    }
    return stale;
  }

  /**
   * Deletes the {@linkplain FolderLayout#csvBase CSV base} an earlier pull in another format left
   * in {@code outDir}, once a pull has made it a CSV folder: nothing syncs from it any more.
   */
  public static void deleteCsvBase(Path outDir) {
    Path base = FolderLayout.of(outDir).csvBase();
    if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(base)) { // a link in it is deleted, never followed
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          "cannot delete "
              + base
              + ", the CSV tables of the pull this one replaces ("
              + OutputFolder.reason(e)
              + "). Fix its permissions and run the same command again to finish.",
          e);
    }
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
}
