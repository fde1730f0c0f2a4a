package dev.hubspotextract.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * The association files a pull writes unless told otherwise: the pairs users join, kept when both
 * objects are being pulled. The first-named object is the {@code from} side.
 */
public final class DefaultPairs {
  private static final List<String> ENGAGEMENTS =
      List.of("calls", "emails", "meetings", "notes", "tasks");

  /** {from, to} object names. */
  public static final List<List<String>> PAIRS = pairs();

  private DefaultPairs() {}

  private static List<List<String>> pairs() {
    List<List<String>> pairs = new ArrayList<>();
    pairs.add(List.of("deals", "companies"));
    pairs.add(List.of("deals", "contacts"));
    pairs.add(List.of("deals", "line_items"));
    pairs.add(List.of("companies", "contacts"));
    pairs.add(List.of("tickets", "contacts"));
    pairs.add(List.of("tickets", "companies"));
    pairs.add(List.of("tickets", "deals"));
    pairs.add(List.of("quotes", "deals"));
    pairs.add(List.of("quotes", "line_items"));
    for (String engagement : ENGAGEMENTS) {
      for (String to : List.of("contacts", "companies", "deals", "tickets")) {
        pairs.add(List.of(engagement, to));
      }
    }
    return List.copyOf(pairs);
  }

  /** The default pairs among the chosen objects, in the order above. */
  public static List<AssociationPair> among(List<ObjectType> chosen) {
    List<AssociationPair> result = new ArrayList<>();
    for (List<String> pair : PAIRS) {
      ObjectType from = find(chosen, pair.get(0));
      ObjectType to = find(chosen, pair.get(1));
      if (from != null && to != null) {
        result.add(new AssociationPair(from, to, List.of()));
      }
    }
    return result;
  }

  private static ObjectType find(List<ObjectType> chosen, String name) {
    return chosen.stream().filter(type -> type.name().equals(name)).findFirst().orElse(null);
  }
}
