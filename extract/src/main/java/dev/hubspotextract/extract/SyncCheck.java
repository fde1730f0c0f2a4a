package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a folder can be synced with a request: it must hold a whole pull of the same objects and
 * properties, recorded in a manifest this tool wrote and can read. A folder it cannot vouch for is
 * refused, saying what to run instead, never guessed at.
 */
public final class SyncCheck {
  private SyncCheck() {}

  /**
   * The manifest of the CSV tables a sync of the folder {@code request} names brings up to date,
   * when {@code request} may sync it in {@code format} ({@code csv}, {@code parquet}, {@code
   * duckdb}): the folder's own for CSV, its {@linkplain FolderLayout#csvBase base}'s for another
   * format. Empty when the folder holds no pull yet (a sync then pulls it whole).
   *
   * @throws ExtractException (usage) when the folder cannot be synced with this request
   */
  public static Optional<Manifest> earlierPull(PullRequest request, String format) {
    Path dir = request.outDir();
    FolderLayout layout = FolderLayout.of(dir);
    if (request.recordLimit().isPresent()) {
      throw refused(
          UserText.of(
              "a sync keeps a whole copy of the portal, so it takes no record limit: leave it out",
              Setting.RECORD_LIMIT));
    }
    if (!Files.exists(layout.manifest())) {
      if (holdsTables(dir)) {
        throw refused(
            dir
                + " holds table files but no manifest.json: it was not written by pull, or a pull"
                + " into it never finished; pull into it (or into a new folder) before syncing");
      }
      return Optional.empty();
    }
    Manifest folder = readable(layout.manifest());
    if (!folder.writtenByTheTool()) {
      throw refused(
          layout.manifest() + " was not written by hubspot-extract: pull into the folder");
    }
    if (folder.excel()) {
      throw refused(
          dir
              + " holds CSV files made for a spreadsheet; sync keeps them as HubSpot sent them in"
              + " this version: pull into a new folder without the spreadsheet setting, and sync"
              + " that");
    }
    String has = folder.format() == null ? FolderLayout.CSV_FORMAT : folder.format();
    if (!format.equals(has)) {
      throw refused(
          UserText.of(
              dir
                  + " holds "
                  + has
                  + " files, not "
                  + format
                  + ": sync it in "
                  + has
                  + ", its file format, or pull it again to change it",
              Setting.FORMAT));
    }
    Manifest manifest = folder;
    if (!FolderLayout.CSV_FORMAT.equals(format)) {
      Path base = FolderLayout.of(layout.csvBase()).manifest();
      if (!Files.isRegularFile(base, LinkOption.NOFOLLOW_LINKS)) {
        throw refused(
            UserText.of(
                dir
                    + " holds "
                    + format
                    + " files without the CSV tables they were converted from, which a sync brings"
                    + " up to date (a pull of an earlier version did not keep them, or they were"
                    + " deleted): pull it again in the same file format, which keeps them in "
                    + layout.csvBase()
                    + ", then sync",
                Setting.FORMAT));
      }
      manifest = readable(base);
      if (!manifest.writtenByTheTool() || !FolderLayout.CSV_FORMAT.equals(manifest.format())) {
        throw refused(
            base + " is not the manifest of a CSV pull of the tool's: pull the folder again");
      }
    }
    Manifest.Selection pulled = manifest.request();
    if (pulled == null) {
      throw refused(
          dir
              + " was pulled by an earlier version that did not record what it pulled: pull it"
              + " once more, then sync");
    }
    if (pulled.recordLimit() != null) {
      throw refused(
          dir
              + " holds at most "
              + pulled.recordLimit()
              + " records per object (a pull with a record limit), not a whole copy to keep"
              + " current: pull it again without the limit, then sync");
    }
    Manifest.Selection asked = Manifest.Selection.of(request);
    if (!normalized(pulled.objects()).equals(normalized(asked.objects()))) {
      throw refused(
          UserText.of(
              differs(dir, "objects to pull", pulled.objects(), asked.objects()), Setting.OBJECTS));
    }
    if (!normalized(pulled.properties()).equals(normalized(asked.properties()))) {
      throw refused(
          UserText.of(
              differs(dir, "properties to pull", pulled.properties(), asked.properties()),
              Setting.PROPERTIES));
    }
    // recorded since sync came: an earlier manifest's empty list says nothing
    if (!pulled.associations().isEmpty()
        && !normalized(pulled.associations()).equals(normalized(asked.associations()))) {
      throw refused(
          UserText.of(
              differs(dir, "association files", pulled.associations(), asked.associations()),
              Setting.ASSOCIATIONS));
    }
    // in order: a history file's rows follow the order its properties were named in
    if (!pulled.history().equals(asked.history())) {
      throw refused(
          UserText.of(
              differs(dir, "property history", pulled.history(), asked.history(), "none"),
              Setting.HISTORY));
    }
    if (!pulled.sensitivity().equals(asked.sensitivity())) {
      throw refused(differs(dir, "sensitive levels", pulled.sensitivity(), asked.sensitivity()));
    }
    return Optional.of(manifest);
  }

  /** A manifest read, or the refusal to guess at a folder whose state is damaged. */
  private static Manifest readable(Path file) {
    try {
      return Manifest.read(file);
    } catch (IOException e) {
      throw refused(
          file
              + " cannot be read ("
              + e.getMessage().lines().findFirst().orElse("")
              + "): the folder's state is damaged; pull it again (into it or a new folder)");
    }
  }

  private static String differs(Path dir, String what, List<String> pulled, List<String> asked) {
    return differs(dir, what, pulled, asked, "the default");
  }

  /**
   * @param none what an empty list means
   */
  private static String differs(
      Path dir, String what, List<String> pulled, List<String> asked, String none) {
    return dir
        + " was pulled with other "
        + what
        + " ("
        + shown(pulled, none)
        + ") than this sync asks for ("
        + shown(asked, none)
        + "): sync with the same "
        + what
        + ", or pull to change what the folder holds";
  }

  private static String shown(List<String> names, String none) {
    return names.isEmpty() ? none : String.join(",", names);
  }

  private static List<String> normalized(List<String> names) {
    return names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).sorted().toList();
  }

  private static boolean holdsTables(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> FolderLayout.isTableFile(f.getFileName().toString()));
    } catch (IOException e) {
      return false;
    }
  }

  private static ExtractException refused(String message) {
    return refused(UserText.of(message));
  }

  private static ExtractException refused(UserText message) {
    return new ExtractException(FailureCategory.USAGE, message.around("cannot sync: ", ""));
  }
}
