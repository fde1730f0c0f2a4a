package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.PropertyDefinition;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the property history asked for, as typed, into each pulled object's history: {@code all} is
 * every property the pull reads of every object, {@code dealstage} that property of every pulled
 * object HubSpot lists it for, {@code deals.dealstage} that object's alone. Each object's
 * properties keep the order they were named in. A name no pulled object has is a usage error that
 * names it, with the likely one meant; an object named that is not pulled, too.
 */
final class HistoryProperties {
  /** The word that asks for the history of every property pulled. */
  static final String ALL = "all";

  private HistoryProperties() {}

  /**
   * @param definitions every property HubSpot lists for each pulled object, by object
   * @param failed the objects that could not be planned: their properties are unknown, so a name
   *     only they might have is not refused (their own failure is reported)
   */
  static List<PlannedHistory> resolve(
      List<String> typed,
      List<PlannedObject> objects,
      Map<ObjectType, List<PropertyDefinition>> definitions,
      Collection<String> failed) {
    Map<ObjectType, List<String>> known = new LinkedHashMap<>();
    definitions.forEach(
        (type, properties) ->
            known.put(type, properties.stream().map(PropertyDefinition::name).toList()));
    Map<PlannedObject, Set<String>> chosen = new LinkedHashMap<>();
    objects.forEach(object -> chosen.put(object, new LinkedHashSet<>()));
    for (String item : typed) {
      String name = item.trim();
      if (name.equalsIgnoreCase(ALL)) {
        objects.forEach(object -> chosen.get(object).addAll(object.propertyNames()));
        continue;
      }
      int dot = name.indexOf('.');
      if (dot > 0 && dot < name.length() - 1) {
        String objectName = name.substring(0, dot);
        String property = name.substring(dot + 1);
        PlannedObject object = find(objectName, objects);
        if (object == null) {
          if (failed.stream().anyMatch(f -> f.equalsIgnoreCase(objectName))) {
            continue; // its failure says why
          }
          throw usage(
              "the property history asked for names "
                  + name
                  + ", but "
                  + objectName
                  + " is not among the objects to pull ("
                  + names(objects, o -> o.type().name())
                  + "): add it to the objects to pull, or name a property of one of them in the"
                  + " property history",
              Setting.OBJECTS);
        }
        Collection<String> has = known.get(object.type());
        if (!has.contains(property)) {
          throw unknown(name, property, has, "which " + object.type().name() + " does not have");
        }
        chosen.get(object).add(property);
        continue;
      }
      boolean any = false;
      Set<String> everyKnown = new LinkedHashSet<>();
      for (PlannedObject object : objects) {
        Collection<String> has = known.get(object.type());
        everyKnown.addAll(has);
        if (has.contains(name)) {
          chosen.get(object).add(name);
          any = true;
        }
      }
      if (!any && failed.isEmpty()) {
        throw unknown(name, name, everyKnown, "which no object to pull has");
      }
    }
    List<PlannedHistory> histories = new ArrayList<>();
    chosen.forEach(
        (object, properties) -> {
          if (!properties.isEmpty()) {
            histories.add(
                new PlannedHistory(
                    object.type(),
                    List.copyOf(properties),
                    labelled(object.type(), properties, definitions.get(object.type()))));
          }
        });
    return histories;
  }

  /** The properties among {@code properties} whose values a reference table names, by kind. */
  private static Map<String, LabelKind> labelled(
      ObjectType type, Set<String> properties, List<PropertyDefinition> definitions) {
    Map<String, PropertyDefinition> byName = new LinkedHashMap<>();
    definitions.forEach(definition -> byName.putIfAbsent(definition.name(), definition));
    Map<String, LabelKind> labelled = new LinkedHashMap<>();
    for (String property : properties) {
      PropertyDefinition definition = byName.get(property);
      LabelKind.of(
              type.name(),
              property,
              definition == null ? null : definition.type(),
              definition == null ? null : definition.referencedObjectType())
          .ifPresent(kind -> labelled.put(property, kind));
    }
    return labelled;
  }

  /** The object a name typed before a dot means: its name, HubSpot's, its singular or type id. */
  private static PlannedObject find(String typed, List<PlannedObject> objects) {
    String key = typed.toLowerCase(Locale.ROOT);
    for (PlannedObject object : objects) {
      ObjectType type = object.type();
      if (type.name().equalsIgnoreCase(key)
          || type.schemaName().equalsIgnoreCase(key)
          || type.objectTypeId().equalsIgnoreCase(key)
          || ObjectType.singularOf(type.name()).equalsIgnoreCase(key)) {
        return object;
      }
    }
    return null;
  }

  private static ExtractException unknown(
      String typed, String property, Collection<String> candidates, String which) {
    return usage(
        "the property history asked for names "
            + typed
            + Spelling.closest(property, candidates)
                .map(meant -> " (did you mean " + meant + "?)")
                .orElse("")
            + ", "
            + which
            + ": check the spelling (HubSpot's internal names, like dealstage or"
            + " hs_lastmodifieddate), or use all for every property pulled",
        Setting.HISTORY);
  }

  private static <T> String names(List<T> items, Function<T, String> name) {
    return items.isEmpty() ? "none" : String.join(", ", items.stream().map(name).toList());
  }

  private static ExtractException usage(String message, Setting setting) {
    return new ExtractException(FailureCategory.USAGE, UserText.of(message, setting));
  }
}
