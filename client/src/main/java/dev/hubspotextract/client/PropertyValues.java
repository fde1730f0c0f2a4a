package dev.hubspotextract.client;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One record's property values, by column in the order the stream asked for them (read them with
 * {@link #valueAt}); also a read-only map from name to value, where every property asked for is a
 * key and one HubSpot sent no value for maps to {@code null}.
 */
public final class PropertyValues extends AbstractMap<String, String> {
  private final PropertyColumns columns;
  private final String[] values;

  PropertyValues(PropertyColumns columns, String[] values) {
    this.columns = columns;
    this.values = values;
  }

  /** The value of the {@code column}-th property asked for, or null. */
  public String valueAt(int column) {
    return values[column];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean containsKey(Object name) {
    return columns.columnOf(name) >= 0;
  }

  @Override
  public String get(Object name) {
    int column = columns.columnOf(name);
    return column < 0 ? null : values[column];
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return values.length;
      }

      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int column;

          @Override
          public boolean hasNext() {
            return column < values.length;
          }

          @Override
          public Entry<String, String> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Entry<String, String> entry =
                new SimpleImmutableEntry<>(columns.name(column), values[column]);
            column++;
            return entry;
          }
        };
      }
    };
  }
}
