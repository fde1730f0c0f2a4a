package dev.hubspotextract.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per output folder: a pull holds an OS lock on {@code .hubspot-extract/lock} for its
 * whole life, so a second pull into the same folder is refused before it writes anything (two
 * writers interleave their files into garbage). The OS frees the lock when the process dies, so a
 * killed run never blocks the next; the file names the holder (process id, host, start) for the
 * refusal message only.
 */
public final class FolderLock implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<OpenOption> CREATE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> OPEN =
      Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  /** Tries before giving up when each lock taken was on a file its holder had just deleted. */
  private static final int ATTEMPTS = 5;

  /**
   * The holders of the locks this process holds, by lock file: another pull in this process is
   * refused without opening the file, as closing any descriptor of it would free the lock.
   */
  private static final Map<Path, byte[]> HELD_HERE = new ConcurrentHashMap<>();

  private final Path outDir;
  private final Path file;
  private final FileChannel channel;

  private FolderLock(Path outDir, Path file, FileChannel channel) {
    this.outDir = outDir;
    this.file = file;
    this.channel = channel;
  }

  /**
   * Takes the lock of {@code outDir} for this process, or refuses (exit 7) naming the run that
   * holds it.
   */
  public static FolderLock acquire(Path outDir) {
    OutputFolder.privateFolder(outDir);
    Path file = FolderLayout.of(outDir).lockFile();
    byte[] holder = holderOfThisProcess();
    byte[] heldHere = HELD_HERE.putIfAbsent(file, holder);
    if (heldHere != null) {
      throw held(outDir, file, heldHere);
    }
    FolderLock lock = null;
    try {
      for (int attempt = 1; attempt <= ATTEMPTS && lock == null; attempt++) {
        OutputFolder.privateFolder(outDir); // the run that just ended may have removed it
        lock = tryLock(outDir, file, holder);
      }
    } catch (IOException e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          "cannot lock "
              + file
              + " so that no other pull writes "
              + outDir
              + " meanwhile: "
              + OutputFolder.reason(e)
              + ". Fix its permissions, or delete the file if no pull is running.",
          e);
    } finally {
      if (lock == null) {
        HELD_HERE.remove(file);
      }
    }
    if (lock == null) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          "cannot lock "
              + file
              + ": other pulls keep starting and ending in "
              + outDir
              + ". Run this one when they are done.");
    }
    return lock;
  }

  /**
   * The lock, null when the file locked is no longer the one at its name (the run before deleted it
   * as it ended, after this one opened it: its successor at that name is the real lock), or a
   * refusal when a run holds it. The file at the name is compared by its key (device and inode),
   * never opened again: on POSIX, closing any descriptor of a file frees the process's locks on it.
   */
  private static FolderLock tryLock(Path outDir, Path file, byte[] holder) throws IOException {
    FileChannel channel;
    Object opened;
    try {
      createIfMissing(file);
      opened = keyOf(file); // before it is opened: the key of what the channel holds, or older
      channel = FileChannel.open(file, OPEN);
    } catch (NoSuchFileException e) {
      return null;
    }
    boolean held = false;
    try {
      FileLock lock = null;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // held in this process under another name of the folder (a link to it)
      }
      if (lock == null) {
        throw held(outDir, file, readQuietly(file));
      }
      if (!Objects.equals(opened, keyOf(file))) {
        return null;
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(holder), 0);
      channel.force(false);
      held = true;
      return new FolderLock(outDir, file, channel);
    } catch (NoSuchFileException e) {
      return null;
    } finally {
      if (!held) {
        channel.close();
      }
    }
  }

  private static void createIfMissing(Path file) throws IOException {
    try {
      Files.newByteChannel(file, CREATE, FileMode.PRIVATE.newFile()).close();
    } catch (FileAlreadyExistsException e) {
      // held by a run, or left by one that was killed
    }
  }

  /** The key of the file at {@code file} (device and inode on Unix), read without opening it. */
  private static Object keyOf(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  /** Deletes the file and frees the lock, then the private folder if nothing else is in it. */
  @Override
  public void close() {
    try (channel) {
      Files.deleteIfExists(file); // while still held: whoever opened it meanwhile sees it gone
    } catch (IOException e) {
      // a lock file left behind blocks nobody: the lock is the OS's, freed with the channel
    } finally {
      HELD_HERE.remove(file);
    }
    try {
      OutputFolder.removePrivateFolderIfEmpty(outDir);
    } catch (IOException e) {
      // another pull took the folder over meanwhile, or it is kept for a resume
    }
  }

  private static ExtractException held(Path outDir, Path file, byte[] holderBytes) {
    String who;
    try {
      JsonNode holder = JSON.readTree(holderBytes);
      who =
          "process "
              + holder.path("pid").asText("?")
              + " on "
              + holder.path("host").asText("?")
              + ", started "
              + holder.path("startedAt").asText("?");
    } catch (IOException | RuntimeException e) {
      who = "a run that has not yet written who it is"; // between its lock and its write
    }
    return new ExtractException(
        FailureCategory.OUTPUT,
        UserText.of(
            "another pull is writing "
                + outDir
                + " ("
                + who
                + "; its lock is "
                + file
                + "). Wait for it to end or stop it, or choose another output folder: two pulls"
                + " into one folder would mix their files. A pull that was killed holds no lock.",
            Setting.OUTPUT_FOLDER));
  }

  private static byte[] holderOfThisProcess() {
    Map<String, Object> holder = new LinkedHashMap<>();
    holder.put("pid", ProcessHandle.current().pid());
    holder.put("host", hostName());
    holder.put("startedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    try {
      return JSON.writeValueAsBytes(holder);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the lock's holder", e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "an unnamed host";
    }
  }

  private static byte[] readQuietly(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
