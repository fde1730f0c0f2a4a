package dev.hubspotextract.connect;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics' keys as one pass reads them back, for its verify and full passes. A read that fails
 * (readback.bootstrap.servers not answering, an ACL, a key the key converter cannot read, a
 * timeout) is said in one WARN, and no other read is tried in that pass: the streams follow their
 * changes as in any pass, and keep the time of their last verify, so the next pass tries again.
 */
final class ReadBack {
  private static final Logger LOG = LoggerFactory.getLogger(ReadBack.class);

  private final TopicKeys topicKeys; // null: no verify or full pass is configured
  private boolean failed;

  ReadBack(TopicKeys topicKeys) {
    this.topicKeys = topicKeys;
  }

  /** Whether the topics are read back at all (an interval above 0). */
  boolean configured() {
    return topicKeys != null;
  }

  /** The keys {@code topic} holds, or empty when they cannot be read in this pass. */
  Optional<Set<Object>> keys(String topic) {
    if (topicKeys == null || failed) {
      return Optional.empty();
    }
    try {
      return Optional.of(topicKeys.keys(topic));
    } catch (RuntimeException e) {
      if (e instanceof InterruptException
          || e instanceof RecordQueue.Stopped
          || Thread.currentThread().isInterrupted()) {
        throw e; // the task is stopping
      }
      failed = true;
      LOG.warn(
          "Reading topic {} back failed ({}): this pass makes no verify or full pass. Check {}"
              + " and {}* (and the connector's key.converter, which must be the one the topics"
              + " were written with); the next pass tries again",
          topic,
          e.toString(),
          HubSpotSourceConfig.READBACK_BOOTSTRAP_SERVERS,
          HubSpotSourceConfig.READBACK_CONSUMER_PREFIX);
      return Optional.empty();
    }
  }
}
