package dev.hubspotextract.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Text for the user that names settings in their {@link Setting#words() words} ("Choose another
 * output folder."), with the settings it names: a front end shows the text with its own name for
 * each (the command line, the flag: "Choose another output folder (--out)."). Without a front end's
 * names the text reads as it is.
 *
 * @param text the words for the user
 * @param settings the settings {@code text} names, each once, in the order given
 */
public record UserText(String text, List<Setting> settings) {
  public UserText {
    Objects.requireNonNull(text, "text is null");
    settings = List.copyOf(new LinkedHashSet<>(settings));
  }

  /** Text naming these settings, or none. */
  public static UserText of(String text, Setting... settings) {
    return new UserText(text, List.of(settings));
  }

  /**
   * This text after {@code prefix} and before {@code suffix} (context added to it), naming its
   * settings and those {@code prefix} and {@code suffix} name.
   */
  public UserText around(String prefix, String suffix, Setting... named) {
    List<Setting> all = new ArrayList<>(settings);
    all.addAll(List.of(named));
    return new UserText(prefix + text + suffix, all);
  }

  @Override
  public String toString() {
    return text;
  }
}
