package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.Owner;
import dev.hubspotextract.client.Pipeline;
import dev.hubspotextract.client.PipelineStage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rows of the reference tables that HubSpot is asked for (owners, pipelines, stages), in their
 * {@link ReferenceTable} columns and in a fixed order: what a pull writes to files ({@link
 * ReferenceTables}) and a front end without files (a Kafka Connect task) sends as records.
 */
public final class ReferenceRows {
  private ReferenceRows() {}

  /**
   * Every owner, active and archived, by id (numerically), as {@link ReferenceTable#OWNERS}' rows.
   */
  public static List<String[]> owners(HubSpotClient client) {
    List<Owner> owners = new ArrayList<>(client.owners().list());
    owners.sort(Comparator.comparing(Owner::id, ReferenceRows::byNumber));
    List<String[]> rows = new ArrayList<>();
    for (Owner o : owners) {
      rows.add(
          new String[] {
            o.id(),
            o.email(),
            o.firstName(),
            o.lastName(),
            text(o.userId()),
            text(o.userIdIncludingInactive()),
            o.type(),
            String.join(";", o.teams()),
            Boolean.toString(o.archived()),
            o.createdAt(),
            o.updatedAt()
          });
    }
    return rows;
  }

  /**
   * The pipelines of one object, in display order then by id (none for an object without them).
   *
   * @throws dev.hubspotextract.client.MissingScopeException when the token cannot list them
   */
  public static List<Pipeline> pipelines(HubSpotClient client, ObjectType type) {
    List<Pipeline> pipelines =
        new ArrayList<>(client.pipelines().list(type.apiName(), readScopeOf(type)));
    pipelines.sort(
        Comparator.comparing(
                Pipeline::displayOrder, Comparator.nullsLast(Comparator.<Integer>naturalOrder()))
            .thenComparing(Pipeline::id, ReferenceRows::byNumber));
    return pipelines;
  }

  /** The pipelines' rows, object by object, in {@link ReferenceTable#PIPELINES}' columns. */
  public static List<String[]> pipelineRows(Map<ObjectType, List<Pipeline>> pipelines) {
    List<String[]> rows = new ArrayList<>();
    pipelines.forEach(
        (type, list) -> {
          for (Pipeline p : list) {
            rows.add(
                new String[] {
                  type.name(),
                  p.id(),
                  p.label(),
                  text(p.displayOrder()),
                  text(p.archived()),
                  p.createdAt(),
                  p.updatedAt()
                });
          }
        });
    return rows;
  }

  /** Their stages' rows, in {@link ReferenceTable#PIPELINE_STAGES}' columns. */
  public static List<String[]> stageRows(Map<ObjectType, List<Pipeline>> pipelines) {
    List<String[]> rows = new ArrayList<>();
    pipelines.forEach(
        (type, list) -> {
          for (Pipeline p : list) {
            List<PipelineStage> stages = new ArrayList<>(p.stages());
            stages.sort(
                Comparator.comparing(
                        PipelineStage::displayOrder,
                        Comparator.nullsLast(Comparator.<Integer>naturalOrder()))
                    .thenComparing(PipelineStage::id, ReferenceRows::byNumber));
            for (PipelineStage s : stages) {
              rows.add(
                  new String[] {
                    type.name(),
                    p.id(),
                    s.id(),
                    s.label(),
                    text(s.displayOrder()),
                    s.metadata().get("probability"),
                    s.metadata().get("ticketState"),
                    flag(s.metadata().get("isClosed")),
                    text(s.archived()),
                    s.createdAt(),
                    s.updatedAt()
                  });
            }
          }
        });
    return rows;
  }

  /**
   * The scope an object is read with, which its pipelines need: named when the token lacks a scope
   * and HubSpot's answer names none.
   */
  static String readScopeOf(ObjectType type) {
    if (type.custom()) {
      return "crm.objects.custom.read";
    }
    return type.name().equals("tickets") ? "tickets" : "crm.objects." + type.name() + ".read";
  }

  /** Ids in number order where both are numbers (shorter first), else in text order after them. */
  static int byNumber(String a, String b) {
    boolean numberA = isDigits(a);
    boolean numberB = isDigits(b);
    if (numberA != numberB) {
      return numberA ? -1 : 1;
    }
    if (numberA) {
      String x = stripZeros(a);
      String y = stripZeros(b);
      int byLength = Integer.compare(x.length(), y.length());
      return byLength != 0 ? byLength : x.compareTo(y);
    }
    return a.compareTo(b);
  }

  private static boolean isDigits(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  /** A value as a cell: empty for null. */
  static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** A flag HubSpot sent as text ({@code "true"}), kept only when it is one. */
  private static String flag(String text) {
    return "true".equals(text) || "false".equals(text) ? text : null;
  }
}
