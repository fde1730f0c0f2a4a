package dev.hubspotextract.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Compiles search {@code filterGroups} into a predicate over records; timestamps compare as epoch
 * millis.
 */
final class SearchFilters {
  private SearchFilters() {}

  /** The filter groups of a search body, each an object with a {@code filters} list. */
  static List<JsonNode> groups(JsonNode body) {
    List<JsonNode> groups = new ArrayList<>();
    body.path("filterGroups").forEach(groups::add);
    if (body.path("filters").isArray() && !body.path("filters").isEmpty()) {
      groups.add(body); // a top-level "filters" list is one more group
    }
    return groups;
  }

  /** The operator of a filter, as {@link #parse} reads it. */
  static String operator(JsonNode filter) {
    return filter.path("operator").asText("EQ").toUpperCase(Locale.ROOT);
  }

  static Predicate<RecordView> parse(ObjectDef def, JsonNode body) {
    List<JsonNode> groups = groups(body);
    if (groups.size() > SearchEndpoint.MAX_GROUPS) {
      throw ApiException.validation(
          "Too many filter groups (" + groups.size() + "): at most " + SearchEndpoint.MAX_GROUPS);
    }
    int total = 0;
    Predicate<RecordView> any = null;
    for (JsonNode group : groups) {
      JsonNode filters = group.path("filters");
      if (filters.size() > SearchEndpoint.MAX_FILTERS_PER_GROUP) {
        throw ApiException.validation(
            "Too many filters in a group ("
                + filters.size()
                + "): at most "
                + SearchEndpoint.MAX_FILTERS_PER_GROUP);
      }
      total += filters.size();
      Predicate<RecordView> all = v -> true;
      for (JsonNode filter : filters) {
        all = all.and(filter(def, filter));
      }
      any = any == null ? all : any.or(all);
    }
    if (total > SearchEndpoint.MAX_FILTERS) {
      throw ApiException.validation(
          "Too many filters ("
              + total
              + "): at most "
              + SearchEndpoint.MAX_FILTERS
              + " in all groups");
    }
    return any == null ? v -> true : any;
  }

  /**
   * The earliest last-modified time a record can have and match the body's filter groups: in each
   * group the latest lower bound its filters put on the object's last-modified date ({@code EQ},
   * {@code GT}, {@code GTE}, {@code BETWEEN}), the earliest of those across the groups; {@code
   * Long.MIN_VALUE} when some group puts none. The body must have passed {@link #parse} already.
   */
  static long modifiedFloor(ObjectDef def, JsonNode body) {
    List<JsonNode> groups = groups(body);
    long floor = groups.isEmpty() ? Long.MIN_VALUE : Long.MAX_VALUE;
    for (JsonNode group : groups) {
      long groupFloor = Long.MIN_VALUE;
      for (JsonNode filter : group.path("filters")) {
        PropertyDef p = def.property(filter.path("propertyName").asText(""));
        if (p == null || p.kind != PropertyDef.Kind.MODIFIED) {
          continue;
        }
        long bound =
            switch (operator(filter)) {
              case "EQ", "GTE", "BETWEEN" -> Timestamps.parseMillis(filter.path("value").asText());
              case "GT" -> {
                long after = Timestamps.parseMillis(filter.path("value").asText());
                yield after == Long.MAX_VALUE ? after : after + 1;
              }
              default -> Long.MIN_VALUE;
            };
        groupFloor = Math.max(groupFloor, bound);
      }
      floor = Math.min(floor, groupFloor);
    }
    return floor;
  }

  static Predicate<RecordView> query(ObjectDef def, String query) {
    if (query == null || query.isBlank()) {
      return v -> true;
    }
    String needle = query.trim().toLowerCase(Locale.ROOT);
    PropertyDef display = def.property(def.primaryDisplayProperty);
    return v -> {
      String value = display == null ? null : v.value(display);
      return value != null && value.toLowerCase(Locale.ROOT).contains(needle)
          || Long.toString(v.id).equals(needle);
    };
  }

