package dev.hubspotextract.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The logging step: one trace line per request and one per response (status, time, size), with the
 * {@code Authorization} header shown as {@code Bearer ***}. Bodies are not logged beyond a short
 * excerpt of errors: they hold customer data.
 */
public final class RedactingLogger implements Transport {
  private static final int ERROR_EXCERPT = 300;
  private final Consumer<String> trace;
  private final Clock clock;
  private final Transport next;

  public RedactingLogger(Consumer<String> trace, Clock clock, Transport next) {
    this.trace = Objects.requireNonNull(trace, "trace is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.next = Objects.requireNonNull(next, "next is null");
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    StringBuilder line = new StringBuilder("http > ").append(request.method()).append(' ');
    line.append(request.pathAndQuery());
    request
        .headers()
        .forEach(
            (name, value) ->
                line.append(" [")
                    .append(name)
                    .append(": ")
                    .append(redact(name, value))
                    .append(']'));
    if (request.body() != null) {
      line.append(" (").append(request.body().length).append(" bytes)");
    }
    trace.accept(line.toString());
    long start = clock.millis();
    try {
      ApiResponse response = next.send(request);
      String excerpt = "";
      if (!response.isSuccess()) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        excerpt =
            " "
                + (text.length() > ERROR_EXCERPT ? text.substring(0, ERROR_EXCERPT) + "…" : text)
                    .replaceAll("\\s+", " ");
      }
      trace.accept(
          String.format(
              Locale.ROOT,
              "http < %d %s %s in %d ms, %d bytes%s",
              response.status(),
              request.method(),
              request.path(),
              clock.millis() - start,
              response.body().length,
              excerpt));
      return response;
    } catch (HubSpotException e) {
      trace.accept(
          String.format(
              Locale.ROOT,
              "http < failed %s %s in %d ms: %s",
              request.method(),
              request.path(),
              clock.millis() - start,
              e.getMessage()));
      throw e;
    }
  }

  static String redact(String header, String value) {
    if (header.equalsIgnoreCase("Authorization")) {
      int space = value.indexOf(' ');
      return (space < 0 ? "" : value.substring(0, space + 1)) + "***";
    }
    return value;
  }
}
