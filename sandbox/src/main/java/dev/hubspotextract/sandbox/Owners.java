package dev.hubspotextract.sandbox;

import java.util.List;

/**
 * The portal's users who own records ({@code hubspot_owner_id}); a fixed list, the same for every
 * seed.
 */
final class Owners {
  /** One owner as {@code GET /crm/v3/owners} serves it. */
  record Owner(
      String id, String email, String firstName, String lastName, int userId, String team) {}

  static final List<Owner> ALL =
      List.of(
          new Owner("100000001", "ana.silva@acme.example", "Ana", "Silva", 9000001, "Sales EMEA"),
          new Owner("100000002", "liam.smith@acme.example", "Liam", "Smith", 9000002, "Sales EMEA"),
          new Owner(
              "100000003", "maria.garcia@acme.example", "María", "García", 9000003, "Sales AMER"),
          new Owner("100000004", "taro.yamada@acme.example", "太郎", "山田", 9000004, "Sales APAC"),
          new Owner(
              "100000005", "eleni.p@acme.example", "Ελένη", "Παπαδοπούλου", 9000005, "Support"),
          new Owner(
              "100000006", "sean.oconnor@acme.example", "Seán", "O'Connor", 9000006, "Support"),
          new Owner("100000007", "ivan.ivanov@acme.example", "Иван", "Иванов", 9000007, "Support"),
          new Owner(
              "100000008", "grace.hopper@acme.example", "Grace", "Hopper", 9000008, "Success"),
          new Owner("100000009", "alan.turing@acme.example", "Alan", "Turing", 9000009, "Success"),
          new Owner(
              "100000010", "ada.lovelace@acme.example", "Ada", "Lovelace", 9000010, "Success"));

  private Owners() {}
}
