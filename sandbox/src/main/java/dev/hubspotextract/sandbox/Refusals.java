package dev.hubspotextract.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Policy: refusals a test placed on requests it names ({@link Sandbox#refuseNext}), each answered
 * once, with HubSpot's error body for its status: a failure exactly where the test wants it, which
 * the seeded faults cannot place.
 */
final class Refusals {
  private record Refusal(int status, String path, List<String> queryParts) {
    boolean matches(String rawPath, String rawQuery) {
      return rawPath.equals(path)
          && queryParts.stream().allMatch(part -> rawQuery != null && rawQuery.contains(part));
    }
  }

  private final List<Refusal> waiting = new ArrayList<>();

  synchronized void add(int status, String path, List<String> queryParts) {
    waiting.add(new Refusal(status, path, List.copyOf(queryParts)));
  }

  /** The refusal of this request (used up), or null when none was placed on it. */
  synchronized ApiException take(String rawPath, String rawQuery) {
    for (int i = 0; i < waiting.size(); i++) {
      Refusal refusal = waiting.get(i);
      if (refusal.matches(rawPath, rawQuery)) {
        waiting.remove(i);
        return new ApiException(
            refusal.status(),
            refusal.status() == 403 ? "MISSING_SCOPES" : "VALIDATION_ERROR",
            "refused by the test (refuseNext): " + refusal.status());
      }
    }
    return null;
  }
}
