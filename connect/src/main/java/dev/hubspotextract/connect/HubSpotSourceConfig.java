package dev.hubspotextract.connect;

import dev.hubspotextract.client.ApiTier;
import dev.hubspotextract.client.DataSensitivity;
import dev.hubspotextract.extract.AssociationSelection;
import dev.hubspotextract.extract.ObjectCatalog;
import dev.hubspotextract.extract.PullRequest;
import dev.hubspotextract.extract.ReadOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings, declared once: what it reads (as the CLI's pull and sync flags), where
 * its topics go, how often it follows changes, and where it reads its own topics back. Each value
 * is checked where it is declared, with a message that names the key and how to fix it; the one
 * rule across keys (an interval above 0 needs {@link #READBACK_BOOTSTRAP_SERVERS}) is checked by
 * {@link #crossKeyProblem}. The token is a PASSWORD: validation and the logs show it as {@code
 * [hidden]} (the REST API's GET of a connector's config shows what was given: a config provider
 * keeps it out).
 */
public final class HubSpotSourceConfig extends AbstractConfig {
  public static final String ACCESS_TOKEN = "hubspot.access.token";
  public static final String BASE_URL = "hubspot.base.url";
  public static final String TOPIC_PREFIX = "topic.prefix";
  public static final String OBJECTS = "hubspot.objects";
  public static final String ASSOCIATIONS = "hubspot.associations";
  public static final String PROPERTIES = "hubspot.properties";
  public static final String HISTORY = "hubspot.history";
  public static final String SENSITIVE = "hubspot.sensitive";
  public static final String TIER = "hubspot.tier";
  public static final String RATE_LIMIT = "hubspot.rate.limit";
  public static final String POLL_INTERVAL_MS = "poll.interval.ms";
  public static final String LOOKBACK_MS = "hubspot.sync.lookback.ms";
  public static final String VERIFY_INTERVAL_MS = "hubspot.deletes.verify.interval.ms";
  public static final String FULL_REREAD_INTERVAL_MS =
      "hubspot.associations.full.reread.interval.ms";
  public static final String READBACK_BOOTSTRAP_SERVERS = "readback.bootstrap.servers";

  /** Settings of the read-back consumer: {@code readback.consumer.security.protocol=SSL}. */
  public static final String READBACK_CONSUMER_PREFIX = "readback.consumer.";

  private static final Pattern TOPIC_CHARACTERS = Pattern.compile("[a-zA-Z0-9._-]+");

  /** Kafka's longest topic name, less room for the longest table name after the prefix. */
  private static final int MAX_PREFIX = 180;

  private static final String GROUP_HUBSPOT = "HubSpot";
  private static final String GROUP_TOPICS = "Topics";
  private static final String GROUP_SYNC = "Following changes";

  public static final ConfigDef CONFIG_DEF = define();

  public HubSpotSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    crossKeyProblem(props)
        .ifPresent(
            problem -> {
              throw new ConfigException(READBACK_BOOTSTRAP_SERVERS, null, problem);
            });
  }

  private static ConfigDef define() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(
        ACCESS_TOKEN,
        Type.PASSWORD,
        ConfigDef.NO_DEFAULT_VALUE,
        (name, value) -> {
          if (value == null || ((Password) value).value().isBlank()) {
            throw new ConfigException(
                name + " is missing or empty: give the private app's access token (pat-…)");
          }
        },
        Importance.HIGH,
        "The HubSpot private app's access token (pat-…); needs the read scopes of the objects"
            + " read. Never logged; GET /connectors/{name}/config shows it as given, so give it"
            + " through a config provider (${file:…}) to keep it out of the config topic and REST.",
        GROUP_HUBSPOT,
        ++order,
        ConfigDef.Width.LONG,
        "Access token");
    def.define(
        BASE_URL,
        Type.STRING,
        "https://api.hubapi.com",
        (name, value) -> checkBaseUrl(name, (String) value),
        Importance.LOW,
        "HubSpot's API, or a HubSpot-compatible server (the project's sandbox). https:// (http://"
            + " only on this machine: the token would travel in clear).",
        GROUP_HUBSPOT,
        ++order,
        ConfigDef.Width.LONG,
        "Base URL");
    def.define(
        OBJECTS,
        Type.LIST,
        "",
        (name, value) -> checkObjects(name, listOf(value)),
        Importance.HIGH,
        "The objects to read, by name (contacts, deals, a custom object's name or 2-… type id),"
            + " comma-separated. Empty: the 13 standard objects; all: standard and custom ones.",
        GROUP_HUBSPOT,
        ++order,
        ConfigDef.Width.LONG,
        "Objects");
    def.define(
        ASSOCIATIONS,
        Type.LIST,
        "",
        (name, value) -> checkPairs(name, listOf(value)),
        Importance.MEDIUM,
        "The association pairs, as from:to (deals:companies), comma-separated. Empty: the pairs"
            + " users join among the objects read (the CLI's defaults); none: no pair.",
        GROUP_HUBSPOT,
        ++order,
        ConfigDef.Width.LONG,
        "Association pairs");
    def.define(
        PROPERTIES,
        Type.LIST,
        "",
        (name, value) -> checkNames(name, listOf(value), "property names, e.g. firstname,email"),
        Importance.MEDIUM,
        "The properties to keep of each object, comma-separated. Empty: every property.",
        GROUP_HUBSPOT,
        ++order,
        ConfigDef.Width.LONG,
        "Properties");
    def.define(
        HISTORY,
        Type.LIST,
        "",
        (name, value) -> checkHistory(name, listOf(value)),
        Importance.LOW,
        "Properties whose every change goes to {prefix}.{object}_property_history:"
            + " dealstage (of every object read that has it), deals.dealstage (of one object),"
            + " all (every property read). Empty: none.",
        GROUP_HUBSPOT,
        ++order,
        ConfigDef.Width.LONG,
        "Property history");
    def.define(
        SENSITIVE,
        Type.LIST,
        "",
        (name, value) -> sensitivityOf(name, listOf(value)),
        Importance.LOW,
        "Sensitive levels to read besides the other properties: sensitive, highly_sensitive"
            + " (each needs its own scopes). Empty: none.",
        GROUP_HUBSPOT,
        ++order,
        ConfigDef.Width.MEDIUM,
        "Sensitive properties");
    def.define(
        TIER,
        Type.STRING,
        "free",
        (name, value) -> {
          if (ApiTier.of((String) value).isEmpty()) {
            throw new ConfigException(name, value, "use one of " + ApiTier.labels());
          }
        },
        Importance.MEDIUM,
        "The portal's API tier, which sizes the request budget (100, 100, 190, 190, 250 per 10"
            + " seconds) until HubSpot's rate-limit headers say otherwise. One connector per"
            + " portal: two would share, and overrun, its budget.",
        GROUP_HUBSPOT,
        ++order,
        ConfigDef.Width.SHORT,
        "API tier");
    def.define(
        RATE_LIMIT,
        Type.INT,
        null,
        (name, value) -> {
          if (value != null && (Integer) value < 10) {
            throw new ConfigException(
                name, value, "give at least 10 requests per 10 seconds, or leave it out");
          }
        },
        Importance.LOW,
        "At most this many requests per 10 seconds, whatever HubSpot's headers say (overrides"
            + " hubspot.tier). Empty: the tier's budget, learnt from HubSpot's headers.",
        GROUP_HUBSPOT,
        ++order,
        ConfigDef.Width.SHORT,
        "Rate limit");
    order = 0;
    def.define(
        TOPIC_PREFIX,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        (name, value) -> checkPrefix(name, (String) value),
        Importance.HIGH,
        "The start of every topic's name: {prefix}.{object} (keyed by record id),"
            + " {prefix}.{from}_{to} (association pairs), {prefix}.owners, {prefix}.pipelines,"
            + " {prefix}.pipeline_stages. Letters, digits, '.', '_' and '-'. The topics are meant"
            + " to be compacted: set topic.creation.default.cleanup.policy=compact (with"
            + " topic.creation.default.replication.factor and .partitions) or create them so.",
        GROUP_TOPICS,
        ++order,
        ConfigDef.Width.MEDIUM,
        "Topic prefix");
    order = 0;
    def.define(
        POLL_INTERVAL_MS,
        Type.LONG,
        300_000L,
        ConfigDef.Range.atLeast(1),
        Importance.MEDIUM,
        "The pause between two passes over HubSpot's changes, in milliseconds.",
        GROUP_SYNC,
        ++order,
        ConfigDef.Width.SHORT,
        "Poll interval");
    def.define(
        LOOKBACK_MS,
        Type.LONG,
        3_600_000L,
        ConfigDef.Range.atLeast(0),
        Importance.LOW,
        "How far before the last pass each pass looks for changes, in milliseconds: HubSpot's"
            + " search shows writes late.",
        GROUP_SYNC,
        ++order,
        ConfigDef.Width.SHORT,
        "Lookback");
    def.define(
        VERIFY_INTERVAL_MS,
        Type.LONG,
        86_400_000L,
        ConfigDef.Range.atLeast(0),
        Importance.MEDIUM,
        "How often each object's live ids are compared with the keys its topic holds, in"
            + " milliseconds: records deleted for good get their tombstone only so (and"
            + " records restored come back). 0: never. Needs readback.bootstrap.servers.",
        GROUP_SYNC,
        ++order,
        ConfigDef.Width.SHORT,
        "Delete verification interval");
    def.define(
        FULL_REREAD_INTERVAL_MS,
        Type.LONG,
        86_400_000L,
        ConfigDef.Range.atLeast(0),
        Importance.MEDIUM,
        "How often every link of every pair is read again, in milliseconds: a removed link gets"
            + " its tombstone only so. 0: never. Needs readback.bootstrap.servers.",
        GROUP_SYNC,
        ++order,
        ConfigDef.Width.SHORT,
        "Full association re-read interval");
    def.define(
        READBACK_BOOTSTRAP_SERVERS,
        Type.STRING,
        null,
        Importance.MEDIUM,
        "The Kafka cluster the topics are in, for the task to read their keys back (a source"
            + " task sees nothing of what it wrote). Required while "
            + VERIFY_INTERVAL_MS
            + " or "
            + FULL_REREAD_INTERVAL_MS
            + " is above 0. Consumer settings (security) as readback.consumer.*; the keys are"
            + " decoded with this connector's key.converter if set, else as JSON (the worker's"
            + " key.converter is not visible to the connector: set it here too if it is not"
            + " JSON).",
        GROUP_SYNC,
        ++order,
        ConfigDef.Width.LONG,
        "Read-back bootstrap servers");
    return def;
  }

  // ---- checks ----------------------------------------------------------------------------------

  /**
   * The rule across keys, as {@code validate()} and the constructor apply it: an interval above 0
   * reads the topics back, which needs the cluster's address.
   */
  static Optional<String> crossKeyProblem(Map<String, String> props) {
    long verify = longOr(props.get(VERIFY_INTERVAL_MS), 86_400_000L);
    long full = longOr(props.get(FULL_REREAD_INTERVAL_MS), 86_400_000L);
    String servers = props.get(READBACK_BOOTSTRAP_SERVERS);
    if ((verify > 0 || full > 0) && (servers == null || servers.isBlank())) {
      return Optional.of(
          READBACK_BOOTSTRAP_SERVERS
              + " is required while "
              + VERIFY_INTERVAL_MS
              + " ("
              + verify
              + ") or "
              + FULL_REREAD_INTERVAL_MS
              + " ("
              + full
              + ") is above 0: the task reads its topics' keys back to find deleted records and"
              + " removed links. Give the Kafka cluster's bootstrap servers, or set both"
              + " intervals to 0 (then hard deletes and removed links leave no tombstone).");
    }
    return Optional.empty();
  }

  /**
   * What {@code validate()} warns of: the topics are read back while the connector names no {@code
   * key.converter}, so the keys are decoded as JSON; a worker whose own key.converter is another
   * (Avro, String) wrote them otherwise, and every verify and full pass would fail.
   */
  static Optional<String> keyConverterWarning(Map<String, String> props) {
    long verify = longOr(props.get(VERIFY_INTERVAL_MS), 86_400_000L);
    long full = longOr(props.get(FULL_REREAD_INTERVAL_MS), 86_400_000L);
    if ((verify > 0 || full > 0) && !props.containsKey("key.converter")) {
      return Optional.of(
          "The connector "
              + props.getOrDefault(TOPIC_PREFIX, "")
              + " reads its topics' keys back as JSON: it sets no key.converter, and cannot see"
              + " the worker's. If the worker's key.converter is not JsonConverter, set"
              + " key.converter (and its key.converter.* settings) on the connector too, or its"
              + " verify and full passes fail");
    }
    return Optional.empty();
  }

  private static long longOr(String text, long otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return otherwise; // its own check names it
    }
  }

  private static void checkBaseUrl(String name, String value) {
    URI uri;
    try {
      uri = new URI(value == null ? "" : value.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException(name, value, "not a URL: give https://api.hubapi.com or yours");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    // the base URL is logged and shown: it must carry no secret
    if (uri.getRawUserInfo() != null) {
      throw new ConfigException(
          name,
          "(a URL with user:password@, not shown)",
          "give the URL without user:password@: the access token is the only credential, and the"
              + " base URL is logged");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigException(
          name,
          "(a URL with a query or fragment, not shown)",
          "give the URL without ?… or #…, like https://api.hubapi.com: the base URL is logged");
    }
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new ConfigException(
          name, value, "give an https:// URL with a host, like https://api.hubapi.com");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw new ConfigException(
          name,
          value,
          "http:// sends the access token in clear: use https://, or http:// on this machine"
              + " only (localhost, 127.0.0.1)");
    }
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      // a literal address only: a name is not looked up (no DNS inside a check)
      return literal.matches("[0-9.]+|[0-9a-fA-F:]+")
          && InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void checkPrefix(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(name, value, "give the start of the topics' names, e.g. hubspot");
    }
    if (!TOPIC_CHARACTERS.matcher(value).matches()
        || value.equals(".")
        || value.equals("..")
        || value.length() > MAX_PREFIX) {
      throw new ConfigException(
          name,
          value,
          "a topic name takes letters, digits, '.', '_' and '-' only, at most "
              + MAX_PREFIX
              + " of them here: e.g. hubspot or crm.portal-123");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> listOf(Object value) {
    return value == null ? List.of() : (List<String>) value;
  }

  private static void checkNames(String name, List<String> items, String expected) {
    for (String item : items) {
      if (item.isBlank() || item.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException(
            name, String.join(",", items), "give " + expected + ", separated by commas");
      }
    }
  }

  private static void checkObjects(String name, List<String> items) {
    checkNames(name, items, "object names, e.g. contacts,deals (empty: the standard objects)");
    for (String item : items) {
      rejectTypo(name, item);
    }
  }

  private static void rejectTypo(String name, String object) {
    ObjectCatalog.likelyTypoOf(object)
        .ifPresent(
            meant -> {
              throw new ConfigException(
                  name,
                  object,
                  "unknown object: did you mean "
                      + meant
                      + "? Valid names: "
                      + ObjectCatalog.standardOnly().validNames()
                      + ", a custom object's name or type id (2-…), or all");
            });
  }

  private static void checkPairs(String name, List<String> items) {
    if (items.size() == 1 && items.get(0).equalsIgnoreCase("none")) {
      return;
    }
    for (String item : items) {
      if (!item.matches("[^:\\s]+:[^:\\s]+")) {
        throw new ConfigException(
            name, item, "give from:to pairs separated by commas (deals:companies), or none");
      }
      String[] sides = item.split(":");
      rejectTypo(name, sides[0]);
      rejectTypo(name, sides[1]);
    }
  }

  private static void checkHistory(String name, List<String> items) {
    for (String item : items) {
      int dot = item.indexOf('.');
      if (item.isBlank()
          || dot == 0
          || dot == item.length() - 1
          || item.indexOf('.', dot + 1) >= 0
          || item.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException(
            name,
            item,
            "give property names, or object.property (deals.dealstage), or all, separated by"
                + " commas");
      }
      if (dot > 0) {
        rejectTypo(name, item.substring(0, dot));
      }
    }
  }

  private static Set<DataSensitivity> sensitivityOf(String name, List<String> items) {
    Set<DataSensitivity> levels = EnumSet.noneOf(DataSensitivity.class);
    for (String item : items) {
      switch (item.trim().toLowerCase(Locale.ROOT)) {
        case "sensitive" -> levels.add(DataSensitivity.SENSITIVE);
        case "highly_sensitive" -> levels.add(DataSensitivity.HIGHLY_SENSITIVE);
        default ->
            throw new ConfigException(
                name, item, "give sensitive, highly_sensitive or both, separated by commas");
      }
    }
    return levels;
  }

  // ---- typed values ----------------------------------------------------------------------------

  /** The token, as the client sends it; never logged. */
  Password accessToken() {
    return getPassword(ACCESS_TOKEN);
  }

  URI baseUrl() {
    return URI.create(getString(BASE_URL).trim());
  }

  String topicPrefix() {
    return getString(TOPIC_PREFIX);
  }

  /** What to read, as the engine's planner takes it (the CLI's pull request, without a folder). */
  PullRequest pullRequest() {
    List<String> pairs = getList(ASSOCIATIONS);
    AssociationSelection selection;
    if (pairs.isEmpty()) {
      selection = new AssociationSelection.Defaults();
    } else if (pairs.size() == 1 && pairs.get(0).equalsIgnoreCase("none")) {
      selection = new AssociationSelection.None();
    } else {
      List<AssociationSelection.Pair> listed = new ArrayList<>();
      for (String pair : pairs) {
        String[] sides = pair.split(":");
        listed.add(new AssociationSelection.Pair(sides[0], sides[1], List.of()));
      }
      selection = new AssociationSelection.Listed(listed);
    }
    return new PullRequest(
        getList(OBJECTS),
        selection,
        getList(PROPERTIES),
        OptionalLong.empty(),
        Path.of("."), // a plan's folder: nothing is written to it
        sensitivityOf(SENSITIVE, getList(SENSITIVE)),
        new ReadOptions(1, false), // one list cursor: the task sends in order, one page at a time
        getList(HISTORY));
  }

  /** Requests per 10 seconds: the rate limit, else the tier's. */
  int perTenSeconds() {
    Integer limit = getInt(RATE_LIMIT);
    return limit != null ? limit : ApiTier.of(getString(TIER)).orElseThrow().perTenSeconds();
  }

  /** Whether HubSpot's headers may resize the budget: not once a rate limit is given. */
  boolean learnsRateLimit() {
    return getInt(RATE_LIMIT) == null;
  }

  Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
  }

  Pass.Timing timing() {
    return new Pass.Timing(
        getLong(LOOKBACK_MS), getLong(VERIFY_INTERVAL_MS), getLong(FULL_REREAD_INTERVAL_MS));
  }

  /** Whether the task reads its topics back (a verify or full pass is configured). */
  boolean readsBack() {
    return getLong(VERIFY_INTERVAL_MS) > 0 || getLong(FULL_REREAD_INTERVAL_MS) > 0;
  }

  /** The read-back consumer's settings: the bootstrap servers and {@code readback.consumer.*}. */
  Map<String, Object> readbackConsumer() {
    Map<String, Object> settings = new HashMap<>(originalsWithPrefix(READBACK_CONSUMER_PREFIX));
    settings.put("bootstrap.servers", getString(READBACK_BOOTSTRAP_SERVERS));
    settings.putIfAbsent("client.id", "hubspot-readback-" + topicPrefix());
    return settings;
  }
}
