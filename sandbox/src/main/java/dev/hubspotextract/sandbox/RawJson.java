package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte buffer that JSON is appended to directly, for the list page: the serving path's one hot
 * loop. Hand-written rather than Jackson's generator because a page is 5,000 name/value pairs that
 * are all pre-encoded bytes, and copying them is twice as fast without the generator's per-token
 * bookkeeping. Values that are not pre-encoded are escaped with Jackson's {@link
 * JsonStringEncoder}.
 */
final class RawJson {
  static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int len;

  RawJson(int capacity) {
    buf = new byte[capacity];
  }

  void reset() {
    len = 0;
  }

  byte[] array() {
    return buf;
  }

  int length() {
    return len;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  /** Overwrites one byte already written (turns a leading comma into a brace). */
  void set(int position, char c) {
    buf[position] = (byte) c;
  }

  /** Appends the first {@code length} bytes. */
  RawJson raw(byte[] bytes, int length) {
    return raw(bytes, 0, length);
  }

  RawJson raw(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, len, length);
    len += length;
    return this;
  }

  /** Appends a number's digits, unquoted. */
  RawJson digits(long value) {
    ensure(20);
    if (value == 0) {
      buf[len++] = '0';
      return this;
    }
    int start = len;
    long v = value;
    boolean negative = v < 0;
    while (v != 0) {
      buf[len++] = (byte) ('0' + Math.abs(v % 10));
      v /= 10;
    }
    if (negative) {
      buf[len++] = '-';
    }
    for (int i = start, j = len - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    return this;
  }

  RawJson raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  RawJson raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** Appends ASCII text that needs no escaping (digits, timestamps, fixed keys). */
  RawJson ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  /** Appends a quoted, escaped JSON string. */
  RawJson string(String s) {
    raw('"');
    raw(JsonStringEncoder.getInstance().quoteAsUTF8(s));
    return raw('"');
  }

  /** Appends a quoted number string, e.g. an id. */
  RawJson quotedLong(long value) {
    return raw('"').digits(value).raw('"');
  }

  /** Pre-encodes a value as a quoted JSON string. */
  static byte[] quoted(String s) {
    byte[] body = JsonStringEncoder.getInstance().quoteAsUTF8(s);
    byte[] out = new byte[body.length + 2];
    out[0] = '"';
    System.arraycopy(body, 0, out, 1, body.length);
    out[out.length - 1] = '"';
    return out;
  }
}
