package dev.hubspotextract.sandbox;

import java.util.List;

/** The portal's deal and ticket pipelines (HubSpot's defaults). */
final class Pipelines {
  /** One pipeline stage. */
  record Stage(String id, String label, String metadataKey, String metadataValue) {}

  /** One pipeline with its stages. */
  record Pipeline(String id, String label, List<Stage> stages) {}

  static final String[] DEAL_STAGES = {
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
    "closedwon",
    "closedlost"
  };

  static final String[] TICKET_STAGES = {"1", "2", "3", "4"};

  static final Pipeline DEALS =
      new Pipeline(
          "default",
          "Sales Pipeline",
          List.of(
              new Stage("appointmentscheduled", "Appointment Scheduled", "probability", "0.2"),
              new Stage("qualifiedtobuy", "Qualified To Buy", "probability", "0.4"),
              new Stage("presentationscheduled", "Presentation Scheduled", "probability", "0.6"),
              new Stage("decisionmakerboughtin", "Decision Maker Bought-In", "probability", "0.8"),
              new Stage("contractsent", "Contract Sent", "probability", "0.9"),
              new Stage("closedwon", "Closed Won", "probability", "1.0"),
              new Stage("closedlost", "Closed Lost", "probability", "0.0")));

  static final Pipeline TICKETS =
      new Pipeline(
          "0",
          "Support Pipeline",
          List.of(
              new Stage("1", "New", "ticketState", "OPEN"),
              new Stage("2", "Waiting on contact", "ticketState", "OPEN"),
              new Stage("3", "Waiting on us", "ticketState", "OPEN"),
              new Stage("4", "Closed", "ticketState", "CLOSED")));

  /** The pipelines of an object type, by its name ({@code deals}); none for most types. */
  static List<Pipeline> of(String objectName) {
    return switch (objectName) {
      case "deals" -> List.of(DEALS);
      case "tickets" -> List.of(TICKETS);
      default -> List.of();
    };
  }

  private Pipelines() {}
}
