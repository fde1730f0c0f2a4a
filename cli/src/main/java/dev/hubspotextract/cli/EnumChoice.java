package dev.hubspotextract.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.TypeConversionException;

/**
 * A choice among an enum's constants as users type it: any case, {@code -} or {@code _} between
 * words ({@code api-add-on} for {@code API_ADD_ON}); anything else is refused naming the choices.
 */
public final class EnumChoice {
  private EnumChoice() {}

  /** The constant as the help and the README write it: {@code api-add-on}. */
  public static String label(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The constant {@code typed} names.
   *
   * @param noun what a constant is, for the message ({@code tier}, {@code scenario})
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String typed, String noun) {
    String wanted = typed.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    E[] choices = type.getEnumConstants();
    return Arrays.stream(choices)
        .filter(choice -> label(choice).equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "unknown "
                        + noun
                        + " '"
                        + typed
                        + "': use "
                        + Arrays.stream(choices)
                            .map(EnumChoice::label)
                            .collect(Collectors.joining(", "))));
  }
}
