package dev.hubspotextract.client;

import java.time.Duration;

/** Waits; injected so that tests of retries and pacing run without real waiting. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());
}
