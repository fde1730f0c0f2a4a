package dev.hubspotextract.client;

/**
 * One step of the request chain: authentication, rate budget, retry, logging and the wire itself
 * each implement this and wrap the next. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Transport {
  /**
   * Sends the request and returns HubSpot's answer, whatever its status.
   *
   * @throws HubSpotException when no answer could be had (category TRANSIENT or EXTERNAL) or a step
   *     gave up (for example RATE_LIMIT when the daily limit is used up)
   */
  ApiResponse send(ApiRequest request);
}
