package dev.hubspotextract.client;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One record's property values, by column in the order the stream asked for them (read them with
 * {@link #valueAt}, or as wire bytes with {@link #copyVerbatim}); also a read-only map from name to
 * value, where every property asked for is a key and one HubSpot sent no value for maps to {@code
 * null}.
 */
public final class PropertyValues extends AbstractMap<String, String> {
  /** Receives a value's UTF-8 bytes. */
  @FunctionalInterface
  public interface Utf8Consumer {
    void accept(byte[] bytes, int offset, int length);
  }

  private final PropertyColumns columns;

  /** The response body the verbatim values lie in. */
  private final byte[] body;

  /**
   * For column {@code c}: {@code spans[2c]} and {@code spans[2c+1]} bound the value's bytes in
   * {@link #body} (between the quotes of a JSON string without escapes), or both are 0.
   */
  private final int[] spans;

  /** Values not held verbatim: strings with escapes, numbers, booleans; null when absent. */
  private final String[] decoded;

  PropertyValues(PropertyColumns columns, byte[] body, int[] spans, String[] decoded) {
    this.columns = columns;
    this.body = body;
    this.spans = spans;
    this.decoded = decoded;
  }

  /** The value of the {@code column}-th property asked for, or null. */
  public String valueAt(int column) {
    if (decoded[column] != null) {
      return decoded[column];
    }
    int start = spans[2 * column];
    int end = spans[2 * column + 1];
    return end == 0 ? null : new String(body, start, end - start, StandardCharsets.UTF_8);
  }

  /**
   * When the body holds the {@code column}-th value verbatim (a JSON string without escapes: most
   * CRM values), hands its UTF-8 bytes to {@code consumer} and returns true; otherwise (null, an
   * escaped string, a number) returns false and {@link #valueAt} is the way to read it. Copying
   * wire bytes spares decoding to a String and encoding back, most of a flat-out pull's CPU.
   */
  public boolean copyVerbatim(int column, Utf8Consumer consumer) {
    int start = spans[2 * column];
    int end = spans[2 * column + 1];
    if (end == 0) {
      return false;
    }
    consumer.accept(body, start, end - start);
    return true;
  }

  @Override
  public int size() {
    return decoded.length;
  }

  @Override
  public boolean containsKey(Object name) {
    return columns.columnOf(name) >= 0;
  }

  @Override
  public String get(Object name) {
    int column = columns.columnOf(name);
    return column < 0 ? null : valueAt(column);
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return decoded.length;
      }

      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int column;

          @Override
          public boolean hasNext() {
            return column < decoded.length;
          }

          @Override
          public Entry<String, String> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Entry<String, String> entry =
                new SimpleImmutableEntry<>(columns.name(column), valueAt(column));
            column++;
            return entry;
          }
        };
      }
    };
  }
}
