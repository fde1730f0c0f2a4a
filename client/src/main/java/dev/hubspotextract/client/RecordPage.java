package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one page ({@code {"results":[…],"paging":{"next":{"after":…}}}}) with the streaming parser,
 * handing out one record at a time; the cursor is known once the records are read (or earlier if
 * {@code paging} comes first).
 */
final class RecordPage implements AutoCloseable {
  private final byte[] body;
  private final JsonParser parser;
  private final String doing;
  private final PropertyColumns columns;

  /**
   * For each column, the column that followed it in the previous record ({@code [size]}: the first
   * one), or -1: HubSpot sends properties in the same order record after record, so the next name
   * is compared with the expected one's bytes instead of being decoded and looked up.
   */
  private final int[] following;

  private boolean inResults;
  private boolean sawResults;
  private boolean finished;
  private String after;
  private long total = -1;

  RecordPage(byte[] body, String doing, PropertyColumns columns) {
    this.body = body;
    this.parser = Json.parser(body);
    this.doing = doing;
    this.columns = columns;
    this.following = new int[columns.size() + 1];
    Arrays.fill(following, -1);
    try {
      Results.requireObject(parser.nextToken());
    } catch (IOException e) {
      throw Responses.notHubSpot(doing, body, e);
    }
  }

  /** The next record, or null when the page has no more. */
  HubSpotRecord next() {
    try {
      while (true) {
        if (inResults) {
          JsonToken item = parser.nextToken();
          if (item == JsonToken.START_OBJECT) {
            return readRecord(parser);
          }
          Results.requireEndOfList(item);
          inResults = false;
        }
        if (finished) {
          return null;
        }
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
          finished = true;
          Results.requireResults(sawResults);
          return null;
        }
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("results")) {
          Results.requireList(value);
          inResults = true;
          sawResults = true;
        } else if (field.equals("paging") && value == JsonToken.START_OBJECT) {
          after = readAfter(parser);
        } else if (field.equals("total") && value == JsonToken.VALUE_NUMBER_INT) {
          total = parser.getLongValue(); // a search's count of every record it matches
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      throw Responses.notHubSpot(doing, body, e);
    }
  }

  /**
   * The cursor of the next page, or null on the last page; call after {@link #next()} gave null.
   */
  String after() {
    return after;
  }

  /**
   * A search's {@code total}, or -1 when the page has none (list pages never do); call after {@link
   * #next()} gave null.
   */
  long total() {
    return total;
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // a byte array: nothing to release
    }
  }

  /** Reads {@code {"next":{"after":"…"}}} (the parser is on its START_OBJECT). */
  static String readAfter(JsonParser parser) throws IOException {
    String cursor = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (name.equals("next") && token == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("after")) {
            cursor = Json.scalarText(parser);
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    return cursor == null || cursor.isEmpty() ? null : cursor;
  }

  private HubSpotRecord readRecord(JsonParser parser) throws IOException {
    String id = null;
    String createdAt = null;
    String updatedAt = null;
    boolean archived = false;
    int[] spans = new int[2 * columns.size()];
    String[] decoded = new String[columns.size()];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "id" -> id = Json.scalarText(parser);
        case "createdAt" -> createdAt = Json.scalarText(parser);
        case "updatedAt" -> updatedAt = Json.scalarText(parser);
        case "archived" ->
            archived =
                token == JsonToken.VALUE_TRUE
                    || (token == JsonToken.VALUE_STRING && parser.getText().equals("true"));
        case "properties" -> {
          if (token == JsonToken.START_OBJECT) {
            readProperties(parser, spans, decoded);
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (id == null) {
      throw new IOException("a record without an id");
    }
    return new HubSpotRecord(
        id, createdAt, updatedAt, archived, new PropertyValues(columns, body, spans, decoded));
  }

  /**
   * Fills {@code spans} (a plain string's bytes) or {@code decoded} (any other value) by column;
   * properties not asked for are skipped.
   */
  private void readProperties(JsonParser parser, int[] spans, String[] decoded) throws IOException {
    int previous = columns.size();
    while (true) {
      int expected = following[previous];
      int column;
      if (expected >= 0 && parser.nextFieldName(columns.quoted(expected))) {
        column = expected;
      } else if ((expected >= 0 ? parser.currentToken() : parser.nextToken())
          == JsonToken.FIELD_NAME) {
        column = columns.columnOf(parser.currentName());
      } else {
        return; // END_OBJECT
      }
      JsonToken token = parser.nextToken();
      if (column < 0) {
        parser.skipChildren();
        continue;
      }
      int quote = token == JsonToken.VALUE_STRING ? openingQuote() : -1;
      int end = quote < 0 ? -1 : plainStringEnd(quote);
      if (end >= 0) {
        spans[2 * column] = quote + 1;
        spans[2 * column + 1] = end; // Jackson skips the string without decoding it
      } else {
        decoded[column] = Json.scalarText(parser);
      }
      following[previous] = column;
      previous = column;
    }
  }

  /** Where the current string token's opening quote lies in the body, or -1 if unknown. */
  private int openingQuote() {
    long quote = parser.currentTokenLocation().getByteOffset();
    return quote >= 0 && quote < body.length && body[(int) quote] == '"' ? (int) quote : -1;
  }

  /**
   * Where the closing quote of the string opened at {@code quote} lies when the string holds no
   * escape or control character (so its bytes are the value's UTF-8), else -1.
   */
  private int plainStringEnd(int quote) {
    for (int i = quote + 1; i < body.length; i++) {
      byte b = body[i];
      if (b == '"') {
        return i;
      }
      if (b == '\\' || (b >= 0 && b < 0x20)) {
        return -1;
      }
    }
    return -1;
  }
}
