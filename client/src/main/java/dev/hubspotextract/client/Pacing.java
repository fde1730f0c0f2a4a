package dev.hubspotextract.client;

import java.util.Objects;

/**
 * The rate-budget step: asks the {@link Pacer} before each attempt goes out and shows it the
 * answer. It sits inside the retry step, so every retry is paced too; as the first of the two to
 * see an answer, it reads a 429's body once ({@link RateLimit}) and hands the answer on carrying
 * it, to the pacer and up to the retry step.
 */
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
      pacer.acquire(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubSpotException(
          FailureCategory.INTERNAL, "interrupted while waiting for the rate budget", e);
    }
    ApiResponse response = next.send(request).withRateLimitRead();
    pacer.observe(request, response);
    return response;
  }
}
