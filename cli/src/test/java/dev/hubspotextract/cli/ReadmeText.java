package dev.hubspotextract.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README as a reader meets it: fenced blocks (commands in {@code bash} ones, samples of output
 * in the others) and the inline code of the prose and tables around them.
 */
final class ReadmeText {
  /** A fenced block: its language ("" for none), its lines, and the line it starts on. */
  record Block(String language, List<String> lines, int firstLine) {
    @Override
    public String toString() {
      return "README.md line " + firstLine + ": ```" + language;
    }
  }

  private static final Pattern INLINE_CODE = Pattern.compile("`([^`\n]+)`");

  private final List<Block> blocks = new ArrayList<>();
  private final List<String> inlineCode = new ArrayList<>();
  private final int firstHeadingLine;

  private ReadmeText(List<String> lines) {
    int heading = Integer.MAX_VALUE;
    StringBuilder prose = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        int start = i;
        List<String> body = new ArrayList<>();
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
          body.add(lines.get(i));
        }
        blocks.add(new Block(line.substring(3).trim(), body, start + 1));
        continue;
      }
      if (line.startsWith("## ") && heading == Integer.MAX_VALUE) {
        heading = i + 1;
      }
      prose.append(line).append('\n');
    }
    firstHeadingLine = heading;
    Matcher code = INLINE_CODE.matcher(prose);
    while (code.find()) {
      inlineCode.add(code.group(1));
    }
  }

  static ReadmeText read(Path file) {
    try {
      return new ReadmeText(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Block> blocks() {
    return blocks;
  }

  List<String> inlineCode() {
    return inlineCode;
  }

  /**
   * The line of the first {@code ## } heading: what comes before it is the README's first screen.
   */
  int firstHeadingLine() {
    return firstHeadingLine;
  }

  /**
   * The commands of a shell block as the shell splits them: lines ending in {@code \} joined, each
   * command's words unquoted, {@code #} comments left out, blank lines skipped.
   */
  static List<List<String>> commands(Block block) {
    List<List<String>> commands = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : block.lines()) {
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      List<String> words = words(pending.append(line).toString());
      pending.setLength(0);
      if (!words.isEmpty()) {
        commands.add(words);
      }
    }
    return commands;
  }

  /** One command line's words, as a POSIX shell reads plain, single- and double-quoted text. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break; // a comment
      } else {
        word = word == null ? new StringBuilder() : word;
        if (c == '\'' || c == '"') {
          quote = c;
        } else {
          word.append(c);
        }
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
