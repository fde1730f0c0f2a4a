package dev.hubspotextract.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that records the waits and does not wait. */
final class RecordingSleeper implements Sleeper {
  final List<Duration> waits = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    waits.add(duration);
  }
}
