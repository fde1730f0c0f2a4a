package dev.hubspotextract.extract;

import dev.hubspotextract.client.DataSensitivity;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.PropertyDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Asks HubSpot for the properties of every chosen object at once (as many as the rate budget lets
 * through), each object's three sensitivity levels together. An object whose properties cannot be
 * read (a missing scope, a broken answer) fails alone; a rejected token or a server that is not
 * HubSpot fails the plan after one request.
 */
final class PropertyDiscovery {
  private final HubSpotClient client;
  private final NotHubSpot notHubSpot;
  private final Set<DataSensitivity> sensitivity;

  /** An object's properties, and how many of each sensitive level were left out (-1: unknown). */
  record Discovered(List<PropertyDefinition> properties, Map<DataSensitivity, Integer> skipped) {}

  /** What was found per object, in the objects' order, and the objects whose lookup failed. */
  record Found(Map<ObjectType, Discovered> objects, List<TaskFailure> failed) {}

  /** The sensitivities HubSpot lists only when asked by name. */
  private static final List<DataSensitivity> OTHER_LEVELS =
      List.of(DataSensitivity.SENSITIVE, DataSensitivity.HIGHLY_SENSITIVE);

  /**
   * @param sensitivity the sensitive levels pulled; of the others, only how many there are
   */
  PropertyDiscovery(HubSpotClient client, NotHubSpot notHubSpot, Set<DataSensitivity> sensitivity) {
    this.client = client;
    this.notHubSpot = notHubSpot;
    this.sensitivity = Set.copyOf(sensitivity);
  }

  Found discover(List<ObjectType> types) {
    Map<ObjectType, Discovered> discovered = new LinkedHashMap<>();
    List<TaskFailure> failures = new ArrayList<>();
    // every object's properties at once: with 150 ms a call, 13 objects one after another would
    // idle the budget for two seconds
    List<CompletableFuture<Discovered>> lookups = new ArrayList<>();
    ExecutorService lookupPool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(8, types.size())), DaemonThreads.named("plan-properties-"));
    // apart from the lookups' pool, whose threads wait on these
    ExecutorService levelPool =
        Executors.newCachedThreadPool(DaemonThreads.named("plan-sensitivity-"));
    try {
      for (ObjectType type : types) {
        CompletableFuture<Discovered> lookup =
            CompletableFuture.supplyAsync(() -> discover(type, levelPool), lookupPool);
        lookups.add(lookup);
        if (lookups.size() == 1) {
          firstAlone(lookup); // a rejected token or a server that is not HubSpot: one call
        }
      }
      CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
          .exceptionally(failure -> null)
          .join();
    } finally {
      lookupPool.shutdownNow();
      levelPool.shutdownNow();
    }
    for (int i = 0; i < types.size(); i++) {
      ObjectType type = types.get(i);
      try {
        discovered.put(type, joined(lookups.get(i)));
      } catch (HubSpotException e) {
        if (NotHubSpot.is(e)) {
          if (notHubSpot.endsTheRun(type.name())) {
            throw notHubSpot.endingTheRun(e);
          }
          failures.add(
              new TaskFailure(
                  type.name(), false, FailureCategory.NOT_HUBSPOT, notHubSpot.message(e)));
          continue;
        }
        if (!failsTheObjectAlone(e)) {
          throw e;
        }
        failures.add(new TaskFailure(type.name(), false, e.category(), e.text()));
      }
    }
    return new Found(discovered, failures);
  }

  /**
   * The properties of an object: every non-sensitive one, and the sensitive levels asked for
   * (HubSpot lists them only when asked, and their values take scopes of their own); of the levels
   * not asked for, how many there are, so the manifest can say what was left out.
   */
  private Discovered discover(ObjectType type, ExecutorService levelPool) {
    List<PropertyDefinition> properties = new ArrayList<>(client.properties().list(type.apiName()));
    if (properties.isEmpty()) {
      // HubSpot's shape, yet no HubSpot object is without properties (hs_object_id, createdate…):
      // taken as an empty object, a server answering [] to everything would make an empty pull
      throw new HubSpotException(
          FailureCategory.NOT_HUBSPOT,
          "it answered no properties at all while reading the properties of "
              + type.apiName()
              + " (every HubSpot object has some)");
    }
    // the other two sensitivities asked at once: one round trip of planning, not two
    Map<DataSensitivity, CompletableFuture<List<PropertyDefinition>>> asked =
        new EnumMap<>(DataSensitivity.class);
    for (DataSensitivity level : OTHER_LEVELS) {
      asked.put(
          level,
          CompletableFuture.supplyAsync(
              () -> client.properties().list(type.apiName(), level), levelPool));
    }
    Map<DataSensitivity, Integer> skipped = new EnumMap<>(DataSensitivity.class);
    for (DataSensitivity level : OTHER_LEVELS) {
      try {
        List<PropertyDefinition> listed = joined(asked.get(level));
        if (sensitivity.contains(level)) {
          properties.addAll(listed);
        } else {
          skipped.put(level, listed.size());
        }
      } catch (HubSpotException e) {
        if (sensitivity.contains(level) || RunControl.isFatal(e)) {
          throw e;
        }
        skipped.put(level, -1); // no scope to list them: how many is not known
      }
    }
    return new Discovered(properties, skipped);
  }

  /**
   * Waits for the first lookup, and fails now if its failure would fail the plan anyway, or if its
   * answer shows the server is not HubSpot.
   */
  private void firstAlone(CompletableFuture<Discovered> lookup) {
    try {
      joined(lookup);
    } catch (HubSpotException e) {
      if (NotHubSpot.is(e)) {
        throw notHubSpot.endingTheRun(e);
      }
      if (!failsTheObjectAlone(e)) {
        throw e;
      }
    }
  }

  /** A missing scope or a broken answer fails its object; anything else fails the plan. */
  private static boolean failsTheObjectAlone(HubSpotException e) {
    return e.category() == FailureCategory.PERMISSION || e.category() == FailureCategory.EXTERNAL;
  }

  private static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
