package dev.hubspotextract.client;

/**
 * Decides when the next request may go out. The rate-budget step of the chain asks it before every
 * attempt of every request (retries included) and tells it each answer, so that one pacer shared by
 * all tasks of a run keeps the whole run within HubSpot's budget. Implementations are thread-safe.
 */
public interface Pacer {
  /** Blocks until one more request fits the budget. */
  void acquire() throws InterruptedException;

  /** Blocks until this request fits the budget of the bucket it draws from. */
  default void acquire(ApiRequest request) throws InterruptedException {
    acquire();
  }

  /**
   * Hears HubSpot's answer (its rate-limit headers, a 429, whose limit {@link Pacing} has read into
   * {@link ApiResponse#rateLimit}) to a request this pacer let through.
   */
  default void observe(ApiRequest request, ApiResponse response) {}

  /** Lets every request through at once (the sandbox without rate limits, tests). */
  Pacer UNLIMITED = () -> {};
}
