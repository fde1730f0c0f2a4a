package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a list page's next cursor from the tail of its body, where HubSpot puts {@code
 * "paging":{"next":{"after":…}}}, without parsing the records before it: the next page can be asked
 * for while this one is parsed. Only a guess (a property could be named {@code paging}): the full
 * parse has the last word, and a wrong guess only costs a page fetched for nothing.
 */
final class NextCursor {
  private static final byte[] PAGING = "\"paging\"".getBytes(StandardCharsets.US_ASCII);

  /** How far from the end to look: paging is the last field, a few hundred bytes long. */
  private static final int TAIL = 4_096;

  private NextCursor() {}

  /** The cursor the body's tail names, or null when it names none that can be read. */
  static String peek(byte[] body) {
    int at = lastIndexOf(body, PAGING, Math.max(0, body.length - TAIL));
    if (at < 0) {
      return null;
    }
    int i = skipSpaces(body, at + PAGING.length);
    if (i >= body.length || body[i] != ':') {
      return null;
    }
    i = skipSpaces(body, i + 1);
    try (JsonParser parser = Json.FACTORY.createParser(body, i, body.length - i)) {
      return parser.nextToken() == JsonToken.START_OBJECT ? RecordPage.readAfter(parser) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int lastIndexOf(byte[] body, byte[] needle, int from) {
    for (int at = body.length - needle.length; at >= from; at--) {
      int k = 0;
      while (k < needle.length && body[at + k] == needle[k]) {
        k++;
      }
      if (k == needle.length) {
        return at;
      }
    }
    return -1;
  }

  private static int skipSpaces(byte[] body, int from) {
    int i = from;
    while (i < body.length
        && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    return i;
  }
}
