package dev.hubspotextract.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Changes the portal while it runs: each step creates, updates or archives one record of a random
 * standard or custom object type (a third each). Records created by churn have no associations.
 */
final class Churn {
  private final Portal portal;
  private final Clock clock;
  private final SplittableRandom random;
  private final List<ObjectDef> types;

  Churn(Portal portal, Clock clock, long seed) {
    this.portal = portal;
    this.clock = clock;
    this.random = new SplittableRandom(seed ^ 0xC4A2L);
    this.types = portal.catalog().objects;
  }

  /** Applies one change. */
  synchronized void step() {
    ObjectDef def = types.get(random.nextInt(types.size()));
    ObjectStore store = portal.store(def);
    long now = clock.millis();
    int action = random.nextInt(3);
    if (action == 0 || store.size() == 0) {
      store.create(now, random.nextLong());
      return;
    }
    long index = random.nextLong(store.size());
    if (action == 1) {
      store.update(index, now);
    } else {
      store.archive(index, now);
    }
  }
}
