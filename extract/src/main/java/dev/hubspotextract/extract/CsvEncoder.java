package dev.hubspotextract.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Encodes CSV rows as UTF-8 into a file: RFC 4180, comma-separated, CRLF, a field quoted only when
 * it holds a comma, quote, CR or LF. Written by hand rather than with FastCSV's writer because
 * object rows arrive as UTF-8 bytes straight from HubSpot's responses, and a char-based writer
 * would decode every value and encode it back: most of a flat-out pull's CPU. Bytes of multi-byte
 * UTF-8 sequences are never ASCII, so scanning the bytes for those four characters is exact.
 */
final class CsvEncoder {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] EMPTY = {};
  private final FileChannel channel;
  private final byte[] buffer = new byte[1 << 16];
  private int length;
  private boolean inRow;

  CsvEncoder(FileChannel channel) {
    this.channel = channel;
  }

  /** Appends a field to the current row; null is an empty field. */
  void field(String value) throws IOException {
    byte[] utf8 = value == null ? EMPTY : value.getBytes(StandardCharsets.UTF_8);
    field(utf8, 0, utf8.length);
  }

  /** Appends a field given as UTF-8 bytes to the current row. */
  void field(byte[] utf8, int offset, int count) throws IOException {
    if (count + 1 > buffer.length - length) {
      drain();
    }
    if (count + 1 <= buffer.length
        ? copyPlain(utf8, offset, count)
        : copyLarge(utf8, offset, count)) {
      return;
    }
    if (inRow) {
      put((byte) ',');
    }
    inRow = true;
    put((byte) '"');
    int end = offset + count;
    int from = offset;
    for (int i = offset; i < end; i++) {
      if (utf8[i] == '"') {
        put(utf8, from, i + 1 - from);
        put((byte) '"'); // a quote inside a quoted field is doubled
        from = i + 1;
      }
    }
    put(utf8, from, end - from);
    put((byte) '"');
  }

  /** Like {@link #copyPlain} for a field larger than the buffer: checked first, then copied. */
  private boolean copyLarge(byte[] utf8, int offset, int count) throws IOException {
    for (int i = offset, end = offset + count; i < end; i++) {
      byte b = utf8[i];
      if (b == ',' || b == '"' || b == '\n' || b == '\r') {
        return false;
      }
    }
    if (inRow) {
      put((byte) ',');
    }
    inRow = true;
    put(utf8, offset, count);
    return true;
  }

  /**
   * The common case in one pass: copies a field that needs no quotes into the buffer (which has
   * room for it and a separator) and returns true; returns false, having written nothing, at the
   * first byte that calls for quotes.
   */
  private boolean copyPlain(byte[] utf8, int offset, int count) {
    int at = length;
    if (inRow) {
      buffer[at++] = ',';
    }
    for (int i = offset, end = offset + count; i < end; i++) {
      byte b = utf8[i];
      if (b == ',' || b == '"' || b == '\n' || b == '\r') {
        return false;
      }
      buffer[at++] = b;
    }
    length = at;
    inRow = true;
    return true;
  }

  /** Ends the current row. */
  void endRow() throws IOException {
    put(CRLF, 0, CRLF.length);
    inRow = false;
  }

  private void put(byte b) throws IOException {
    if (length == buffer.length) {
      drain();
    }
    buffer[length++] = b;
  }

  private void put(byte[] bytes, int offset, int count) throws IOException {
    if (count > buffer.length - length) {
      drain();
      if (count > buffer.length) {
        writeFully(ByteBuffer.wrap(bytes, offset, count));
        return;
      }
    }
    System.arraycopy(bytes, offset, buffer, length, count);
    length += count;
  }

  private void drain() throws IOException {
    writeFully(ByteBuffer.wrap(buffer, 0, length));
    length = 0;
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** Appends {@code count} bytes of another file, from {@code position}, after what is written. */
  void append(FileChannel source, long position, long count) throws IOException {
    drain();
    long done = 0;
    while (done < count) {
      long moved = source.transferTo(position + done, count - done, channel);
      if (moved <= 0) {
        throw new IOException("the file to append ended early");
      }
      done += moved;
    }
  }

  /** How long the file is with every byte written so far, flushed or not. */
  long position() throws IOException {
    return channel.position() + length;
  }

  /** Hands every byte written so far to the file and returns the file's length. */
  long flush() throws IOException {
    drain();
    return channel.position();
  }

  void close() throws IOException {
    try {
      drain();
    } finally {
      channel.close();
    }
  }
}
