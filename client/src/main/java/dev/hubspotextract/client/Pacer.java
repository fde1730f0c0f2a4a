package dev.hubspotextract.client;

/**
 * Decides when the next request may go out. The rate-budget step of the chain asks it before every
 * request; a later version reads HubSpot's rate-limit headers and is shared by every task.
 */
public interface Pacer {
  /** Blocks until one more request fits the budget. */
  void acquire() throws InterruptedException;

  /** Lets every request through at once (the sandbox without rate limits, tests). */
  Pacer UNLIMITED = () -> {};
}
