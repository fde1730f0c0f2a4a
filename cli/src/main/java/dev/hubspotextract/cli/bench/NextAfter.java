package dev.hubspotextract.cli.bench;

/** The cursor at the end of a list page, read from its last bytes without parsing the page. */
final class NextAfter {
  private NextAfter() {}

  /**
   * The id after which the next page starts, from the end of a page ({@code …&after=<id>"}}}}); on
   * the last page, which has none, 0: the workers wrap around to the start.
   */
  static String in(String pageEnd) {
    int at = pageEnd.endsWith("\"}}}") ? pageEnd.lastIndexOf("after=") : -1;
    return at < 0 ? "0" : pageEnd.substring(at + 6, pageEnd.length() - 4);
  }
}
