package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.ObjectsApi;
import dev.hubspotextract.client.PropertyDefinition;
import dev.hubspotextract.client.UserText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts a plan together from the request and what HubSpot said: each object's columns (the
 * properties asked for, ascending by name) and how it is read. A property asked for that no chosen
 * object has fails the plan; an object whose property names cannot be used fails alone.
 */
final class PlanAssembly {
  private final ObjectsApi objectsApi;

  /**
   * @param objectsApi says how each object's records are fetched: listed with their properties, or
   *     listed for ids then batch read when the list URL would be too long (hubspot-api.md §13)
   */
  PlanAssembly(ObjectsApi objectsApi) {
    this.objectsApi = objectsApi;
  }

  Plan assemble(
      String source,
      PullRequest request,
      ObjectResolver.Resolved resolved,
      PropertyDiscovery.Found found) {
    List<TaskFailure> failures = new ArrayList<>(resolved.failed());
    failures.addAll(found.failed());
    Set<String> wanted = new LinkedHashSet<>(request.properties());
    boolean limited = request.recordLimit().isPresent();
    List<PlannedObject> objects = new ArrayList<>();
    found
        .objects()
        .forEach(
            (type, lookup) -> {
              Map<String, PropertyDefinition> byName = new LinkedHashMap<>();
              for (PropertyDefinition property : lookup.properties()) {
                if (wanted.isEmpty() || wanted.contains(property.name())) {
                  byName.putIfAbsent(property.name(), property);
                }
              }
              Optional<UserText> badName =
                  byName.keySet().stream()
                      .map(name -> ServerNames.propertyProblem(type.name(), name))
                      .flatMap(Optional::stream)
                      .findFirst();
              if (badName.isPresent()) {
                failures.add(
                    new TaskFailure(type.name(), false, FailureCategory.EXTERNAL, badName.get()));
                return;
              }
              List<PropertyDefinition> columns =
                  byName.values().stream()
                      .sorted(Comparator.comparing(PropertyDefinition::name))
                      .toList();
              List<String> columnNames = columns.stream().map(PropertyDefinition::name).toList();
              // decided here once: the run's cursors fetch as the plan says
              ReadMode readMode =
                  ReadMode.of(
                      request.reads(), limited, objectsApi.fetchFor(type.apiName(), columnNames));
              objects.add(new PlannedObject(type, columns, readMode, lookup.skipped()));
            });
    rejectMissing(wanted, found);
    Map<ObjectType, List<PropertyDefinition>> known = new LinkedHashMap<>();
    found.objects().forEach((type, lookup) -> known.put(type, lookup.properties()));
    List<PlannedHistory> histories =
        HistoryProperties.resolve(
            request.history(),
            objects,
            known,
            failures.stream().map(TaskFailure::subject).toList());
    return new Plan(
        source,
        request.outDir(),
        objects,
        resolved.pairs(),
        request.recordLimit(),
        failures,
        histories);
  }

  /** Fails the plan when a property asked for is on none of the chosen objects. */
  private static void rejectMissing(Set<String> wanted, PropertyDiscovery.Found found) {
    if (wanted.isEmpty() || found.objects().isEmpty()) {
      return;
    }
    Set<String> known = new LinkedHashSet<>();
    found
        .objects()
        .values()
        .forEach(lookup -> lookup.properties().forEach(p -> known.add(p.name())));
    List<String> named = new ArrayList<>();
    for (String name : wanted) {
      if (!known.contains(name)) {
        named.add(
            name
                + Spelling.closest(name, known)
                    .map(meant -> " (did you mean " + meant + "?)")
                    .orElse(""));
      }
    }
    if (!named.isEmpty()) {
      throw new ExtractException(
          FailureCategory.USAGE,
          "the properties asked for name "
              + String.join(", ", named)
              + ", which no chosen object has: check the spelling (HubSpot's internal names, like"
              + " firstname or hs_lastmodifieddate)");
    }
  }
}
