package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.ObjectSchema;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a request's object names into object types and its association selection into pairs, asking
 * HubSpot for custom object schemas only when a name is not a standard object (custom ones are
 * found by name, fullyQualifiedName or {@code 2-…} type id). A custom object HubSpot describes in a
 * shape that cannot be used fails alone; a name that matches nothing fails the plan.
 */
final class ObjectResolver {
  /**
   * The failure's subject when the custom objects could not be listed: which they are is unknown.
   */
  static final String CUSTOM_OBJECTS = "custom objects";

  /** Where the request names the objects it pulls, as an unknown one's message says. */
  private static final String AMONG_OBJECTS = "among the objects to pull";

  private final HubSpotClient client;
  private final NotHubSpot notHubSpot;

  /** The objects and pairs to pull, and the custom objects that cannot be. */
  record Resolved(List<ObjectType> objects, List<AssociationPair> pairs, List<TaskFailure> failed) {
    Resolved {
      objects = List.copyOf(objects);
      pairs = List.copyOf(pairs);
      failed = List.copyOf(failed);
    }
  }

  ObjectResolver(HubSpotClient client, NotHubSpot notHubSpot) {
    this.client = client;
    this.notHubSpot = notHubSpot;
  }

  Resolved resolve(PullRequest request) {
    Set<String> typed = new LinkedHashSet<>(request.objects());
    boolean all = typed.stream().anyMatch(ObjectResolver::isAll);
    List<String> names = new ArrayList<>(typed);
    listedPairs(request).forEach(pair -> names.addAll(List.of(pair.from(), pair.to())));
    boolean needSchemas =
        all
            || names.stream()
                .anyMatch(name -> !isAll(name) && ObjectCatalog.findStandard(name).isEmpty());
    List<TaskFailure> failures = new ArrayList<>();
    List<ObjectSchema> schemas = List.of();
    if (needSchemas) {
      try {
        schemas = client.schemas().list();
      } catch (HubSpotException e) {
        if (NotHubSpot.is(e)) {
          throw notHubSpot.endingTheRun(e);
        }
        if (e.category() != FailureCategory.PERMISSION) {
          throw e;
        }
        if (!all) {
          throw new ExtractException(
              FailureCategory.USAGE, e.text().around("cannot look up custom objects: ", ""));
        }
        failures.add(new TaskFailure(CUSTOM_OBJECTS, false, FailureCategory.PERMISSION, e.text()));
      }
    }
    ObjectCatalog catalog = new ObjectCatalog(schemas);
    List<ObjectType> chosen = chosen(typed, all, catalog, schemas, failures);
    return new Resolved(chosen, pairs(request, chosen, catalog, schemas), failures);
  }

  private static List<ObjectType> chosen(
      Set<String> typed,
      boolean all,
      ObjectCatalog catalog,
      List<ObjectSchema> schemas,
      List<TaskFailure> failures) {
    List<ObjectType> chosen = new ArrayList<>();
    if (typed.isEmpty()) {
      chosen.addAll(ObjectCatalog.STANDARD);
    }
    if (all) {
      catalog.rejected().forEach(rejected -> failures.add(failureOf(rejected)));
    }
    for (String name : typed) {
      if (isAll(name)) {
        catalog.all().stream().filter(t -> !chosen.contains(t)).forEach(chosen::add);
        continue;
      }
      Optional<ObjectCatalog.Rejected> rejected = catalog.findRejected(name);
      if (rejected.isPresent() && catalog.find(name, schemas).isEmpty()) {
        if (!all
            && failures.stream().noneMatch(f -> f.subject().equals(rejected.get().subject()))) {
          failures.add(failureOf(rejected.get()));
        }
        continue;
      }
      ObjectType type = find(catalog, schemas, name, AMONG_OBJECTS);
      if (!chosen.contains(type)) {
        chosen.add(type);
      }
    }
    return chosen;
  }

  /** The selection's pairs, each written once (the first of two that resolve alike). */
  private static List<AssociationPair> pairs(
      PullRequest request,
      List<ObjectType> chosen,
      ObjectCatalog catalog,
      List<ObjectSchema> schemas) {
    if (request.associations() instanceof AssociationSelection.Defaults) {
      return DefaultPairs.among(chosen);
    }
    List<AssociationPair> pairs = new ArrayList<>();
    for (AssociationSelection.Pair typed : listedPairs(request)) {
      String where = "in the association pair " + typed;
      AssociationPair pair =
          new AssociationPair(
              find(catalog, schemas, typed.from(), where),
              find(catalog, schemas, typed.to(), where),
              typed.fromIds());
      if (pairs.stream().noneMatch(p -> p.name().equals(pair.name()))) {
        pairs.add(pair);
      }
    }
    return pairs;
  }

  private static List<AssociationSelection.Pair> listedPairs(PullRequest request) {
    return request.associations() instanceof AssociationSelection.Listed listed
        ? listed.pairs()
        : List.of();
  }

  private static boolean isAll(String name) {
    return name.equalsIgnoreCase("all");
  }

  /** The object {@code typed} names; {@code where} says where the request named it. */
  private static ObjectType find(
      ObjectCatalog catalog, List<ObjectSchema> schemas, String typed, String where) {
    Optional<ObjectType> found = catalog.find(typed, schemas);
    Optional<ObjectCatalog.Rejected> rejected = catalog.findRejected(typed);
    if (found.isEmpty() && rejected.isPresent()) {
      throw new ExtractException(
          FailureCategory.USAGE,
          rejected.get().reason().around("cannot use '" + typed + "' " + where + ": ", ""));
    }
    return found.orElseThrow(
        () ->
            new ExtractException(
                FailureCategory.USAGE,
                new UserText(
                    "unknown object '"
                        + typed
                        + "' "
                        + where
                        + ". Valid names: "
                        + catalog.validNames()
                        + " (singular or plural, any case), a custom object's name or type id"
                        + " (2-…), or all",
                    where.equals(AMONG_OBJECTS) ? List.of(Setting.OBJECTS) : List.of())));
  }

  private static TaskFailure failureOf(ObjectCatalog.Rejected rejected) {
    return new TaskFailure(rejected.subject(), false, FailureCategory.EXTERNAL, rejected.reason());
  }
}
