package dev.hubspotextract.client;

import java.util.Objects;

/** The rate-budget step: asks the {@link Pacer} before each request goes out. */
public final class Pacing implements Transport {
  private final Pacer pacer;
  private final Transport next;

  public Pacing(Pacer pacer, Transport next) {
    this.pacer = Objects.requireNonNull(pacer, "pacer is null");
    this.next = Objects.requireNonNull(next, "next is null");
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    try {
      pacer.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubSpotException(
          HubSpotException.Category.INTERNAL, "interrupted while waiting for the rate budget", e);
    }
    return next.send(request);
  }
}
