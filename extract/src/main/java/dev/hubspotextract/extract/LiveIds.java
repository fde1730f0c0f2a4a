package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Every live id of an object, as the engine reads them for an object it does not pull ({@link
 * ListedIds}): the whole list read first, then handed out ascending, each id once, so that a reader
 * can go on after the last id it finished however HubSpot ordered its pages.
 */
public final class LiveIds {
  private LiveIds() {}

  /**
   * The live ids of {@code apiName} above {@code after} (null: every one), ascending, each once.
   */
  public static Stream<String> after(HubSpotClient client, String apiName, String after) {
    return new ListedIds().read(client, apiName, OptionalLong.empty(), after);
  }
}
