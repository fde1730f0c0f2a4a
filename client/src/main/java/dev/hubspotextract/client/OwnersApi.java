package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /crm/v3/owners}: every owner, the active ones and then the archived ones (HubSpot
 * lists those only when asked, and old records still point at them), 500 a page. Needs {@value
 * #SCOPE}; without it, a {@link MissingScopeException}.
 */
public final class OwnersApi {
  /** The scope HubSpot's spec names for listing owners. */
  public static final String SCOPE = "crm.objects.owners.read";

  /** The most owners a page may hold (HubSpot's limit). */
  static final int PAGE_SIZE = 500;

  /** Pages of one listing before the cursor is taken for a loop: 5 million owners. */
  static final int MAX_PAGES = 10_000;

  private static final Pattern ID = Pattern.compile("\\d{1,19}");

  private final Transport transport;

  OwnersApi(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport is null");
  }

  /**
   * Every owner, active then archived, each id once (the first listing of an id is kept): a server
   * that lists an owner twice, or in both lists, does not double it.
   */
  public List<Owner> list() {
    Map<String, Owner> owners = new LinkedHashMap<>();
    for (boolean archived : new boolean[] {false, true}) {
      for (Owner owner : listing(archived)) {
        owners.putIfAbsent(owner.id(), owner);
      }
    }
    return List.copyOf(owners.values());
  }

  private List<Owner> listing(boolean archived) {
    String doing = "listing the " + (archived ? "archived " : "") + "owners";
    List<Owner> owners = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    String after = null;
    for (int page = 0; ; page++) {
      if (page == MAX_PAGES) {
        throw new HubSpotException(
            FailureCategory.EXTERNAL,
            "HubSpot sent more than " + MAX_PAGES + " pages of owners while " + doing);
      }
      ApiResponse response =
          Responses.requireSuccessOrScope(
              transport.send(
                  ApiRequest.get(
                      "/crm/v3/owners?limit="
                          + PAGE_SIZE
                          + "&archived="
                          + archived
                          + (after == null ? "" : "&after=" + Paths.cursor(after)))),
              doing,
              "owners",
              SCOPE);
      String next;
      try (JsonParser parser = Json.parser(response.body())) {
        next = readPage(parser, archived, owners);
      } catch (IOException | RuntimeException e) {
        throw Responses.notHubSpot(doing, response.body(), e);
      }
      if (next == null) {
        return owners;
      }
      if (!cursors.add(next)) {
        throw new HubSpotException(
            FailureCategory.EXTERNAL,
            "HubSpot sent the owners cursor '"
                + ServerText.excerpt(next, 100)
                + "' a second time while "
                + doing
                + ": following it would never end");
      }
      after = next;
    }
  }

  /** Reads one page's owners into {@code owners}; returns its next cursor, or null. */
  private static String readPage(JsonParser parser, boolean archived, List<Owner> owners)
      throws IOException {
    Results.requireObject(parser.nextToken());
    boolean results = false;
    String next = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if (field.equals("results")) {
        Results.requireList(token);
        results = true;
        JsonToken item;
        while ((item = parser.nextToken()) == JsonToken.START_OBJECT) {
          owners.add(readOwner(parser, archived));
        }
        Results.requireEndOfList(item);
      } else if (field.equals("paging") && token == JsonToken.START_OBJECT) {
        next = RecordPage.readAfter(parser);
      } else {
        parser.skipChildren();
      }
    }
    Results.requireResults(results);
    return next;
  }

  private static Owner readOwner(JsonParser parser, boolean listedArchived) throws IOException {
    String[] text = new String[6]; // id, email, firstName, lastName, type, createdAt
    String updatedAt = null;
    Long userId = null;
    Long userIdIncludingInactive = null;
    Boolean archived = null;
    List<String> teams = List.of();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "id" -> text[0] = Json.scalarText(parser);
        case "email" -> text[1] = Json.scalarText(parser);
        case "firstName" -> text[2] = Json.scalarText(parser);
        case "lastName" -> text[3] = Json.scalarText(parser);
        case "type" -> text[4] = Json.scalarText(parser);
        case "createdAt" -> text[5] = Json.scalarText(parser);
        case "updatedAt" -> updatedAt = Json.scalarText(parser);
        case "userId" -> userId = Json.longOrNull(parser);
        case "userIdIncludingInactive" -> userIdIncludingInactive = Json.longOrNull(parser);
        case "archived" -> archived = Json.boolOrNull(parser);
        case "teams" -> teams = readTeams(parser);
        default -> parser.skipChildren();
      }
    }
    if (text[0] == null || !ID.matcher(text[0]).matches()) {
      // an owner id is what records' owner properties hold: it must be HubSpot's, digits
      throw new IOException(
          "an owner whose id "
              + (text[0] == null ? "is missing" : "'" + ServerText.excerpt(text[0], 40) + "'")
              + " is not a number");
    }
    return new Owner(
        text[0],
        text[1],
        text[2],
        text[3],
        userId,
        userIdIncludingInactive,
        text[4],
        teams,
        archived == null ? listedArchived : archived,
        text[5],
        updatedAt);
  }

  /** The names of an owner's teams, in HubSpot's order; a team without a name is left out. */
  private static List<String> readTeams(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return List.of();
    }
    List<String> names = new ArrayList<>();
    JsonToken item;
    while ((item = parser.nextToken()) != JsonToken.END_ARRAY && item != null) {
      if (item != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        String name = field.equals("name") ? Json.scalarText(parser) : null;
        if (name != null) {
          names.add(name);
        } else {
          parser.skipChildren();
        }
      }
    }
    return names;
  }
}
