package dev.hubspotextract.sandbox;

import java.util.Random;

/**
 * Policy: decides per request whether to inject a fault, by the plan's probabilities and a seeded
 * random.
 */
final class FaultInjector {
  private static final int[] SERVER_ERRORS = {500, 502, 503, 504};
  private final FaultPlan plan;
  private final Random random;

  FaultInjector(FaultPlan plan, long seed) {
    this.plan = plan;
    this.random = new Random(seed ^ 0xFA17L);
  }

  /** The fault to inject into this request, or {@code null}. */
  synchronized FaultKind next() {
    if (plan.isEmpty()) {
      return null;
    }
    double r = random.nextDouble();
    double cumulative = 0;
    for (FaultKind kind : FaultKind.values()) {
      cumulative += plan.rate(kind);
      if (r < cumulative) {
        return kind;
      }
    }
    return null;
  }

  synchronized int serverErrorStatus() {
    return SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)];
  }
}
