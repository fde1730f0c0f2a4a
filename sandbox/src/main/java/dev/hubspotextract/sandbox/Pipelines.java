package dev.hubspotextract.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal's deal and ticket pipelines: HubSpot's default ones, and a second deal pipeline with
 * numeric stage ids, as a real portal's custom stages have ({@code 1094532}). A record's pipeline
 * and stage agree: the stage belongs to the pipeline (see {@link Catalog}), so every stage id a
 * record carries is one the pipelines endpoint lists.
 */
final class Pipelines {
  /**
   * One pipeline stage.
   *
   * @param metadata as HubSpot sends it, every value a string: deals' {@code probability} and
   *     {@code isClosed}, tickets' {@code ticketState} and {@code isClosed}
   */
  record Stage(String id, String label, Map<String, String> metadata) {
    Stage {
      metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    boolean isClosed() {
      return "true".equals(metadata.get("isClosed"));
    }
  }

  /**
   * One pipeline with its stages, in display order.
   *
   * @param createdAt when it was created: HubSpot's default pipelines say 0 (1970), as its spec
   *     notes
   */
  record Pipeline(String id, String label, int displayOrder, long createdAt, List<Stage> stages) {
    Pipeline {
      stages = List.copyOf(stages);
    }

    /** When it and its stages last changed: when the portal was set up, or when it was added. */
    long updatedAt() {
      return Math.max(createdAt, Catalog.T_START);
    }
  }

  /** HubSpot's default deal pipeline. */
  static final Pipeline DEALS =
      new Pipeline(
          "default",
          "Sales Pipeline",
          0,
          0L,
          List.of(
              deal("appointmentscheduled", "Appointment Scheduled", "0.2", false),
              deal("qualifiedtobuy", "Qualified To Buy", "0.4", false),
              deal("presentationscheduled", "Presentation Scheduled", "0.6", false),
              deal("decisionmakerboughtin", "Decision Maker Bought-In", "0.8", false),
              deal("contractsent", "Contract Sent", "0.9", false),
              deal("closedwon", "Closed Won", "1.0", true),
              deal("closedlost", "Closed Lost", "0.0", true)));

  /**
   * A deal pipeline the portal added: numeric stage ids, and stage labels that repeat the default
   * pipeline's ({@code Closed Won}), so a label is known only with its pipeline.
   */
  static final Pipeline RENEWALS =
      new Pipeline(
          "75839102",
          "Renewals",
          1,
          Catalog.T_START + 30L * 86_400_000L,
          List.of(
              deal("1094532", "Renewal due", "0.3", false),
              deal("1094533", "Negotiation", "0.6", false),
              deal("1094534", "Closed Won", "1.0", true),
              deal("1094535", "Closed Lost", "0.0", true)));

  /** HubSpot's default ticket pipeline. */
  static final Pipeline TICKETS =
      new Pipeline(
          "0",
          "Support Pipeline",
          0,
          0L,
          List.of(
              ticket("1", "New", "OPEN", false),
              ticket("2", "Waiting on contact", "OPEN", false),
              ticket("3", "Waiting on us", "OPEN", false),
              ticket("4", "Closed", "CLOSED", true)));

  private Pipelines() {}

  /** The pipelines of an object, in display order; none for an object without pipelines. */
  static List<Pipeline> of(String objectName) {
    return switch (objectName) {
      case "deals" -> List.of(DEALS, RENEWALS);
      case "tickets" -> List.of(TICKETS);
      default -> List.of();
    };
  }

  /** Every stage id of the object's pipelines, pipeline after pipeline: its stage values. */
  static String[] stageIds(String objectName) {
    List<String> ids = new ArrayList<>();
    of(objectName).forEach(p -> p.stages().forEach(s -> ids.add(s.id())));
    return ids.toArray(String[]::new);
  }

  /** The pipeline of each of {@link #stageIds}' stages, at the same index. */
  static String[] pipelineOfEachStage(String objectName) {
    List<String> ids = new ArrayList<>();
    of(objectName).forEach(p -> p.stages().forEach(s -> ids.add(p.id())));
    return ids.toArray(String[]::new);
  }

  /** The pipeline a stage id belongs to, or null. */
  static Pipeline ofStage(String objectName, String stageId) {
    for (Pipeline p : of(objectName)) {
      if (p.stages().stream().anyMatch(s -> s.id().equals(stageId))) {
        return p;
      }
    }
    return null;
  }

  private static Stage deal(String id, String label, String probability, boolean closed) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("isClosed", Boolean.toString(closed));
    metadata.put("probability", probability);
    return new Stage(id, label, metadata);
  }

  private static Stage ticket(String id, String label, String state, boolean closed) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("ticketState", state);
    metadata.put("isClosed", Boolean.toString(closed));
    return new Stage(id, label, metadata);
  }
}
