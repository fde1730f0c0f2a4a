package dev.hubspotextract.sandbox;

import java.util.List;

/**
 * Maps a request to its endpoint, the object types it touches (for scopes) and its rate-limit
 * bucket; the sandbox's own endpoint has none, as it is not HubSpot's.
 */
final class Router {
  /** What an endpoint does, given the fault injected into this request ({@code null} if none). */
  @FunctionalInterface
  interface Action {
    Response run(FaultKind fault);
  }

  /**
   * A matched endpoint.
   *
   * @param bucket the rate-limit bucket, {@code null} for the sandbox's own endpoint
   * @param records the type whose records it reads (list, get, batch read, search), else {@code
   *     null}
   */
  record Route(
      RateLimiter.Bucket bucket, List<ObjectDef> objects, ObjectDef records, Action action) {
    Route(RateLimiter.Bucket bucket, List<ObjectDef> objects, Action action) {
      this(bucket, objects, null, action);
    }

    /** An endpoint of HubSpot's API: rate-limited, faulted and scoped as HubSpot's are. */
    boolean isHubSpot() {
      return bucket != null;
    }
  }

  private final Portal portal;
  private final ObjectsEndpoint objects;
  private final SearchEndpoint search;
  private final MetadataEndpoint metadata;
  private final AssociationsEndpoint associations;
  private final ChangesEndpoint changes;

  Router(
      Portal portal,
      ObjectsEndpoint objects,
      SearchEndpoint search,
      MetadataEndpoint metadata,
      AssociationsEndpoint associations,
      ChangesEndpoint changes) {
    this.portal = portal;
    this.objects = objects;
    this.search = search;
    this.metadata = metadata;
    this.associations = associations;
    this.changes = changes;
  }

  Route route(Request r) {
    List<String> s = r.segments;
    int n = s.size();
    boolean get = r.method.equals("GET");
    boolean post = r.method.equals("POST");
    if (n == 3 && is(s, "sandbox", "v1", "changes")) {
      if (!post) {
        throw new ApiException(
            405,
            "METHOD_NOT_ALLOWED",
            r.method + " is not supported on " + r.path + ": POST a change set");
      }
      return new Route(null, List.of(), fault -> changes.apply(r));
    }
    if (n >= 4 && is(s, "crm", "v3", "objects")) {
      ObjectDef def = type(s.get(3));
      if (n == 4) {
        requireMethod(get, r);
        return reads(def, fault -> objects.list(r, def, fault));
      }
      if (n == 5 && s.get(4).equals("search")) {
        requireMethod(post, r);
        return new Route(
            RateLimiter.Bucket.SEARCH, List.of(def), def, fault -> search.search(r, def, fault));
      }
      if (n == 5) {
        requireMethod(get, r);
        return reads(def, fault -> objects.get(r, def, s.get(4)));
      }
      if (n == 6 && s.get(4).equals("batch") && s.get(5).equals("read")) {
        requireMethod(post, r);
        return reads(def, fault -> objects.batchRead(r, def, fault));
      }
    }
    if (n == 4 && is(s, "crm", "v3", "properties")) {
      requireMethod(get, r);
      ObjectDef def = type(s.get(3));
      return standard(def, fault -> metadata.properties(r, def));
    }
    if ((n == 3 || n == 4)
        && (is(s, "crm", "v3", "schemas") || is(s, "crm-object-schemas", "v3", "schemas"))) {
      requireMethod(get, r);
      if (n == 3) {
        return new Route(RateLimiter.Bucket.STANDARD, List.of(), fault -> metadata.schemas(r));
      }
      ObjectDef def = type(s.get(3));
      return standard(def, fault -> metadata.schema(def));
    }
    if (n == 7
        && is(s, "crm", "v4", "associations")
        && s.get(5).equals("batch")
        && s.get(6).equals("read")) {
      requireMethod(post, r);
      ObjectDef from = type(s.get(3));
      ObjectDef to = type(s.get(4));
      return new Route(
          RateLimiter.Bucket.TEN_SECONDLY_EXEMPT,
          List.of(from, to),
          fault -> associations.batchRead(r, from, to, fault == FaultKind.STUCK_CURSOR));
    }
    if (n == 6 && is(s, "crm", "v4", "associations") && s.get(5).equals("labels")) {
      requireMethod(get, r);
      ObjectDef from = type(s.get(3));
      ObjectDef to = type(s.get(4));
      return new Route(
          RateLimiter.Bucket.STANDARD, List.of(from, to), fault -> associations.labels(from, to));
    }
    if (n == 7 && is(s, "crm", "v4", "objects") && s.get(5).equals("associations")) {
      requireMethod(get, r);
      ObjectDef from = type(s.get(3));
      ObjectDef to = type(s.get(6));
      return new Route(
          RateLimiter.Bucket.STANDARD,
          List.of(from, to),
          fault -> associations.single(r, from, s.get(4), to));
    }
    if (n == 3 && is(s, "crm", "v3", "owners")) {
      requireMethod(get, r);
      return new Route(RateLimiter.Bucket.STANDARD, List.of(), fault -> metadata.owners(r));
    }
    if (n == 4 && is(s, "crm", "v3", "pipelines")) {
      requireMethod(get, r);
      ObjectDef def = type(s.get(3));
      return standard(def, fault -> metadata.pipelines(r, def));
    }
    throw new ApiException(
        404,
        "OBJECT_NOT_FOUND",
        "No endpoint matches " + r.method + " " + r.path + " in the sandbox");
  }

  private static Route reads(ObjectDef def, Action action) {
    return new Route(RateLimiter.Bucket.STANDARD, List.of(def), def, action);
  }

  private static Route standard(ObjectDef def, Action action) {
    return new Route(RateLimiter.Bucket.STANDARD, List.of(def), action);
  }

  private ObjectDef type(String segment) {
    ObjectDef def = portal.catalog().resolve(segment);
    if (def == null) {
      throw ApiException.validation(
          "Unable to infer object type from: "
              + segment
              + ". Use an object name (contacts, deals, …), a type id (0-1) or a custom object's 2-… id");
    }
    return def;
  }

  private static boolean is(List<String> s, String a, String b, String c) {
    return s.get(0).equals(a) && s.get(1).equals(b) && s.get(2).equals(c);
  }

  private static void requireMethod(boolean ok, Request r) {
    if (!ok) {
      throw new ApiException(
          405,
          "METHOD_NOT_ALLOWED",
          r.method + " is not supported on " + r.path + " by the sandbox (read-only)");
    }
  }
}