  private static Predicate<RecordView> filter(ObjectDef def, JsonNode f) {
    String name = f.path("propertyName").asText("");
    String op = operator(f);
    PropertyDef p = def.property(name);
    if (p == null) {
      throw ApiException.validation(
          "There was a problem with the request: property '"
              + name
              + "' does not exist on "
              + def.name);
    }
    switch (op) {
      case "HAS_PROPERTY":
        return v -> present(v, p);
      case "NOT_HAS_PROPERTY":
        return v -> !present(v, p);
      default:
        break;
    }
    boolean ordered = p.kind != PropertyDef.Kind.POOL || p.type.equals("number") || p.isTimestamp();
    switch (op) {
      case "EQ":
      case "NEQ":
      case "LT":
      case "LTE":
      case "GT":
      case "GTE":
        {
          Comparable<Object> target = key(p, required(f, "value", op, name));
          return v -> {
            Comparable<Object> actual = actual(v, p);
            if (actual == null) {
              return op.equals("NEQ");
            }
            int c = compare(actual, target, ordered);
            return switch (op) {
              case "EQ" -> c == 0;
              case "NEQ" -> c != 0;
              case "LT" -> c < 0;
              case "LTE" -> c <= 0;
              case "GT" -> c > 0;
              default -> c >= 0;
            };
          };
        }
      case "BETWEEN":
        {
          Comparable<Object> low = key(p, required(f, "value", op, name));
          Comparable<Object> high = key(p, required(f, "highValue", op, name));
          return v -> {
            Comparable<Object> actual = actual(v, p);
            return actual != null
                && compare(actual, low, ordered) >= 0
                && compare(actual, high, ordered) <= 0;
          };
        }
      case "IN":
      case "NOT_IN":
        {
          List<Comparable<Object>> targets = new ArrayList<>();
          f.path("values").forEach(n -> targets.add(key(p, n.asText())));
          if (targets.isEmpty()) {
            throw ApiException.validation(
                "operator " + op + " on " + name + " needs a non-empty 'values' list");
          }
          boolean in = op.equals("IN");
          return v -> {
            Comparable<Object> actual = actual(v, p);
            boolean found =
                actual != null && targets.stream().anyMatch(t -> compare(actual, t, ordered) == 0);
            return in == found;
          };
        }
      case "CONTAINS_TOKEN":
      case "NOT_CONTAINS_TOKEN":
        {
          String token = required(f, "value", op, name).replace("*", "").toLowerCase(Locale.ROOT);
          boolean contains = op.equals("CONTAINS_TOKEN");
          return v -> {
            String value = v.value(p);
            boolean found = value != null && value.toLowerCase(Locale.ROOT).contains(token);
            return contains == found;
          };
        }
      default:
        throw ApiException.validation(
            "Unknown operator '"
                + op
                + "': use EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, HAS_PROPERTY,"
                + " NOT_HAS_PROPERTY, CONTAINS_TOKEN or NOT_CONTAINS_TOKEN");
    }
  }

  private static boolean present(RecordView v, PropertyDef p) {
    String value = v.value(p);
    return value != null && !value.isEmpty();
  }

  private static String required(JsonNode f, String field, String op, String name) {
    JsonNode node = f.path(field);
    if (node.isMissingNode() || node.isNull()) {
      throw ApiException.validation("operator " + op + " on " + name + " needs '" + field + "'");
    }
    return node.asText();
  }

  private static int compare(Comparable<Object> a, Comparable<Object> b, boolean ordered) {
    Object left = a;
    Object right = b;
    if (!ordered && left instanceof String sa && right instanceof String sb) {
      return sa.compareToIgnoreCase(sb);
    }
    if (a.getClass() != b.getClass()) {
      return a.toString().compareTo(b.toString());
    }
    return a.compareTo(b);
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> actual(RecordView v, PropertyDef p) {
    Comparable<?> key =
        switch (p.kind) {
          case ID -> v.id;
          case CREATED -> v.createdAt;
          case MODIFIED -> v.updatedAt;
          default -> sortKey(p, v.value(p));
        };
    return (Comparable<Object>) key;
  }

  /** A filter value converted to the type the property's values compare as. */
  @SuppressWarnings("unchecked")
  private static Comparable<Object> key(PropertyDef p, String text) {
    try {
      Comparable<?> key =
          switch (p.kind) {
            case ID -> Long.parseLong(text.trim());
            case CREATED, MODIFIED -> Timestamps.parseMillis(text);
            default ->
                p.type.equals("datetime")
                    ? (Comparable<?>) Timestamps.parseMillis(text)
                    : p.type.equals("date")
                        ? Timestamps.date(Timestamps.parseMillis(text))
                        : p.type.equals("number") ? new BigDecimal(text.trim()) : text;
          };
      return (Comparable<Object>) key;
    } catch (NumberFormatException e) {
      throw ApiException.validation(
          "'" + text + "' is not a valid value for " + p.type + " property " + p.name);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(e.getMessage() + " (property " + p.name + ")");
    }
  }

  /** A record's value as a comparable key: numbers and timestamps numerically, the rest as text. */
  static Comparable<?> sortKey(PropertyDef p, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return switch (p.type) {
        case "number" -> new BigDecimal(value);
        case "datetime" -> Timestamps.parseMillis(value);
        default -> value;
      };
    } catch (RuntimeException e) {
      return value;
    }
  }
}
