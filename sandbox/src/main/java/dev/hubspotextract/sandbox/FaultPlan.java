package dev.hubspotextract.sandbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which faults to inject and how often: each kind has a probability per request in [0, 1].
 *
 * <p>Parsed from {@code KIND=RATE[,KIND=RATE…]}, e.g. {@code 5xx=0.05,reset=0.01}.
 */
public record FaultPlan(Map<FaultKind, Double> rates) {
  /** No faults. */
  public static final FaultPlan NONE = new FaultPlan(Map.of());

  public FaultPlan {
    EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
    rates.forEach(
        (kind, rate) -> {
          if (rate == null || rate.isNaN() || rate < 0 || rate > 1) {
            throw new IllegalArgumentException(
                "fault rate for " + kind.cliName() + " must be between 0 and 1, got " + rate);
          }
          copy.put(kind, rate);
        });
    double sum = copy.values().stream().mapToDouble(Double::doubleValue).sum();
    if (sum > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "fault rates add up to " + sum + ", more than 1: lower some of them");
    }
    rates = Map.copyOf(copy);
  }

  /** The probability of a kind (0 when absent). */
  public double rate(FaultKind kind) {
    return rates.getOrDefault(kind, 0.0);
  }

  /** True when no fault can happen. */
  public boolean isEmpty() {
    return rates.values().stream().allMatch(rate -> rate == 0);
  }

  /** Parses {@code KIND=RATE[,KIND=RATE…]}; an empty or blank text means no faults. */
  public static FaultPlan parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    EnumMap<FaultKind, Double> rates = new EnumMap<>(FaultKind.class);
    for (String part : text.split(",")) {
      String[] pair = part.split("=", -1);
      if (pair.length != 2) {
        throw new IllegalArgumentException(
            "bad fault '" + part.trim() + "': write KIND=RATE, e.g. 5xx=0.05");
      }
      FaultKind kind = FaultKind.parse(pair[0]);
      double rate;
      try {
        rate = Double.parseDouble(pair[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bad fault rate '"
                + pair[1].trim()
                + "' for "
                + kind.cliName()
                + ": use a number like 0.05",
            e);
      }
      rates.put(kind, rate);
    }
    return new FaultPlan(rates);
  }

  @Override
  public String toString() {
    return rates.entrySet().stream()
        .map(e -> e.getKey().cliName() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
