package dev.hubspotextract.extract;

import dev.hubspotextract.client.DataSensitivity;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.ObjectSchema;
import dev.hubspotextract.client.PropertyDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Turns {@link PullOptions} into a {@link Plan}: resolves object names (asking HubSpot for custom
 * object schemas only when a name is not a standard object), picks association pairs and reads each
 * object's properties. Bad inputs fail here, before any record is read.
 */
public final class Planner {
  private final HubSpotClient client;
  private final String source;
  private final NotHubSpot notHubSpot;
  private Set<DataSensitivity> sensitivity = Set.of();

  public Planner(HubSpotClient client, String source) {
    this.client = Objects.requireNonNull(client, "client is null");
    this.source = Objects.requireNonNull(source, "source is null");
    this.notHubSpot = new NotHubSpot(source);
  }

  /**
   * Also pulls the properties of these sensitivity levels ({@code --sensitive}, {@code
   * --highly-sensitive}); by default only non-sensitive ones, and the manifest counts the others.
   */
  public Planner withSensitive(Set<DataSensitivity> levels) {
    this.sensitivity = Set.copyOf(levels);
    return this;
  }

  /**
   * Splits a typed list on commas, dots (the original default's "notes.tasks"), semicolons, spaces.
   */
  public static List<String> splitList(String typed) {
    List<String> items = new ArrayList<>();
    if (typed == null) {
      return items;
    }
    for (String item : typed.split("[,.;\\s]+")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  /** Checks what can be checked without HubSpot; called before any request. */
  public static void validate(PullOptions options) {
    if (options.maxRecords() < 1) {
      throw usage("--count must be at least 1, got " + options.maxRecords());
    }
    if ((options.objectType() == null) != (options.toObjectType() == null)) {
      throw usage(
          "--object_type and --to_object_type go together: give both (e.g. --object_type deals"
              + " --to_object_type companies) or neither");
    }
    if (!options.associationIds().isEmpty() && options.objectType() == null) {
      throw usage(
          "--association_id_list needs --object_type and --to_object_type to say which"
              + " associations of those ids to read");
    }
    for (String id : options.associationIds()) {
      if (!id.matches("\\d+")) {
        throw usage("--association_id_list takes record ids (digits), got '" + id + "'");
      }
    }
    if (options.associations() != null && !options.associations().equalsIgnoreCase("none")) {
      for (String pair : options.associations().split(",")) {
        if (!pair.trim().matches("[^:\\s]+:[^:\\s]+")) {
          throw usage(
              "--associations takes from:to pairs separated by commas (e.g. deals:companies) or"
                  + " none; got '"
                  + pair.trim()
                  + "'");
        }
      }
    }
    options.objects().forEach(name -> rejectTypo("--objects / --object_list", name));
    if (options.objectType() != null) {
      rejectTypo("--object_type", options.objectType());
      rejectTypo("--to_object_type", options.toObjectType());
    }
    if (options.associations() != null && !options.associations().equalsIgnoreCase("none")) {
      for (String pair : options.associations().split(",")) {
        List.of(pair.trim().split(":")).forEach(name -> rejectTypo("--associations", name));
      }
    }
  }

  /** A mistyped standard name fails here, before the custom-object lookup costs a request. */
  private static void rejectTypo(String flag, String name) {
    ObjectCatalog.likelyTypoOf(name)
        .ifPresent(
            standard -> {
              throw usage(
                  flag
                      + ": unknown object '"
                      + name
                      + "': did you mean "
                      + standard
                      + "? Valid names: "
                      + ObjectCatalog.standardOnly().validNames()
                      + " (singular or plural, any case), a custom object's name or type id"
                      + " (2-…), or all");
            });
  }

  public Plan plan(PullOptions options) {
    validate(options);
    Set<String> typed = new LinkedHashSet<>(options.objects());
    boolean all = typed.stream().anyMatch(name -> name.equalsIgnoreCase("all"));
    List<String> names = new ArrayList<>();
    names.addAll(typed);
    names.addAll(pairNames(options));
    boolean needSchemas =
        all
            || names.stream()
                .anyMatch(
                    name ->
                        !name.equalsIgnoreCase("all")
                            && ObjectCatalog.findStandard(name).isEmpty());
    List<TaskFailure> failures = new ArrayList<>();
    List<ObjectSchema> schemas = List.of();
    if (needSchemas) {
      try {
        schemas = client.schemas().list();
      } catch (HubSpotException e) {
        if (NotHubSpot.is(e)) {
          throw notHubSpot.endingTheRun(e);
        }
        if (e.category() != HubSpotException.Category.PERMISSION) {
          throw e;
        }
        if (!all) {
          throw usage("cannot look up custom objects: " + e.getMessage());
        }
        failures.add(new TaskFailure("custom objects", false, "permission", e.getMessage()));
      }
    }
    ObjectCatalog catalog = new ObjectCatalog(schemas);

    List<ObjectType> chosen = new ArrayList<>();
    if (typed.isEmpty()) {
      chosen.addAll(ObjectCatalog.STANDARD);
    }
    if (all) {
      catalog.rejected().forEach(rejected -> failures.add(failureOf(rejected)));
    }
    for (String name : typed) {
      if (name.equalsIgnoreCase("all")) {
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
      ObjectType type = resolve(catalog, schemas, name, "--objects / --object_list");
      if (!chosen.contains(type)) {
        chosen.add(type);
      }
    }

    List<AssociationPair> pairs = new ArrayList<>();
    if (options.objectType() != null) {
      pairs.add(
          new AssociationPair(
              resolve(catalog, schemas, options.objectType(), "--object_type"),
              resolve(catalog, schemas, options.toObjectType(), "--to_object_type"),
              options.associationIds()));
    }
    if (options.associations() != null) {
      if (!options.associations().equalsIgnoreCase("none")) {
        for (String pair : options.associations().split(",")) {
          String[] sides = pair.trim().split(":");
          AssociationPair planned =
              new AssociationPair(
                  resolve(catalog, schemas, sides[0], "--associations"),
                  resolve(catalog, schemas, sides[1], "--associations"),
                  List.of());
          if (pairs.stream().noneMatch(p -> p.name().equals(planned.name()))) {
            pairs.add(planned);
          }
        }
      }
    } else if (options.objectType() == null) {
      pairs.addAll(DefaultPairs.among(chosen));
    }

    List<PlannedObject> objects = new ArrayList<>();
    Map<ObjectType, Discovered> discovered = new LinkedHashMap<>();
    // every object's properties at once (as many as the rate budget lets through): with 150 ms
    // a call, 13 objects one after another would idle the budget for two seconds
    List<CompletableFuture<Discovered>> lookups = new ArrayList<>();
    ExecutorService lookupPool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(8, chosen.size())), DaemonThreads.named("plan-properties-"));
    // the other sensitivities, asked beside each lookup: a pool apart, as the lookups wait on them
    ExecutorService levelPool =
        Executors.newCachedThreadPool(DaemonThreads.named("plan-sensitivity-"));
    try {
      for (ObjectType type : chosen) {
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
    for (int i = 0; i < chosen.size(); i++) {
      ObjectType type = chosen.get(i);
      try {
        discovered.put(type, joined(lookups.get(i)));
      } catch (HubSpotException e) {
        if (NotHubSpot.is(e)) {
          if (notHubSpot.endsTheRun(type.name())) {
            throw notHubSpot.endingTheRun(e);
          }
          failures.add(new TaskFailure(type.name(), false, "not_hubspot", notHubSpot.message(e)));
          continue;
        }
        if (e.category() != HubSpotException.Category.PERMISSION
            && e.category() != HubSpotException.Category.EXTERNAL) {
          throw e;
        }
        failures.add(
            new TaskFailure(
                type.name(), false, e.category().name().toLowerCase(Locale.ROOT), e.getMessage()));
      }
    }
    Set<String> wanted = new LinkedHashSet<>(options.properties());
    Set<String> found = new LinkedHashSet<>();
    discovered.forEach(
        (type, lookup) -> {
          Map<String, PropertyDefinition> byName = new LinkedHashMap<>();
          for (PropertyDefinition property : lookup.properties()) {
            if (wanted.isEmpty() || wanted.contains(property.name())) {
              byName.putIfAbsent(property.name(), property);
              found.add(property.name());
            }
          }
          Optional<String> badName =
              byName.keySet().stream()
                  .map(name -> ServerNames.propertyProblem(type.name(), name))
                  .flatMap(Optional::stream)
                  .findFirst();
          if (badName.isPresent()) {
            failures.add(new TaskFailure(type.name(), false, "external", badName.get()));
            return;
          }
          List<PropertyDefinition> columns =
              byName.values().stream()
                  .sorted(Comparator.comparing(PropertyDefinition::name))
                  .toList();
          List<String> columnNames = columns.stream().map(PropertyDefinition::name).toList();
          objects.add(
              new PlannedObject(
                  type,
                  columns,
                  client.objects().needsBatchRead(type.apiName(), columnNames),
                  lookup.skipped()));
        });
    Set<String> missing = new LinkedHashSet<>(wanted);
    missing.removeAll(found);
    if (!missing.isEmpty() && !discovered.isEmpty()) {
      Set<String> known = new LinkedHashSet<>();
      discovered.values().forEach(lookup -> lookup.properties().forEach(p -> known.add(p.name())));
      List<String> named = new ArrayList<>();
      for (String name : missing) {
        named.add(
            name
                + Spelling.closest(name, known)
                    .map(meant -> " (did you mean " + meant + "?)")
                    .orElse(""));
      }
      throw usage(
          "--properties names "
              + String.join(", ", named)
              + ", which no chosen object has: check the spelling (HubSpot's internal names, like"
              + " firstname or hs_lastmodifieddate)");
    }
    return new Plan(source, options.outDir(), objects, pairs, options.maxRecords(), failures);
  }

  /** An object's properties, and how many of each sensitive level were left out (-1: unknown). */
  private record Discovered(
      List<PropertyDefinition> properties, Map<DataSensitivity, Integer> skipped) {}

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
          HubSpotException.Category.NOT_HUBSPOT,
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

  /** The sensitivities HubSpot lists only when asked by name. */
  private static final List<DataSensitivity> OTHER_LEVELS =
      List.of(DataSensitivity.SENSITIVE, DataSensitivity.HIGHLY_SENSITIVE);

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
      if (e.category() != HubSpotException.Category.PERMISSION
          && e.category() != HubSpotException.Category.EXTERNAL) {
        throw e;
      }
    }
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

  private static TaskFailure failureOf(ObjectCatalog.Rejected rejected) {
    return new TaskFailure(rejected.subject(), false, "external", rejected.reason());
  }

  private static List<String> pairNames(PullOptions options) {
    List<String> names = new ArrayList<>();
    if (options.objectType() != null) {
      names.add(options.objectType());
      names.add(options.toObjectType());
    }
    if (options.associations() != null && !options.associations().equalsIgnoreCase("none")) {
      for (String pair : options.associations().split(",")) {
        names.addAll(List.of(pair.trim().split(":")));
      }
    }
    return names;
  }

  private static ObjectType resolve(
      ObjectCatalog catalog, List<ObjectSchema> schemas, String typed, String flag) {
    Optional<ObjectType> found = catalog.find(typed, schemas);
    Optional<ObjectCatalog.Rejected> rejected = catalog.findRejected(typed);
    if (found.isEmpty() && rejected.isPresent()) {
      throw usage(flag + ": cannot use '" + typed + "': " + rejected.get().reason());
    }
    return found.orElseThrow(
        () ->
            usage(
                flag
                    + ": unknown object '"
                    + typed
                    + "'. Valid names: "
                    + catalog.validNames()
                    + " (singular or plural, any case), a custom object's name or type id"
                    + " (2-…), or all"));
  }

  private static ExtractException usage(String message) {
    return new ExtractException(ExtractException.Kind.USAGE, message);
  }
}
