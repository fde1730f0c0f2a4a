package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.io.IOException;
import java.nio.file.Files;
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
   * The folder's manifest when {@code request} may sync it; empty when the folder holds no pull yet
   * (a sync then pulls it whole).
   *
   * @throws ExtractException (usage) when the folder cannot be synced with this request
   */
  public static Optional<Manifest> earlierPull(PullRequest request) {
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
    Manifest manifest;
    try {
      manifest = Manifest.read(layout.manifest());
    } catch (IOException e) {
      throw refused(
          layout.manifest()
              + " cannot be read ("
              + e.getMessage().lines().findFirst().orElse("")
              + "): the folder's state is damaged; pull it again (into it or a new folder)");
    }
    if (!manifest.writtenByTheTool()) {
      throw refused(
          layout.manifest() + " was not written by hubspot-extract: pull into the folder");
    }
    if (!FolderLayout.CSV_FORMAT.equals(manifest.format()) || manifest.excel()) {
      throw refused(
          dir
              + " holds "
              + (manifest.excel()
                  ? "CSV files made for a spreadsheet"
                  : manifest.format() + " files")
              + "; sync keeps plain CSV folders up to date in this version: pull into a new folder"
              + " without the format or spreadsheet setting, and sync that");
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
    if (!pulled.sensitivity().equals(asked.sensitivity())) {
      throw refused(differs(dir, "sensitive levels", pulled.sensitivity(), asked.sensitivity()));
    }
    return Optional.of(manifest);
  }

  private static String differs(Path dir, String what, List<String> pulled, List<String> asked) {
    return dir
        + " was pulled with other "
        + what
        + " ("
        + shown(pulled)
        + ") than this sync asks for ("
        + shown(asked)
        + "): sync with the same "
        + what
        + ", or pull to change what the folder holds";
  }

  private static String shown(List<String> names) {
    return names.isEmpty() ? "the default" : String.join(",", names);
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
