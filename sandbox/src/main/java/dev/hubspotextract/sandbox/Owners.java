package dev.hubspotextract.sandbox;

import java.util.List;
import java.util.stream.Stream;

/**
 * The portal's owners ({@code hubspot_owner_id}): people in teams, a queue, and owners whose users
 * were deactivated (archived). A fixed list, the same for every seed. Records point at archived
 * owners too, as old records do on a real portal, while the owner properties' options list only the
 * active ones (HubSpot's do): a label for an archived owner comes from the owners list alone.
 */
final class Owners {
  /** A team an owner belongs to. */
  record Team(String id, String name) {}

  /**
   * One owner as {@code GET /crm/v3/owners} serves it.
   *
   * @param userId the owner's user, null for a queue and for a deactivated user (archived)
   * @param userIdIncludingInactive the user, deactivated or not; null for a queue
   * @param lastName null for a queue, which has a name of one part
   * @param teams the owner's teams, the first primary; none for some
   * @param day days after the portal's metadata was created that the owner was
   */
  record Owner(
      String id,
      String email,
      String firstName,
      String lastName,
      Integer userId,
      Integer userIdIncludingInactive,
      String type,
      List<Team> teams,
      boolean archived,
      int day) {
    /** How HubSpot shows the owner in a record's owner property: the full name. */
    String label() {
      return lastName == null ? firstName : firstName + " " + lastName;
    }

    /** When the owner was created: some days after the portal's metadata. */
    String createdAt() {
      return Timestamps.iso(Catalog.T_START - 86_400_000L + day * 86_400_000L);
    }

    /** When the owner last changed: an archived one when its user was deactivated, late on. */
    String updatedAt() {
      long days = archived ? 800L + day : 400L + day;
      return Timestamps.iso(Catalog.T_START + days * 86_400_000L);
    }
  }

  private static final Team EMEA = new Team("4100001", "Sales EMEA");
  private static final Team AMER = new Team("4100002", "Sales AMER");
  private static final Team APAC = new Team("4100003", "Sales APAC");
  private static final Team SUPPORT = new Team("4100004", "Support");
  private static final Team SUCCESS = new Team("4100005", "Success");

  /** The active owners, in id order: what {@code GET /crm/v3/owners} lists by default. */
  static final List<Owner> ACTIVE =
      List.of(
          person("100000001", "ana.silva", "Ana", "Silva", 9000001, 0, EMEA),
          person("100000002", "liam.smith", "Liam", "Smith", 9000002, 3, EMEA, AMER),
          person("100000003", "maria.garcia", "María", "García", 9000003, 5, AMER),
          person("100000004", "taro.yamada", "太郎", "山田", 9000004, 8, APAC),
          person("100000005", "eleni.p", "Ελένη", "Παπαδοπούλου", 9000005, 13, SUPPORT),
          person("100000006", "sean.oconnor", "Seán", "O'Connor", 9000006, 21, SUPPORT),
          person("100000007", "ivan.ivanov", "Иван", "Иванов", 9000007, 34, SUPPORT),
          person("100000008", "grace.hopper", "Grace", "Hopper", 9000008, 55, SUCCESS),
          person("100000009", "alan.turing", "Alan", "Turing", 9000009, 89),
          person("100000010", "ada.lovelace", "Ada", "Lovelace", 9000010, 144, SUCCESS),
          new Owner(
              "100000011",
              "support-queue@acme.example",
              "Support queue",
              null,
              null,
              null,
              "QUEUE",
              List.of(SUPPORT),
              false,
              233));

  /** Owners whose users were deactivated: listed only with {@code archived=true}. */
  static final List<Owner> ARCHIVED =
      List.of(
          archived("100000012", "bob.jones", "Bob", "Jones", 9000012, 2, EMEA),
          archived("100000013", "chloe.martin", "Chloé", "Martin", 9000013, 30),
          archived("100000014", "dmitri.petrov", "Dmitri", "Petrov", 9000014, 60, APAC, SUPPORT));

  /** Every owner, active then archived: the ids records' owner properties hold. */
  static final List<Owner> EVERY = Stream.concat(ACTIVE.stream(), ARCHIVED.stream()).toList();

  /** The active owners who are users (not a queue): who edits records in the CRM's UI. */
  static final List<Owner> USERS = ACTIVE.stream().filter(o -> o.userId() != null).toList();

  private Owners() {}

  private static Owner person(
      String id, String mail, String first, String last, int user, int day, Team... teams) {
    return new Owner(
        id, mail + "@acme.example", first, last, user, user, "PERSON", List.of(teams), false, day);
  }

  private static Owner archived(
      String id, String mail, String first, String last, int user, int day, Team... teams) {
    return new Owner(
        id, mail + "@acme.example", first, last, null, user, "PERSON", List.of(teams), true, day);
  }
}
