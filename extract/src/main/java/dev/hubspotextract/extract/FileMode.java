package dev.hubspotextract.extract;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Who may read what the tool writes. A CRM export is personal data, so by default every file it
 * creates is its owner's alone (600) and every folder too (700); {@code --keep-umask} leaves both
 * to the user's umask, as most tools do. On a file system without POSIX permissions both are the
 * file system's default.
 */
public enum FileMode {
  /** Owner only: files 600, folders 700. */
  PRIVATE,
  /** As the process's umask says. */
  UMASK;

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_FOLDER =
      PosixFilePermissions.fromString("rwx------");

  /** The attributes a new file is created with. */
  public FileAttribute<?>[] newFile() {
    return this == PRIVATE && POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : new FileAttribute<?>[0];
  }

  /** The attributes a new folder is created with. */
  public FileAttribute<?>[] newFolder() {
    return this == PRIVATE && POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FOLDER)}
        : new FileAttribute<?>[0];
  }

  /**
   * Makes a file that another library created (DuckDB's Parquet and database files) as private as
   * this mode's own files, before it is renamed into place.
   */
  public void restrict(Path file) throws IOException {
    if (this == PRIVATE && POSIX) {
      Files.setPosixFilePermissions(file, OWNER_FILE);
    }
  }

  /** Whether users other than the owner may read or enter this folder (followed if a link). */
  static boolean othersCanRead(Path folder) throws IOException {
    Set<PosixFilePermission> permissions = permissions(folder);
    return permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)
        || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
        || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  /** Whether users other than the owner may create, rename or delete files in this folder. */
  static boolean othersCanWrite(Path folder) throws IOException {
    Set<PosixFilePermission> permissions = permissions(folder);
    return permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE);
  }

  private static Set<PosixFilePermission> permissions(Path folder) throws IOException {
    return POSIX ? Files.getPosixFilePermissions(folder.toRealPath()) : Set.of();
  }

  /**
   * Makes a folder the tool keeps for itself owner-only, whatever the mode; true when it was not
   * (others could have put files in it).
   */
  static boolean ownerOnly(Path folder) throws IOException {
    if (POSIX
        && !Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(OWNER_FOLDER)) {
      Files.setPosixFilePermissions(folder, OWNER_FOLDER);
      return true;
    }
    return false;
  }
}
