package dev.hubspotextract.client;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The step that notes the {@code Date} header of every answer (RFC 9110 §6.6.1: the server's clock
 * when it answered), keeping the latest: a sync's high-water mark must be HubSpot's time, not this
 * machine's, whose clock may be off. A header that is missing or not an HTTP date is ignored.
 */
final class ServerDates implements Transport {
  private final Transport next;
  private final AtomicReference<Instant> latest = new AtomicReference<>();

  ServerDates(Transport next) {
    this.next = Objects.requireNonNull(next, "next is null");
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    ApiResponse response = next.send(request);
    if (response.isSuccess()) { // an error may come from a proxy in between, on its own clock
      response.header("Date").flatMap(ServerDates::parse).ifPresent(this::saw);
    }
    return response;
  }

  /** The latest time a server's answer was dated, if any answer carried a date. */
  Optional<Instant> latest() {
    return Optional.ofNullable(latest.get());
  }

  private void saw(Instant date) {
    latest.accumulateAndGet(date, (a, b) -> a == null || b.isAfter(a) ? b : a);
  }

  /** An HTTP date ({@code Tue, 01 Dec 2026 05:44:58 GMT}), or empty for anything else. */
  static Optional<Instant> parse(String value) {
    try {
      return Optional.of(
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
