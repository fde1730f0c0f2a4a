package dev.hubspotextract.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Every file the pull writes starts here: created new (an old file or link at that name is deleted,
 * never followed or truncated), with {@link FileMode}'s permissions, so nothing planted at the name
 * can redirect what is written or read it.
 */
public final class NewFiles {
  private static final Set<OpenOption> CREATE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private NewFiles() {}

  public static FileChannel channel(Path file, FileMode mode) throws IOException {
    Files.deleteIfExists(file);
    return FileChannel.open(file, CREATE, mode.newFile());
  }

  public static OutputStream stream(Path file, FileMode mode) throws IOException {
    return Channels.newOutputStream(channel(file, mode));
  }
}
