package dev.hubspotextract.extract;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Writer} that encodes to UTF-8 value by value into a file. Hand-written because the JDK's
 * {@code OutputStreamWriter} encodes its whole char buffer one char at a time once it meets a
 * non-ASCII char (nearly every buffer of real CRM data), while {@link String#getBytes} copies an
 * ASCII value as a block: FastCSV, unbuffered, hands this writer whole values.
 */
final class Utf8ChannelWriter extends Writer {
  private final FileChannel channel;
  private final byte[] buffer = new byte[1 << 16];
  private int length;

  Utf8ChannelWriter(FileChannel channel) {
    this.channel = channel;
  }

  @Override
  public void write(int c) throws IOException {
    if (c < 0x80 && length < buffer.length) {
      buffer[length++] = (byte) c;
    } else {
      put(String.valueOf((char) c).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void write(String text, int offset, int count) throws IOException {
    String part =
        offset == 0 && count == text.length() ? text : text.substring(offset, offset + count);
    put(part.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void write(char[] chars, int offset, int count) throws IOException {
    put(new String(chars, offset, count).getBytes(StandardCharsets.UTF_8));
  }

  private void put(byte[] bytes) throws IOException {
    if (bytes.length > buffer.length - length) {
      drain();
      if (bytes.length > buffer.length) {
        writeFully(ByteBuffer.wrap(bytes));
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
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

  /** Hands everything written so far to the file. */
  @Override
  public void flush() throws IOException {
    drain();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      channel.close();
    }
  }
}
