package dev.hubspotextract.cli;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.LabelGap;
import dev.hubspotextract.analyze.OutputFormat;
import dev.hubspotextract.analyze.PullHint;
import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that knows the flag of each {@link Setting}. The client, the engine and the
 * analysis name settings in words ("Choose another output folder."), since only the command line
 * has flags; every text of theirs that the command line prints goes through {@link #show}, which
 * adds the flag after the words ("Choose another output folder (--out)."), and a pull they suggest
 * becomes the command to run ({@link #pullCommand}).
 */
final class Flags {
  private Flags() {}

  /**
   * How a user of the command line gives {@code setting}: its flag, or for the access token every
   * way there is. A switch, so a new setting does not build until it has its flag; {@code
   * FlagsTest} checks that each is a flag some command declares.
   */
  static String of(Setting setting) {
    return switch (setting) {
      case OUTPUT_FOLDER, RESULT_FILE -> "--out";
      case RESTART -> "--restart";
      case BASE_URL -> "--base-url";
      case ACCESS_TOKEN -> "--token-file, --token or $HUBSPOT_ACCESS_TOKEN";
      case OBJECTS -> "--objects";
      case PROPERTIES -> "--properties";
      case RECORD_LIMIT -> "--count";
      case ASSOCIATIONS -> "--associations";
      case HISTORY -> "--history";
      case FORMAT -> "--format";
      case PROXY -> "--proxy";
      case CA_CERT -> "--ca-cert";
      case REQUEST_TIMEOUT -> "--request-timeout";
      case CONNECT_TIMEOUT -> "--connect-timeout";
      case MAX_BODY_SIZE -> "--max-body-size";
      case INPUT_FOLDER -> "--in";
      case MAX_ROWS -> "--max-rows";
      case ALLOW_EXTERNAL -> "--allow-external";
      case PRIMARY_ONLY -> "--primary";
      case LABEL -> "--label";
      case COLUMNS -> "--columns";
    };
  }

  /**
   * {@code text} with the flag of each setting it names after the last place it names it: {@code
   * Choose another output folder (--out).} A text that names a setting it carries nowhere (a
   * message worded without its words) gets the flag at its end, so the user still learns it.
   */
  static String show(UserText text) {
    String shown = text.text();
    for (Setting setting : text.settings()) {
      String flag = " (" + of(setting) + ")";
      int at = lastIndexIgnoringCase(shown, setting.words());
      if (at < 0) {
        shown += flag;
      } else {
        int end = at + setting.words().length();
        shown = shown.substring(0, end) + flag + shown.substring(end);
      }
    }
    return shown;
  }

  /**
   * A failure's message as the command line shows it: with the flags of the settings it names, and
   * a pull that would fix it as the command to run, in place of the words that say it (or, where a
   * message lost them, after it).
   */
  static String show(CategorizedException failure) {
    if (failure instanceof AnalyzeException analyze) {
      return show(failure.text(), analyze.pull());
    }
    return show(failure.text());
  }

  /** Labels a command could not give, as the command line shows it: with the pull to run. */
  static String show(LabelGap gap) {
    return show(gap.text(), gap.pull());
  }

  /** {@code text} with the pull it says in words, if any, as the command to run. */
  private static String show(UserText text, Optional<PullHint> pull) {
    if (pull.isEmpty()) {
      return show(text);
    }
    String run = "run " + pullCommand(pull.get());
    String words = pull.get().words();
    return show(
        new UserText(
            text.text().contains(words)
                ? text.text().replace(words, run)
                : text.text() + "; " + run,
            text.settings()));
  }

  /**
   * The command line of a pull: {@code ./hubspot-extract pull --objects deals,tickets
   * --associations deals:tickets --out out}.
   */
  static String pullCommand(PullHint pull) {
    List<String> words = new ArrayList<>(List.of("./hubspot-extract", "pull"));
    if (!pull.objects().isEmpty()) {
      words.add(of(Setting.OBJECTS));
      words.add(String.join(",", pull.objects()));
    }
    if (!pull.pairs().isEmpty()) {
      words.add(of(Setting.ASSOCIATIONS));
      words.add(String.join(",", pull.pairs()));
    }
    if (pull.format() != OutputFormat.CSV) {
      words.add(of(Setting.FORMAT));
      words.add(pull.format().label());
    }
    words.add(of(Setting.OUTPUT_FOLDER));
    words.add(pull.dir().toString());
    return String.join(" ", words);
  }

  /** Where {@code words} last occur in {@code text}, in any case; -1 when they do not. */
  private static int lastIndexIgnoringCase(String text, String words) {
    for (int at = text.length() - words.length(); at >= 0; at--) {
      if (text.regionMatches(true, at, words, 0, words.length())) {
        return at;
      }
    }
    return -1;
  }
}
