package dev.hubspotextract.analyze;

/**
 * How many terminal columns a text takes: East Asian wide and fullwidth characters take two (owners
 * named 山田 太郎), combining marks none. Written by hand because the analysis has no terminal library,
 * and the JDK knows no character widths; the ranges are Unicode's EastAsianWidth W and F blocks,
 * coarsely, which is all an aligned table needs.
 */
final class TerminalWidth {
  private static final int[][] WIDE = {
    {0x1100, 0x115F}, // Hangul Jamo initials
    {0x2E80, 0x303E}, // CJK radicals, symbols and punctuation
    {0x3041, 0x33FF}, // Hiragana, Katakana, Bopomofo, CJK compatibility
    {0x3400, 0x4DBF}, // CJK extension A
    {0x4E00, 0x9FFF}, // CJK unified ideographs
    {0xA000, 0xA4CF}, // Yi
    {0xAC00, 0xD7A3}, // Hangul syllables
    {0xF900, 0xFAFF}, // CJK compatibility ideographs
    {0xFE30, 0xFE4F}, // CJK compatibility forms
    {0xFF00, 0xFF60}, // fullwidth forms
    {0xFFE0, 0xFFE6}, // fullwidth signs
    {0x1F300, 0x1F64F}, // pictographs and emoticons
    {0x1F680, 0x1F6FF}, // transport and map symbols (🚀)
    {0x1F900, 0x1F9FF}, // supplemental symbols and pictographs
    {0x1FA70, 0x1FAFF}, // symbols and pictographs extended-A
    {0x20000, 0x3FFFD}, // CJK extensions B and beyond
  };

  private TerminalWidth() {}

  /** The columns {@code text} takes on a terminal. */
  static int of(String text) {
    return text.codePoints().map(TerminalWidth::of).sum();
  }

  /** The columns one character takes: 0, 1 or 2. */
  static int of(int codePoint) {
    int type = Character.getType(codePoint);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
      return 0;
    }
    for (int[] range : WIDE) {
      if (codePoint >= range[0] && codePoint <= range[1]) {
        return 2;
      }
    }
    return 1;
  }

  /** The longest start of {@code text} that takes at most {@code columns}. */
  static String cut(String text, int columns) {
    int used = 0;
    int end = 0;
    while (end < text.length()) {
      int codePoint = text.codePointAt(end);
      if (used + of(codePoint) > columns) {
        break;
      }
      used += of(codePoint);
      end += Character.charCount(codePoint);
    }
    return text.substring(0, end);
  }
}
