package dev.hubspotextract.extract;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The CRC32C of a file's first bytes, extended as the file grows: what a checkpoint vouches for
 * besides a length, so a file damaged in place (same size, other bytes) is never taken up. Each
 * byte is read back once, from the file as it is on disk.
 */
final class PrefixChecksum {
  private static final int CHUNK = 1 << 16;
  private final CRC32C crc = new CRC32C();
  private long length;

  /** The checksum of a file that is empty so far. */
  PrefixChecksum() {}

  /** The checksum of the first {@code bytes} bytes of {@code file}. */
  static PrefixChecksum of(Path file, long bytes) throws IOException {
    PrefixChecksum checksum = new PrefixChecksum();
    checksum.extendTo(file, bytes);
    return checksum;
  }

  /**
   * Takes in the bytes of {@code file} from where this checksum ended up to {@code bytes}, and
   * returns the checksum of its first {@code bytes} bytes.
   */
  long extendTo(Path file, long bytes) throws IOException {
    if (bytes < length) {
      throw new IllegalStateException(
          "a checksum of " + length + " bytes cannot go back to " + bytes + " bytes of " + file);
    }
    if (bytes > length) {
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        while (length < bytes) {
          buffer.clear().limit((int) Math.min(CHUNK, bytes - length));
          int read = channel.read(buffer, length);
          if (read < 0) {
            throw new EOFException(file + " ends before " + bytes + " bytes");
          }
          crc.update(buffer.flip());
          length += read;
        }
      }
    }
    return value();
  }

  /** The checksum of the bytes taken in so far. */
  long value() {
    return crc.getValue();
  }
}
