package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Recognises a server that is not HubSpot's API from successful answers in another shape ({@link
 * FailureCategory#NOT_HUBSPOT}): such an answer to the run's first request, or for two different
 * objects or association files, ends the run; one object alone fails only itself (a single odd page
 * proves little). Every message names the server, so a wrong base URL is plain to see. Thread-safe.
 */
final class NotHubSpot {
  private final String source;
  private final Set<String> subjects = new HashSet<>();

  /**
   * @param source the base URL the run reads from
   */
  NotHubSpot(String source) {
    this.source = Objects.requireNonNull(source, "source is null");
  }

  static boolean is(HubSpotException failure) {
    return failure.category() == FailureCategory.NOT_HUBSPOT;
  }

  /** The failure of one object or file, naming the server: {@code BASE does not look like …}. */
  UserText message(HubSpotException answer) {
    return answer.text().around(source + " does not look like HubSpot's API: ", "");
  }

  /** The failure that ends the run, with how to fix it. */
  HubSpotException endingTheRun(HubSpotException answer) {
    return new HubSpotException(
        FailureCategory.NOT_HUBSPOT,
        message(answer)
            .around(
                "",
                ". Check the base URL: HubSpot's API is https://api.hubapi.com.",
                Setting.BASE_URL),
        answer);
  }

  /**
   * Notes that this object or association file was answered so; true when that makes two different
   * ones, which ends the run.
   */
  synchronized boolean endsTheRun(String subject) {
    subjects.add(subject);
    return subjects.size() >= 2;
  }
}
