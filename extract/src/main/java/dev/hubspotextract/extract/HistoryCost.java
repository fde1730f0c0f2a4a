package dev.hubspotextract.extract;

import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HistoriesApi;
import dev.hubspotextract.client.HubSpotClient;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a plan's property histories will cost in requests, from HubSpot's count of each object's
 * records (one search each, which lags writes: an estimate), for {@code --dry-run} to say before a
 * {@code --history all} spends a day's budget. The plan alone knows only the cost per 50 records.
 */
public final class HistoryCost {
  private HistoryCost() {}

  /** A few lines on the requests each history will take; empty when the plan has none. */
  public static String describe(HubSpotClient client, Plan plan) {
    Objects.requireNonNull(client, "client is null");
    if (plan.histories().isEmpty()) {
      return "";
    }
    StringBuilder text =
        new StringBuilder("property history cost, from HubSpot's counts of the records:\n");
    long total = 0;
    boolean allCounted = true;
    for (PlannedHistory history : plan.histories()) {
      OptionalLong counted = count(client, history.type());
      if (counted.isEmpty()) {
        allCounted = false;
        text.append(
            String.format(Locale.ROOT, "  %-22s not counted (search failed)%n", history.name()));
        continue;
      }
      long records =
          plan.recordLimit().isPresent()
              ? Math.min(counted.getAsLong(), plan.recordLimit().getAsLong())
              : counted.getAsLong();
      long requests = requests(records, history.requestsPerBatch());
      total += requests;
      text.append(
          String.format(
              Locale.ROOT,
              "  %-22s %,d records → %,d requests%n",
              history.name(),
              records,
              requests));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "  %-22s %,d requests%s%n",
            "total",
            total,
            allCounted ? "" : " and the ones not counted"));
    return text.toString();
  }

  /** Batches of 50 records, each as many requests as its properties need. */
  static long requests(long records, int requestsPerBatch) {
    long batches = (records + HistoriesApi.MAX_INPUTS - 1) / HistoriesApi.MAX_INPUTS;
    return batches * requestsPerBatch;
  }

  /**
   * HubSpot's count of the object's records; empty when its search alone is refused (a scope the
   * token lacks) or fails on HubSpot's side, as the pull would fail that object alone. A failure
   * that would stop the pull (a rejected token, the daily limit, an answer that is not HubSpot's,
   * HubSpot unreachable) stops the dry run too: its plan would not be the one that runs.
   */
  private static OptionalLong count(HubSpotClient client, ObjectType type) {
    try {
      return client.objects().estimatedCount(type.apiName());
    } catch (CategorizedException e) {
      if (e.category() == FailureCategory.PERMISSION || e.category() == FailureCategory.EXTERNAL) {
        return OptionalLong.empty(); // a dry run goes on without it: the pull would say why
      }
      throw e;
    }
  }
}
