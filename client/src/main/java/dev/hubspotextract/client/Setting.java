package dev.hubspotextract.client;

import java.util.Objects;

/**
 * A setting of a pull or a query that a message may tell the user to change, named in {@link
 * #words() words} ("choose another output folder"). How a user gives a setting is the front end's
 * business alone (the command line has a flag for each, a Kafka Connect plugin would have a config
 * key), so the client, the engine and the analysis name settings only in words, and a message that
 * names some carries them ({@link UserText}, {@link CategorizedException#settings()}) for the front
 * end to add its own name for each.
 */
public enum Setting {
  /** Where a pull writes its files. */
  OUTPUT_FOLDER("output folder"),
  /** Discarding an unfinished pull instead of resuming it. */
  RESTART("start over"),
  /** The server the pull reads from. */
  BASE_URL("base URL"),
  /** The private app token. */
  ACCESS_TOKEN("access token"),
  /** The objects a pull reads. */
  OBJECTS("objects to pull"),
  /** The properties a pull keeps of each object. */
  PROPERTIES("properties to pull"),
  /** At most how many records of each object a pull reads. */
  RECORD_LIMIT("record limit"),
  /** The association files a pull writes. */
  ASSOCIATIONS("association files"),
  /** The properties whose history of values a pull writes. */
  HISTORY("property history"),
  /** The file format a pull leaves its tables in. */
  FORMAT("file format"),
  /**
   * The HTTP proxy. {@link ProxySettings} names it as the front end does ({@link
   * ProxySettings#choose}'s {@code givenBy}), beside the environment's proxy variables, which it
   * reads itself.
   */
  PROXY("proxy setting"),
  /** Certificate authorities trusted besides Java's own. */
  CA_CERT("CA certificate file"),
  /** How long a request may wait for its whole answer. */
  REQUEST_TIMEOUT("request timeout"),
  /** How long connecting may take, TLS handshake included. */
  CONNECT_TIMEOUT("connect timeout"),
  /** The largest answer a request reads. */
  MAX_BODY_SIZE("body size limit"),
  /** The folder a query or a join reads: a pulled folder. */
  INPUT_FOLDER("pulled folder"),
  /** The file a query or a join writes its rows to. */
  RESULT_FILE("result file"),
  /** How many rows a query or a join prints without a result file. */
  MAX_ROWS("rows shown"),
  /** Letting a query open files outside the pulled folder. */
  ALLOW_EXTERNAL("external access"),
  /** A join following primary links only. */
  PRIMARY_ONLY("primary links only"),
  /** A join following links of one label only. */
  LABEL("label filter"),
  /** The columns a join outputs. */
  COLUMNS("output columns");

  private final String words;

  Setting(String words) {
    this.words = Objects.requireNonNull(words, "words is null");
  }

  /**
   * How messages name the setting, in lower case as in the middle of a sentence: a message that
   * carries the setting holds these words, and a front end adds its own name for the setting after
   * them ("choose another output folder (--out)").
   */
  public String words() {
    return words;
  }
}
