package dev.hubspotextract.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A complete HTTP response. The body is read whole so that a truncated one can be retried before
 * any record of it is handed on; it is one page (at most 100 records or 1,000 association inputs),
 * never a whole object, and the transport reads no more than its limit of it ({@link
 * HubSpotClient.Builder#maxBodySize}).
 *
 * @param rateLimit what a 429 asks, once a step of the chain has read it for the steps above
 *     ({@link #withRateLimitRead}); empty for any other answer, or a 429 no step has read yet
 */
public record ApiResponse(
    int status, Map<String, List<String>> headers, byte[] body, Optional<RateLimit> rateLimit) {
  public ApiResponse {
    TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    headers = caseInsensitive;
    body = body == null ? new byte[0] : body;
    Objects.requireNonNull(rateLimit, "rateLimit is null");
    if (rateLimit.isPresent() && status != 429) {
      throw new IllegalArgumentException("only a 429 asks for a rate-limit wait, not a " + status);
    }
  }

  /** An answer as it comes off the wire: a 429's limit not read yet. */
  public ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {
    this(status, headers, body, Optional.empty());
  }

  /**
   * This answer with a 429's limit read, to hand up the chain so that no step above reads its body
   * again: itself when it is no 429, or when a step below read it already.
   */
  ApiResponse withRateLimitRead() {
    return status != 429 || rateLimit.isPresent()
        ? this
        : new ApiResponse(status, headers, body, Optional.of(RateLimit.read(this)));
  }

  /**
   * What this 429 asks: as a step below read it, or read now when none did (a chain without the
   * rate-budget step).
   */
  RateLimit rateLimitAsked() {
    if (status != 429) {
      throw new IllegalStateException("a " + status + " asks for no rate-limit wait");
    }
    return rateLimit.orElseGet(() -> RateLimit.read(this));
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A header holding a whole number; empty when it is absent or not a number. */
  public Optional<Long> longHeader(String name) {
    return header(name)
        .flatMap(
            value -> {
              try {
                return Optional.of(Long.parseLong(value.trim()));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * A whole number written in digits only, as a server's header should be: -1 when the text is
   * anything else (empty, signed, a date), {@link Long#MAX_VALUE} past 18 digits; never throws.
   */
  static long digitsValue(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = i < 18 ? value * 10 + (c - '0') : Long.MAX_VALUE; // 18 digits always fit
    }
    return value;
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /**
   * Whether the body is exactly as long as its {@code Content-Length} said: then it is whole (the
   * JDK fails a body cut short of its length), and checking its JSON, a second parse of every page,
   * is not needed. A body without a length (chunked) must be checked.
   */
  public boolean hasPromisedLength() {
    return longHeader("Content-Length").map(length -> length == body.length).orElse(false);
  }

  public boolean isJson() {
    return header("Content-Type").map(type -> type.toLowerCase().contains("json")).orElse(false);
  }
}
