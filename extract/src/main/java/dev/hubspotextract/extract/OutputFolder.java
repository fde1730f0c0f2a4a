package dev.hubspotextract.extract;

import com.sun.security.auth.module.UnixSystem;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The output folder's safety rules: it exists and can be written before any request is made; the
 * tool's own folder in it ({@link FolderLayout#privateFolder}, resume state and unfinished files)
 * is the user's alone, owner-only, never a link, never another user's; and every file the tool
 * writes, moves or deletes is a plain name inside it.
 */
public final class OutputFolder {
  private OutputFolder() {}

  /**
   * Creates the folder (with {@code mode}'s permissions) or checks the one there, and returns its
   * absolute path; an existing folder keeps its permissions, with a warning when others can read it
   * and the mode is private.
   */
  public static Path prepare(Path dir, FileMode mode, Consumer<String> warnings) {
    Path absolute = dir.toAbsolutePath().normalize();
    boolean existed = Files.isDirectory(absolute);
    try {
      Files.createDirectories(absolute, mode.newFolder());
    } catch (FileAlreadyExistsException e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          UserText.of(
              "cannot use "
                  + absolute
                  + " as the output folder: it is a file. Choose another output folder.",
              Setting.OUTPUT_FOLDER),
          e);
    } catch (IOException | SecurityException e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          UserText.of(
              "cannot create the output folder "
                  + absolute
                  + " ("
                  + reason(e)
                  + "). Choose another output folder or fix its permissions.",
              Setting.OUTPUT_FOLDER),
          e);
    }
    try {
      Path probe = Files.createTempFile(absolute, FolderLayout.WRITE_CHECK, ".tmp");
      Files.delete(probe);
      if (existed && mode == FileMode.PRIVATE && FileMode.othersCanRead(absolute)) {
        warnings.accept(
            "warning: other users can open "
                + absolute
                + " (its permissions are kept); the files written in it are yours alone. Run"
                + " chmod 700 on it to keep them from listing it.");
      }
      if (existed && FileMode.othersCanWrite(absolute)) {
        warnings.accept(
            "warning: other users can write in "
                + absolute
                + ": they can delete or replace the finished files. Choose a folder only you can"
                + " write in.");
      }
    } catch (IOException | SecurityException e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          UserText.of(
              "cannot write to the output folder "
                  + absolute
                  + " ("
                  + reason(e)
                  + "). Choose another output folder or fix its permissions.",
              Setting.OUTPUT_FOLDER),
          e);
    }
    Path own = FolderLayout.of(absolute).privateFolder();
    if (Files.exists(own, LinkOption.NOFOLLOW_LINKS)) {
      privateFolder(absolute); // refused now, before any request, if planted; made when needed
    }
    return absolute;
  }

  /**
   * The tool's own folder in {@code outDir}, created owner-only if missing. One that is a link, not
   * a folder, or another user's is refused: whoever planted it could read or redirect what is
   * written there.
   */
  public static Path privateFolder(Path outDir) {
    FolderLayout layout = FolderLayout.of(outDir);
    Path folder = layout.privateFolder();
    try {
      ensureOwnFolder(folder);
      ensureOwnFolder(layout.unfinishedFolder());
      return folder;
    } catch (AnotherUsersFolder e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          UserText.of(unfinishedFilesIn(folder, e.getMessage()), Setting.OUTPUT_FOLDER),
          e);
    } catch (IOException e) {
      throw new ExtractException(FailureCategory.OUTPUT, unfinishedFilesIn(folder, reason(e)), e);
    }
  }

  private static String unfinishedFilesIn(Path folder, String why) {
    return "cannot use " + folder + " for the pull's unfinished files: " + why;
  }

  /** The private folder belongs to someone else: the fix is theirs, or another output folder. */
  private static final class AnotherUsersFolder extends IOException {
    private static final long serialVersionUID = 1L;

    AnotherUsersFolder(String message) {
      super(message);
    }
  }

  /**
   * Deletes the private folder once nothing is left in it (a pull or conversion is over), and
   * before it a CSV base begun by a run that wrote nothing in it.
   */
  public static void removePrivateFolderIfEmpty(Path outDir) throws IOException {
    FolderLayout layout = FolderLayout.of(outDir);
    deleteIfEmpty(layout.unfinishedFolder());
    deleteIfEmpty(layout.csvBase());
    deleteIfEmpty(layout.privateFolder());
  }

  private static void deleteIfEmpty(Path folder) throws IOException {
    try (Stream<Path> left = Files.list(folder)) {
      if (left.findAny().isEmpty()) {
        Files.delete(folder);
      }
    } catch (NoSuchFileException e) {
      // already gone
    }
  }

  /**
   * {@code dir/name}, once {@code name} is shown to be a plain file name that stays in {@code dir}:
   * the last wall between a name that came from a server (or a manifest) and the file system.
   */
  public static Path fileIn(Path dir, String name) {
    boolean plain =
        !name.isEmpty()
            && !name.equals(".")
            && !name.equals("..")
            && name.indexOf('/') < 0
            && name.indexOf('\\') < 0
            && name.indexOf('\0') < 0
            && name.chars().noneMatch(Character::isISOControl);
    Path file = plain ? dir.resolve(name).normalize() : null;
    if (file == null || !dir.normalize().equals(file.getParent())) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          "refusing to write '"
              + ServerNames.shown(name)
              + "': not a plain file name inside "
              + dir
              + " (a name from the server or a manifest may not leave the folder)");
    }
    return file;
  }

  private static void ensureOwnFolder(Path folder) throws IOException {
    if (Files.isSymbolicLink(folder)) {
      throw new IOException(folder + " is a link; delete it (the tool creates its own)");
    }
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(folder, FileMode.PRIVATE.newFolder());
        return;
      } catch (FileAlreadyExistsException e) {
        // made by someone else in the meantime: checked below like any existing one
      }
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(folder + " is not a folder; delete it");
    }
    OptionalLong owner = uidOf(folder);
    if (owner.isPresent() && MY_UID.isPresent() && owner.getAsLong() != MY_UID.getAsLong()) {
      throw new AnotherUsersFolder(
          folder
              + " belongs to "
              + Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName()
              + ", not to you; delete it or choose another output folder");
    }
    if (FileMode.ownerOnly(folder)) {
      deleteContents(folder); // others could have put files in it: none is trusted
    }
  }

  /** The user this process runs as; empty off Unix, where the owner check is left out. */
  private static final OptionalLong MY_UID = myUid();

  private static OptionalLong myUid() {
    try {
      return OptionalLong.of(new UnixSystem().getUid());
    } catch (RuntimeException | LinkageError e) {
      return OptionalLong.empty();
    }
  }

  /** Who owns a file, without following a link; empty where the file system does not say. */
  private static OptionalLong uidOf(Path file) throws IOException {
    try {
      return OptionalLong.of(
          ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue());
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return OptionalLong.empty();
    }
  }

  private static void deleteContents(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) { // links are deleted, not followed
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(folder)) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  static String reason(Exception e) {
    String name = e.getClass().getSimpleName().replace("Exception", "");
    String message = e.getMessage();
    return name.equals("AccessDenied")
        ? "permission denied"
        : name.equals("IO") || name.isEmpty() ? String.valueOf(message) : name + ": " + message;
  }
}
